"""Benchmark: a full inventory load of a large world from the in-process ARM emulator.

Prints figures; it is not a test (pytest collects only ``test_*.py``). Run from the repository:

    uv run python tests/bench/bench_inventory.py
    uv run python tests/bench/bench_inventory.py --subscriptions 12 --vms 84 --runs 1 --profile

The world is built in memory in the seed format of ``jitdesk/emulator/SEED.md``: by default 120
subscriptions in two tenants, 84 VMs each (10,080 VMs), every VM with a NIC and a public IP, one
JIT policy per resource group covering half its VMs, and some request history. The emulator
serves it on 127.0.0.1 only. The app's own backend (``open_backend`` in ``--emulator`` mode,
which asks the emulator's ``/.well-known`` endpoint for the demo account) and its
``InventoryService`` (default pool sizes, as the app creates it) load everything, once without
added latency and once with ``--latency-ms`` per request. DESIGN.md ("Measured: where the time
goes at scale") has the sequential SDK figures to compare with: 4.9 s without latency and
36.9 s at 50 ms, for 601 requests.
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import io
import logging
import os
import platform
import pstats
import resource
import statistics
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from jitdesk.domain.errors import CloudError
from jitdesk.domain.model import Subscription, Tenant
from jitdesk.emulator import Emulator
from jitdesk.emulator.clock import EmulatorClock
from jitdesk.services.backend import Backend, ConnectionOptions, open_backend
from jitdesk.services.inventory import InventoryService, SubscriptionInventory

# DESIGN.md, "Measured: where the time goes at scale": a plain sequential script with the SDKs.
DESIGN_REQUESTS = 601
DESIGN_SECONDS = {0: 4.9, 50: 36.9}

# The app builds InventoryService(backend.gateway) with the default pool sizes; so does this.
MAX_CALLS = inspect.signature(InventoryService).parameters["max_calls"].default
LOAD_TIMEOUT = 900.0  # seconds; a load that takes longer is reported as hung
VMS_PER_GROUP = 21
REGIONS = ("westeurope", "northeurope", "germanywestcentral", "swedencentral", "eastus2")
SIZES = ("Standard_D2s_v5", "Standard_D4s_v5", "Standard_B2ms", "Standard_E4s_v5")
NAMESPACE = uuid.UUID("6f1c2a52-8d1e-4a57-9a43-0b3c5e7d9f10")


def _guid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


# --- the world ---------------------------------------------------------------------------------


def _vm(sub_no: int, group_no: int, index: int, public_no: int) -> dict[str, Any]:
    """One ARM VM: Linux or Windows, two subnets (NSG on the NIC or on the subnet)."""
    windows = index % 3 == 2
    in_data_subnet = index % 2 == 1
    if in_data_subnet:
        nsg = "both" if index % 5 == 0 else "subnet"
    else:
        nsg = "none" if index % 14 == 6 else "nic"
    if index % 13 == 12:
        power = "stopped"
    elif index % 6 == 5:
        power = "deallocated"
    else:
        power = "running"
    # Public addresses must be unique in 127.0.0.0/8 and never 127.0.0.1.
    high, low = divmod(public_no, 250)
    return {
        "name": f"vm-{'win' if windows else 'lnx'}-{sub_no:03d}-{group_no:02d}-{index:03d}",
        "os": "Windows" if windows else "Linux",
        "size": SIZES[(index + sub_no) % len(SIZES)],
        "power": power,
        "private_ip": f"10.{group_no}.{2 if in_data_subnet else 1}.{4 + index // 2}",
        "public_ip": f"127.{1 + high // 250}.{high % 250}.{2 + low}",
        "subnet": "snet-data" if in_data_subnet else "snet-web",
        "nsg": nsg,
        "tags": {"env": "prod" if sub_no % 2 else "dev", "owner": f"team-{group_no}"},
    }


def _ports(vm: dict[str, Any], index: int) -> list[dict[str, Any]]:
    source: str | list[str] = "*" if index % 4 else ["203.0.113.0/24", "198.51.100.7"]
    if vm["os"] == "Windows":
        return [
            {"number": 3389, "protocol": "TCP", "source": source, "max_duration": "PT3H"},
            {"number": 5986, "protocol": "TCP", "source": source, "max_duration": "PT1H"},
        ]
    return [{"number": 22, "protocol": "TCP", "source": source, "max_duration": "PT8H"}]


def _requests(covered: list[dict[str, Any]], group_no: int, upn: str) -> list[dict[str, Any]]:
    """History: two expired requests, and one still open in every third group."""

    def entry(vm: dict[str, Any], end: str, source: str) -> dict[str, Any]:
        port = 3389 if vm["os"] == "Windows" else 22
        return {"vm": vm["name"], "ports": [{"number": port, "end": end, "source": source}]}

    history = [
        {
            "requestor": upn,
            "start": "now-P3D",
            "justification": "Patch window",
            "vms": [entry(covered[0], "now-P2DT21H", "203.0.113.10")],
        },
        {
            "requestor": "ops.contractor@fabrikam.example",
            "start": "now-P1D",
            "justification": "Incident 4711",
            "vms": [entry(vm, "now-PT23H", "198.51.100.7") for vm in covered[:3]],
        },
    ]
    if group_no % 3 == 0:
        history.append(
            {
                "requestor": upn,
                "start": "now-PT30M",
                "justification": "Deploy release",
                "vms": [entry(covered[0], "now+PT2H30M", "203.0.113.10")],
            }
        )
    return history


def build_seed(subscriptions: int, vms_per_subscription: int) -> dict[str, Any]:
    """A seed dict (SEED.md format): two tenants, the user a guest in the second."""
    home, guest = _guid("tenant", 0), _guid("tenant", 1)
    upn = "alex.morgan@contoso.example"
    tenants: list[dict[str, Any]] = [
        {
            "id": home,
            "name": "Contoso",
            "default_domain": "contoso.example",
            "subscriptions": [],
        },
        {
            "id": guest,
            "name": "Fabrikam",
            "default_domain": "fabrikam.example",
            "user_object_id": _guid("guest-oid"),
            "subscriptions": [],
        },
    ]
    groups_per_sub = max(1, -(-vms_per_subscription // VMS_PER_GROUP))
    if groups_per_sub > 250:
        raise SystemExit("--vms: at most 5,250 VMs per subscription (250 groups of 21)")
    public_no = 0
    for sub_no in range(subscriptions):
        groups = []
        for group_no in range(groups_per_sub):
            first = group_no * VMS_PER_GROUP
            count = min(VMS_PER_GROUP, vms_per_subscription - first)
            vms = []
            for index in range(count):
                vms.append(_vm(sub_no, group_no, index, public_no))
                public_no += 1
            group: dict[str, Any] = {
                "name": f"rg-app-{group_no:02d}",
                "region": REGIONS[(sub_no + group_no) % len(REGIONS)],
                "vms": vms,
            }
            covered = vms[: (count + 1) // 2]
            if covered:
                group["jit_policies"] = [
                    {
                        "name": "default",
                        "vms": [
                            {"vm": vm["name"], "ports": _ports(vm, i)}
                            for i, vm in enumerate(covered)
                        ],
                        "requests": _requests(covered, group_no, upn),
                    }
                ]
            groups.append(group)
        subscription: dict[str, Any] = {
            "id": _guid("subscription", sub_no),
            "name": f"Contoso {'Production' if sub_no % 2 else 'Development'} {sub_no:03d}",
            "resource_groups": groups,
        }
        if sub_no % 10 == 9:
            subscription["defender_for_servers"] = {"tier": "Free"}
        elif sub_no % 7 == 6:
            subscription["defender_for_servers"] = {"tier": "Standard", "sub_plan": "P1"}
        # Two thirds in the home tenant, one third in the tenant the user is a guest in.
        tenants[1 if sub_no % 3 == 2 else 0]["subscriptions"].append(subscription)
    return {
        "description": "bench_inventory.py: generated large world",
        "user": {
            "upn": upn,
            "name": "Alex Morgan",
            "object_id": _guid("user-oid"),
            "home_tenant": home,
        },
        "tenants": tenants,
    }


# --- observing a load --------------------------------------------------------------------------


class TimingListener:
    """An InventoryListener that notes when each subscription arrives (worker threads call it)."""

    def __init__(self, started: float) -> None:
        self.started = started
        self.done = threading.Event()
        self._lock = threading.Lock()
        self.arrivals: list[float] = []
        self.inventories: list[SubscriptionInventory] = []
        self.expected = 0
        self.tenants: list[Tenant] = []
        self.failures: list[str] = []
        self.peak_threads = threading.active_count()

    def tenants_loaded(self, tenants: list[Tenant]) -> None:
        self.tenants = list(tenants)

    def subscriptions_loaded(self, tenant: Tenant, subscriptions: list[Subscription]) -> None:
        with self._lock:
            self.expected += len(subscriptions)

    def subscription_loaded(self, inventory: SubscriptionInventory) -> None:
        now = time.perf_counter()
        with self._lock:
            self.arrivals.append(now - self.started)
            self.inventories.append(inventory)
            self.peak_threads = max(self.peak_threads, threading.active_count())

    def tenant_failed(self, tenant: Tenant, error: CloudError) -> None:
        with self._lock:
            self.failures.append(f"tenant {tenant.display_name}: {error}")

    def load_failed(self, error: CloudError) -> None:
        with self._lock:
            self.failures.append(f"load: {error}")
        self.done.set()

    def load_finished(self) -> None:
        self.done.set()


class LogCounter(logging.Handler):
    """Counts warnings and errors logged anywhere (urllib3 pool warnings, emulator crashes)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.counts: Counter[tuple[str, str, str]] = Counter()
        self.examples: dict[tuple[str, str, str], str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        key = (record.levelname, record.name, str(record.msg)[:80])
        self.counts[key] += 1
        self.examples.setdefault(key, record.getMessage()[:300])


@dataclass
class RunResult:
    latency_ms: int
    label: str
    wall: float
    cpu: float
    first_sub: float | None
    subscriptions: int
    vms: int
    requests: int
    not_ok: int
    sub_errors: int
    peak_threads: int
    kinds: Counter[str] = field(default_factory=Counter)
    jit_mix: Counter[str] = field(default_factory=Counter)


def _kind(path: str, query: dict[str, str]) -> str:
    lowered = path.lower()
    if lowered.startswith("/.well-known"):
        return "account"
    if lowered.endswith("/microsoft.compute/virtualmachines"):
        status_only = any(k.lower() == "statusonly" for k in query)
        return "power states" if status_only else "VMs"
    for suffix, name in (
        ("/networkinterfaces", "NICs"),
        ("/publicipaddresses", "public IPs"),
        ("/virtualnetworks", "VNets"),
        ("classiccompute/virtualmachines", "classic VMs"),
        ("/jitnetworkaccesspolicies", "JIT policies"),
        ("/pricings/virtualmachines", "pricing"),
        ("/tenants", "tenants"),
        ("/subscriptions", "subscriptions"),
    ):
        if lowered.endswith(suffix):
            return name
    return "other"


def _served(emu: Emulator) -> tuple[int, int, Counter[str]]:
    recorded = emu.requests
    if len(recorded) >= 10_000:
        print("  note: the emulator keeps the last 10,000 requests only; counts are a floor")
    kinds = Counter(_kind(r.path, r.query) for r in recorded)
    not_ok = sum(1 for r in recorded if not 200 <= r.status < 300)
    return len(recorded), not_ok, kinds


def _jit_mix(inventories: list[SubscriptionInventory], now: datetime) -> Counter[str]:
    """How many VMs are in each JIT state: a check that the world is the mix it should be."""
    return Counter(inv.state_of(vm, now).kind.value for inv in inventories for vm in inv.vms)


def _open_backend(emu: Emulator) -> Backend:
    """The backend exactly as ``jitdesk --emulator URL --ca-bundle PATH`` builds it."""
    return open_backend(ConnectionOptions(emulator_url=emu.url, ca_bundle=emu.ca_bundle))


def timed_load(service: InventoryService, emu: Emulator, latency_ms: int, label: str) -> RunResult:
    """One full load through ``InventoryService.load`` with a timing listener."""
    emu.clear_requests()
    cpu_started = time.process_time()
    started = time.perf_counter()
    listener = TimingListener(started)
    handle = service.load(listener)
    # handle.wait is a threading.Event; it is set after load_finished / load_failed, and also
    # when the load dies of an exception that no listener call reports.
    if not handle.wait(LOAD_TIMEOUT):
        handle.cancel()
        raise SystemExit(f"{label}: the load did not finish within {LOAD_TIMEOUT:.0f} s")
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    if not listener.done.is_set():
        print(f"  {label}: the load ended without load_finished/load_failed (see log above)")
    for failure in listener.failures:
        print(f"  {label}: {failure}")
    requests, not_ok, kinds = _served(emu)
    if len(listener.inventories) != listener.expected:
        print(f"  {label}: {len(listener.inventories)} of {listener.expected} subscriptions")
    return RunResult(
        latency_ms=latency_ms,
        label=label,
        wall=wall,
        cpu=cpu,
        first_sub=min(listener.arrivals) if listener.arrivals else None,
        subscriptions=len(listener.inventories),
        vms=sum(len(inv.vms) for inv in listener.inventories),
        requests=requests,
        not_ok=not_ok,
        sub_errors=sum(
            1 for inv in listener.inventories if inv.error or inv.policy_error or inv.plan_error
        ),
        peak_threads=listener.peak_threads,
        kinds=kinds,
        jit_mix=_jit_mix(listener.inventories, emu.clock.now()),
    )


def load_all_run(service: InventoryService, emu: Emulator, latency_ms: int) -> RunResult:
    """The blocking API the command line uses; no per-subscription times from it."""
    emu.clear_requests()
    cpu_started = time.process_time()
    started = time.perf_counter()
    inventory = service.load_all()
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    requests, not_ok, kinds = _served(emu)
    if inventory.error or inventory.tenant_errors:
        print(f"  load_all: error {inventory.error}, tenant errors {inventory.tenant_errors}")
    return RunResult(
        latency_ms=latency_ms,
        label="load_all (warm)",
        wall=wall,
        cpu=cpu,
        first_sub=None,
        subscriptions=len(inventory.subscriptions),
        vms=sum(len(s.vms) for s in inventory.subscriptions),
        requests=requests,
        not_ok=not_ok,
        sub_errors=sum(
            1 for s in inventory.subscriptions if s.error or s.policy_error or s.plan_error
        ),
        peak_threads=threading.active_count(),
        kinds=kinds,
    )


def run_setting(emu: Emulator, latency_ms: int, runs: int) -> list[RunResult]:
    """A fresh backend and service (the cold run), the same ones again for the warm runs."""
    emu.faults.latency = latency_ms / 1000
    results: list[RunResult] = []
    backend = _open_backend(emu)
    service = InventoryService(backend.gateway)
    try:
        for run in range(runs):
            label = f"run {run + 1} ({'cold' if run == 0 else 'warm'})"
            results.append(timed_load(service, emu, latency_ms, label))
            _print_row(results[-1])
        results.append(load_all_run(service, emu, latency_ms))
        _print_row(results[-1])
    finally:
        service.shutdown()
        backend.close()
        emu.faults.latency = 0.0
    return results


# --- profiling all threads ---------------------------------------------------------------------


def profiled_load(emu: Emulator, dump: str | None) -> None:
    """One cold, no-latency load with a CPU-time profiler in every thread it starts.

    ``python -m cProfile`` only sees the main thread, which here just waits. This profiles the
    load thread, the pool workers and the emulator's connection threads (client and server
    share this process and its GIL), merged, with each thread's CPU time as the clock.
    """
    profiles: list[tuple[threading.Thread, cProfile.Profile]] = []
    lock = threading.Lock()

    def start_profiler(frame: Any, event: str, arg: Any) -> None:
        profiler = cProfile.Profile(time.thread_time)
        with lock:
            profiles.append((threading.current_thread(), profiler))
        profiler.enable()  # replaces this hook for the rest of the thread's life

    threading.setprofile(start_profiler)
    try:
        backend = _open_backend(emu)
        service = InventoryService(backend.gateway)
        try:
            result = timed_load(service, emu, 0, "profiled (cold)")
        finally:
            service.shutdown()
            backend.close()
    finally:
        threading.setprofile(None)
    for thread, _ in profiles:
        if thread is not threading.current_thread():
            thread.join(timeout=5)  # the emulator's connection threads end with the close
    print()
    print(
        f"Profile of one cold load without latency ({result.wall:.2f} s wall under the profiler, "
        f"{len(profiles)} threads profiled, CPU time per thread, merged):"
    )
    stats = pstats.Stats(*(p for _, p in profiles))
    total = sum(t for (_, _, t, _, _) in stats.stats.values())  # type: ignore[attr-defined]
    print(f"  total CPU in profiled threads: {total:.2f} s")
    if dump:
        stats.dump_stats(dump)
        print(f"  merged profile written to {dump} (python -m pstats {dump})")
    stats.strip_dirs()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats.stream = out  # type: ignore[attr-defined]
        stats.sort_stats(order).print_stats(15)
        lines = out.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if "ncalls" in line)
        print(f"\n  top 15 by {order}:")
        for line in lines[start:]:
            if line.strip():
                print("  " + line)


# --- output ------------------------------------------------------------------------------------

HEADER = (
    f"{'latency':>7}  {'run':<16}{'wall s':>8}{'CPU s':>7}{'1st sub s':>11}{'subs':>6}{'VMs':>8}"
    f"{'requests':>10}{'non-2xx':>9}{'sub errs':>9}{'threads':>9}"
)


def _print_row(r: RunResult) -> None:
    first = f"{r.first_sub:.3f}" if r.first_sub is not None else "-"
    print(
        f"{r.latency_ms:>5}ms  {r.label:<16}{r.wall:>8.2f}{r.cpu:>7.2f}{first:>11}"
        f"{r.subscriptions:>6}"
        f"{r.vms:>8}{r.requests:>10}{r.not_ok:>9}{r.sub_errors:>9}{r.peak_threads:>9}",
        flush=True,
    )


def _median_row(results: list[RunResult]) -> None:
    runs = [r for r in results if r.label.startswith("run")]
    wall = statistics.median(r.wall for r in runs)
    firsts = [r.first_sub for r in runs if r.first_sub is not None]
    first = f"{statistics.median(firsts):.3f}" if firsts else "-"
    latency = runs[0].latency_ms
    cpu = statistics.median(r.cpu for r in runs)
    label = f"median of {len(runs)}"
    print(f"{latency:>5}ms  {label:<16}{wall:>8.2f}{cpu:>7.2f}{first:>11}")


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _timed(what: str, fn: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = fn()
    print(f"  {what}: {time.perf_counter() - started:.2f} s (peak RSS {_rss_mib():.0f} MiB)")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=120, metavar="N")
    parser.add_argument("--vms", type=int, default=84, metavar="N", help="VMs per subscription")
    parser.add_argument("--page-size", type=int, default=100, metavar="N")
    parser.add_argument("--latency-ms", type=int, default=50, metavar="N", help="second setting")
    parser.add_argument("--runs", type=int, default=3, metavar="N", help="1 cold, then warm")
    parser.add_argument("--profile", action="store_true", help="profile a no-latency load")
    parser.add_argument("--profile-out", metavar="PATH", help="also write that profile here")
    args = parser.parse_args(argv)
    if args.subscriptions < 1 or args.vms < 1 or args.page_size < 1 or args.runs < 1:
        parser.error("--subscriptions, --vms, --page-size and --runs must be at least 1")
    if args.latency_ms < 0:
        parser.error("--latency-ms must not be negative")

    log_counter = LogCounter()
    logging.getLogger().addHandler(log_counter)
    logging.captureWarnings(True)

    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    print(
        f"Machine: {cores} cores ({usable} usable), Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}"
    )
    print(
        f"World: {args.subscriptions} subscriptions x {args.vms} VMs = "
        f"{args.subscriptions * args.vms:,} VMs (NIC + public IP each), page size {args.page_size}"
    )
    print("Setup:")
    seed = _timed("build seed dict", lambda: build_seed(args.subscriptions, args.vms))
    clock = EmulatorClock(datetime.now(UTC))
    emu: Emulator = _timed(
        "Emulator(seed) (validate + expand)",
        lambda: Emulator(seed, page_size=args.page_size, clock=clock),
    )
    _timed("emulator start (TLS files, bind 127.0.0.1)", emu.start)
    print(f"  emulator at {emu.url}")

    settings = [0] if args.latency_ms == 0 else [0, args.latency_ms]
    all_results: list[list[RunResult]] = []
    try:
        print()
        print(
            "wall: load start to end; CPU: this process, client and in-process emulator together;"
            "\n1st sub: start to the first subscription_loaded; requests: served by the emulator;"
            "\nsub errs: subscriptions with an error kept; threads: peak threads in this process"
        )
        print(HEADER)
        for latency_ms in settings:
            results = run_setting(emu, latency_ms, args.runs)
            _median_row(results)
            all_results.append(results)
        if args.profile or args.profile_out:
            profiled_load(emu, args.profile_out)
    finally:
        emu.stop()

    print()
    first = all_results[0][0]
    print(
        "Requests served in the cold run, by kind: "
        + ", ".join(f"{kind} {n}" for kind, n in sorted(first.kinds.items(), key=lambda kv: -kv[1]))
    )
    print(
        "JIT states of the VMs loaded: "
        + ", ".join(
            f"{kind} {n}" for kind, n in sorted(first.jit_mix.items(), key=lambda kv: -kv[1])
        )
    )
    warm = all_results[0][1] if len(all_results[0]) > 1 else first
    print(
        f"Requests per warm load: {warm.requests} (DESIGN.md's sequential SDK script: "
        f"{DESIGN_REQUESTS}, without power states, VNets, classic VMs, policies, pricings)"
    )
    for results in all_results:
        runs = [r for r in results if r.label.startswith("run")]
        latency_ms = runs[0].latency_ms
        median = statistics.median(r.wall for r in runs)
        same_world = (args.subscriptions, args.vms, args.page_size) == (120, 84, 100)
        reference = DESIGN_SECONDS.get(latency_ms) if same_world else None
        line = f"Latency {latency_ms} ms: median {median:.2f} s"
        if reference is not None:
            line += f" vs {reference} s sequential in DESIGN.md (ratio {reference / median:.1f})"
        if latency_ms:
            floor = warm.requests * latency_ms / 1000 / MAX_CALLS
            line += f"; latency alone, {MAX_CALLS} calls in flight: {floor:.2f} s"
        print(line)
    print(f"Peak RSS: {_rss_mib():.0f} MiB; threads alive at the end: {threading.active_count()}")
    if log_counter.counts:
        print("Warnings and errors logged:")
        for key, count in log_counter.counts.most_common():
            print(f"  {count:>6} x {key[0]} {key[1]}: {log_counter.examples[key]}")
    else:
        print("Warnings and errors logged: none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
