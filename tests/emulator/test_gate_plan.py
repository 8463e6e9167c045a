"""Where the demo gates listen (no sockets), the seed's ``gate_ports``, and ``--gates``."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from arm_testkit import NOW, demo_data
from gate_testkit import OPS_MAPPED, OPS_VM, connect, gated_data, read_line

from jitdesk.emulator import SeedError, load_seed
from jitdesk.emulator.gate_plan import gate_port, plan_gates
from jitdesk.emulator.gates import SSH_BANNER
from jitdesk.emulator.world import World

# (vm, vm port, host, gate port) of the built-in demo, in seed order.
DEMO_GATES = [
    ("vm-web-01", 22, "127.20.1.11", 10022),
    ("vm-web-02", 22, "127.20.1.12", 10022),
    ("vm-web-03", 22, "127.20.1.13", 10022),
    ("vm-api-02", 3389, "127.20.1.15", 13389),
    ("vm-api-02", 5986, "127.20.1.15", 15986),
    ("sql-prod-01", 3389, "127.20.1.21", 13389),
    ("sql-prod-01", 1433, "127.20.1.21", 11433),
    ("sql-prod-02", 3389, "127.20.1.22", 13389),
    ("sql-prod-02", 1433, "127.20.1.22", 11433),
    ("vm-web-gwc-01", 22, "127.20.2.11", 10022),
    ("vm-app-gwc-01", 3389, "127.20.2.12", 13389),
    ("vm-app-gwc-01", 5985, "127.20.2.12", 15985),
    ("vm-app-gwc-01", 5986, "127.20.2.12", 15986),
    ("jump-weu-01", 3389, "127.20.1.31", 13389),
    ("vm-ops-01", 3389, "127.20.1.40", 50001),  # the mapped port of the seed's old request
    ("vm-ops-01", 3389, "127.20.1.40", OPS_MAPPED),  # the one new requests get
    ("vm-monitor-neu-01", 22, "127.20.1.41", 10022),
    ("scada-hist-01", 3389, "127.20.4.11", 13389),
    ("scada-hist-01", 5986, "127.20.4.11", 15986),
    ("mes-app-01", 22, "127.20.4.12", 10022),
    ("hmi-ws-01", 3389, "127.20.4.14", 13389),
    ("edge-gw-01", 22, "127.20.4.21", 10022),
    ("fab-dc-01", 3389, "127.20.5.11", 13389),
    ("fab-file-01", 3389, "127.20.5.12", 13389),
]


def _plan(data: dict[str, Any] | str) -> list[tuple[str, int, str, int]]:
    world = World(load_seed(data), NOW)
    with world.lock:
        return [(t.vm_name, t.vm_port, t.host, t.gate_port) for t in plan_gates(world)]


def test_the_demo_gates_listen_where_the_seed_says() -> None:
    assert _plan("demo") == DEMO_GATES
    assert OPS_MAPPED == 52334


def test_gate_ports_default_to_10000_higher_below_10000_and_the_seed_can_choose() -> None:
    data = demo_data()
    data["gate_ports"] = {"22": 2222, "52334": 40001}
    seed = load_seed(data)

    assert [gate_port(seed, n) for n in (22, 3389, 0, 9999, 10000, 52334)] == [
        2222,
        13389,
        10000,
        19999,
        10000,
        40001,
    ]
    assert ("vm-web-01", 22, "127.20.1.11", 2222) in _plan(data)
    assert ("vm-ops-01", 3389, "127.20.1.40", 40001) in _plan(data)


def test_udp_rules_and_hosts_outside_loopback_get_no_gate() -> None:
    data = demo_data()
    rules = data["tenants"][0]["subscriptions"][0]["resource_groups"][0]["jit_policies"][0]
    rules["vms"][0]["ports"][0]["protocol"] = "UDP"  # vm-web-01
    world = World(load_seed(data), NOW)
    with world.lock:
        policy = world.policy_holding(OPS_VM.split("/")[2], OPS_VM)
        assert policy is not None
        entry = policy.vm(OPS_VM)
        assert entry is not None
        entry.firewall_ip = "203.0.113.5"  # as a policy PUT may say; never bound
        names = {t.vm_name for t in plan_gates(world)}

    assert "vm-web-01" not in names and "vm-ops-01" not in names
    assert "vm-api-01" not in names  # no public address
    assert "vm-web-02" in names


@pytest.mark.parametrize(
    ("gate_ports", "detail"),
    [
        ([22], "key 'gate_ports': expected an object such as"),
        ({"ssh": 2222}, "key 'gate_ports': 'ssh' is not a port number from 0 to 65535"),
        ({"70000": 2222}, "'70000' is not a port number"),
        ({"22": 0}, "port 22 maps to 0; expected a port from 1 to 65535"),
        ({"22": "2222"}, "port 22 maps to '2222'"),
        ({"22": True}, "port 22 maps to True"),
    ],
)
def test_gate_ports_are_checked(gate_ports: object, detail: str) -> None:
    data = demo_data()
    data["gate_ports"] = gate_ports

    with pytest.raises(SeedError) as caught:
        load_seed(data)

    assert detail in str(caught.value)


def test_a_seed_may_not_write_the_gate_tag_itself() -> None:
    data = demo_data()
    vm = data["tenants"][0]["subscriptions"][0]["resource_groups"][0]["vms"][0]
    vm["tags"] = {"Jitdesk-Demo-Gate": "22=2222"}

    with pytest.raises(SeedError, match="the tag 'jitdesk-demo-gate' comes from the demo gates"):
        load_seed(data)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM cannot be delivered politely")
def test_the_cli_runs_gates_when_asked_and_counts_them(tmp_path: Path) -> None:
    data, gate = gated_data()
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps(data), encoding="utf-8")
    command = [sys.executable, "-m", "jitdesk.emulator", "--seed", str(seed), "--gates"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        try:
            line = json.loads(process.stdout.readline())
            with connect("127.20.1.11", gate[22]) as conn:  # vm-web-01: open in the demo
                banner = read_line(conn)
            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=10)
            errors = process.stderr.read()
        finally:
            if process.poll() is None:
                process.kill()

    assert code == 0, errors
    assert line["gates"] == len({(host, port) for _, _, host, port in DEMO_GATES})
    assert banner == SSH_BANNER
    assert errors == ""
