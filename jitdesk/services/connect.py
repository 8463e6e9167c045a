"""Connect: make sure the user has access, wait until the port really answers, start the
client. Qt-free; :func:`connect` blocks and runs on a worker thread (or the command line)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from jitdesk.domain.access import AccessRequest, AccessTarget, SourceKind
from jitdesk.domain.clock import Clock
from jitdesk.domain.connect import Endpoint, endpoint_for, protocol_for
from jitdesk.domain.errors import CloudError
from jitdesk.domain.grants import Grant, open_grants
from jitdesk.domain.ids import ResourceId
from jitdesk.domain.model import JitPolicy, PolicyIndex, PowerState, Subscription, VirtualMachine
from jitdesk.domain.prefixes import contains, same_prefix
from jitdesk.domain.text import QT_TRANSLATE_NOOP, Text
from jitdesk.domain.wording import explain_error, format_duration
from jitdesk.launch.errors import NoClient
from jitdesk.launch.launchers import Launcher, LaunchPlan, choose_launcher, plan
from jitdesk.launch.probe import PortProbe, ProbeResult
from jitdesk.launch.route import NoRoute, local_address_towards
from jitdesk.launch.starter import start as default_start
from jitdesk.launch.targets import ConnectTarget
from jitdesk.services.access import RequestRefused, request_access

logger = logging.getLogger(__name__)

C = "ConnectFlow"


BARE = {
    "ssh": Launcher("ssh", "ssh", ("ssh", "-p", "{port}", "{user_at}{host}")),
    "rdp": Launcher("xfreerdp", "rdp", ("xfreerdp", "/v:{host}:{port}")),
}
"""What ``--print-only`` shows when no client is installed on this computer."""


class Step(Enum):
    CHECKING = "checking"
    REQUESTING = "requesting"
    WAITING = "waiting"
    LAUNCHING = "launching"


class ConnectGateway(Protocol):
    def get_policy(self, sub: Subscription, policy_id: ResourceId) -> JitPolicy | None: ...
    def initiate(self, sub: Subscription, policy_id: ResourceId, body: dict[str, Any]) -> Any: ...


@dataclass(frozen=True)
class ConnectOptions:
    """What the user chose or set: the port, address preference, user name, client."""

    port: int
    prefer: str = "auto"
    username: str | None = None
    client: str | None = None
    template: str = ""
    default_minutes: int = 60
    wait: timedelta = timedelta(seconds=90)
    print_only: bool = False


@dataclass
class ConnectOutcome:
    endpoint: Endpoint
    grant: Grant
    requested: bool
    probe: ProbeResult
    plan: LaunchPlan | None = None
    pid: int | None = None
    timings: dict[str, float] = field(default_factory=dict)


class ConnectFailed(Exception):
    """Connect stopped; :attr:`text` says why and what to do."""

    def __init__(self, text: Text, step: Step) -> None:
        super().__init__(text.render())
        self.text = text
        self.step = step


class Cancelled(Exception):
    """The user cancelled."""


Report = Callable[[Step, Text], None]


def _my_grant(
    policy: JitPolicy | None,
    vm: VirtualMachine,
    sub: Subscription,
    username: str,
    port: int,
    clock: Clock,
) -> Grant | None:
    if policy is None:
        return None
    index = _OnePolicy(sub, vm, PolicyIndex((policy,)))
    return next(
        (
            g
            for g in open_grants([index], username, clock.now())
            if g.mine and g.vm.id == vm.id and g.port == port
        ),
        None,
    )


@dataclass(frozen=True)
class _OnePolicy:
    subscription: Subscription
    vm: VirtualMachine
    policies: PolicyIndex | None

    @property
    def vms(self) -> tuple[VirtualMachine, ...]:
        return (self.vm,)


def connect(
    gateway: ConnectGateway,
    sub: Subscription,
    vm: VirtualMachine,
    policy: JitPolicy,
    username: str,
    options: ConnectOptions,
    clock: Clock,
    report: Report = lambda step, text: None,
    cancelled: Callable[[], bool] = lambda: False,
    probe: PortProbe | None = None,
    start: Callable[[LaunchPlan], int] | None = None,
    rdp_folder: Path | None = None,
    choose: Callable[..., Launcher] = choose_launcher,
) -> ConnectOutcome:
    """Connect to ``options.port`` of ``vm``: request access if the user has no open grant on
    that port, wait until the port answers, then start (or, with ``print_only``, only plan) the
    client. Raises :class:`ConnectFailed` with the likely cause, or :class:`Cancelled`.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    policy_vm = policy.vm(vm.id)
    if policy_vm is None or policy_vm.port(options.port) is None:
        raise ConnectFailed(
            Text(
                C,
                QT_TRANSLATE_NOOP(
                    C, "Port {port} is not in the JIT policy of {vm}; choose one of {ports}."
                ),
                {
                    "port": options.port,
                    "vm": vm.name,
                    "ports": ", ".join(str(p.number) for p in policy_vm.ports)
                    if policy_vm
                    else "-",
                },
            ),
            Step.CHECKING,
        )

    if vm.power_state in (PowerState.DEALLOCATED, PowerState.STOPPED):
        # Nothing answers on a VM that is not running: say so before asking Azure for access.
        raise ConnectFailed(
            _likely_cause(Endpoint("", options.port, "public"), vm, options), Step.CHECKING
        )
    report(
        Step.CHECKING,
        Text(C, QT_TRANSLATE_NOOP(C, "Checking your access to {vm}…"), {"vm": vm.name}),
    )
    current = _read(gateway, sub, policy, Step.CHECKING)
    grant = _my_grant(current, vm, sub, username, options.port, clock)
    requested = False
    endpoint = endpoint_for(vm, options.port, policy_vm, grant, options.prefer, vm.gates)
    if grant is None:
        if cancelled():
            raise Cancelled
        grant = _request(
            gateway, sub, vm, current or policy, options, endpoint, username, clock, report
        )
        requested = True
        endpoint = endpoint_for(vm, options.port, policy_vm, grant, options.prefer, vm.gates)
    timings["access"] = time.perf_counter() - started
    if cancelled():
        raise Cancelled

    result = _wait(endpoint, options, report, cancelled, probe or PortProbe(), vm)
    timings["open"] = time.perf_counter() - started

    target = ConnectTarget(
        endpoint.host, endpoint.port, options.username, vm.name, protocol_for(options.port, vm)
    )
    try:
        launcher = choose(target, template=options.template, client=options.client)
    except NoClient:
        if not options.print_only:
            raise
        # Printing needs no installed client: show the plain command a person would type.
        launcher = BARE[target.protocol]
    launch_plan = plan(target, launcher, rdp_folder)
    outcome = ConnectOutcome(endpoint, grant, requested, result, launch_plan, timings=timings)
    if not options.print_only:
        report(
            Step.LAUNCHING,
            Text(C, QT_TRANSLATE_NOOP(C, "Starting {client}…"), {"client": launcher.name}),
        )
        outcome.pid = (start or default_start)(launch_plan)
        logger.info("started %s for %s (%s)", launcher.name, vm.name, endpoint.host)
    timings["launch"] = time.perf_counter() - started
    return outcome


def _read(
    gateway: ConnectGateway, sub: Subscription, policy: JitPolicy, step: Step
) -> JitPolicy | None:
    try:
        return gateway.get_policy(sub, policy.id)
    except CloudError as error:
        raise ConnectFailed(explain_error(error), step) from error


def _request(
    gateway: ConnectGateway,
    sub: Subscription,
    vm: VirtualMachine,
    policy: JitPolicy,
    options: ConnectOptions,
    endpoint: Endpoint,
    username: str,
    clock: Clock,
    report: Report,
) -> Grant:
    policy_vm = policy.vm(vm.id)
    assert policy_vm is not None
    rule = policy_vm.port(options.port)
    assert rule is not None
    duration = min(timedelta(minutes=options.default_minutes), rule.max_duration)
    target = AccessTarget(vm, policy, policy_vm)
    by_vm: dict[str, tuple[str, ...]] = {}
    kind = SourceKind.AS_AZURE_SEES
    if endpoint.via == "private":
        local = _route_address(endpoint, vm)
        by_vm = {vm.id.key: (_source_for(local, rule.allowed_source_prefixes, vm, endpoint),)}
        kind = SourceKind.ROUTE_TO_VM
    elif not rule.allows_any_source:
        # Azure accepts only a source that equals an allowed prefix: ask for the policy's own
        # ranges; the port then opens for whoever connects from inside them.
        kind = SourceKind.POLICY
    request = AccessRequest(
        (target,), (options.port,), duration, kind, (), by_vm, "Connect from jitdesk"
    )
    source = ", ".join(request.sources_for(target)) or None
    report(
        Step.REQUESTING,
        Text(
            C,
            QT_TRANSLATE_NOOP(C, "Asking Azure to open port {port} for {duration} for {source}…"),
            {
                "port": options.port,
                "duration": format_duration(duration),
                "source": source or Text(C, QT_TRANSLATE_NOOP(C, "your address as Azure sees it")),
            },
        ),
    )
    try:
        outcomes = request_access(gateway, {sub.subscription_id.lower(): sub}, request)
    except RequestRefused as refused:
        raise ConnectFailed(refused.problems[0].text, Step.REQUESTING) from refused
    failed = next((o.error for o in outcomes if o.error is not None), None)
    if failed is not None:
        raise ConnectFailed(explain_error(failed), Step.REQUESTING)
    answer = outcomes[0].request
    assert answer is not None
    port = next((p for v in answer.vms for p in v.ports if p.number == options.port), None)
    if port is None:
        raise ConnectFailed(
            Text(
                C,
                QT_TRANSLATE_NOOP(
                    C, "Azure's answer did not mention port {port}; refresh (F5) and try again."
                ),
                {"port": options.port},
            ),
            Step.REQUESTING,
        )
    return Grant(
        vm=vm,
        subscription=sub,
        policy_id=policy.id,
        port=port.number,
        start_time=answer.start_time,
        end_time=port.end_time,
        requestor=answer.requestor or username,
        source_prefixes=port.source_prefixes,
        mapped_port=port.mapped_port,
        justification=answer.justification,
        initiating=True,
        mine=True,
    )


def _route_address(endpoint: Endpoint, vm: VirtualMachine) -> str:
    try:
        return local_address_towards(endpoint.host)
    except (NoRoute, ValueError) as error:
        raise ConnectFailed(
            Text(
                C,
                QT_TRANSLATE_NOOP(
                    C,
                    "This computer has no route to {host}, the private address of {vm}. "
                    "Connect the VPN first, or connect to the public address.",
                ),
                {"host": endpoint.host, "vm": vm.name},
            ),
            Step.REQUESTING,
        ) from error


def _source_for(
    local: str, allowed: tuple[str, ...], vm: VirtualMachine, endpoint: Endpoint
) -> str:
    """The source to ask for when this computer reaches the VM from ``local``: that address
    when the rule allows any source, else the allowed range that holds it (Azure accepts only
    a source equal to an allowed prefix)."""
    if not allowed or "*" in allowed:
        return local
    for prefix in allowed:
        if same_prefix(prefix, local) or contains(prefix, local):
            return prefix
    raise ConnectFailed(
        Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "The policy of {vm} allows access only from {allowed}, but this computer "
                "reaches {host} from {local}. Connect the VPN to that network first.",
            ),
            {"vm": vm.name, "allowed": ", ".join(allowed), "host": endpoint.host, "local": local},
        ),
        Step.REQUESTING,
    )


def _wait(
    endpoint: Endpoint,
    options: ConnectOptions,
    report: Report,
    cancelled: Callable[[], bool],
    probe: PortProbe,
    vm: VirtualMachine,
) -> ProbeResult:
    where = f"{endpoint.host}:{endpoint.port}"

    def progress(attempt: int, elapsed: timedelta) -> None:
        report(
            Step.WAITING,
            Text(
                C,
                QT_TRANSLATE_NOOP(C, "Waiting for {where} to open… {s} s"),
                {"where": where, "s": int(elapsed.total_seconds())},
            ),
        )

    progress(0, timedelta(0))
    # Poll briskly (a grant takes seconds to apply); a connection attempt a second is cheap.
    result = probe.wait_open(
        endpoint.host,
        endpoint.port,
        options.wait,
        cancelled,
        progress,
        first_delay=0.25,
        max_delay=1.0,
    )
    if cancelled():
        raise Cancelled
    if result.open:
        return result
    raise ConnectFailed(_likely_cause(endpoint, vm, options), Step.WAITING)


def _likely_cause(endpoint: Endpoint, vm: VirtualMachine, options: ConnectOptions) -> Text:
    from jitdesk.domain.model import PowerState

    if vm.power_state in (PowerState.DEALLOCATED, PowerState.STOPPED):
        return Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "{vm} is {state}: nothing answers on its ports. Start the VM in the Azure portal, "
                "then connect again.",
            ),
            {"vm": vm.name, "state": vm.power_state.value},
        )
    where = f"{endpoint.host}:{endpoint.port}"
    if endpoint.via == "private":
        return Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "{where} did not answer within {s} s. Check that the VPN to the VM's network is "
                "up, and that the grant's source is this computer's address on that network.",
            ),
            {"where": where, "s": int(options.wait.total_seconds())},
        )
    return Text(
        C,
        QT_TRANSLATE_NOOP(
            C,
            "{where} did not answer within {s} s. Likely causes: Azure has not applied the rule "
            "yet (try again in a minute), the address Azure saw for you differs from the one you "
            "connect from (a VPN or proxy: choose a typed source), or the service on the VM is not "
            "running.",
        ),
        {"where": where, "s": int(options.wait.total_seconds())},
    )
