"""Connect end to end against the demo emulator with its port gates: request, wait, launch."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest

from jitdesk.cli import EXIT_OK, main
from jitdesk.domain.connect import parse_link
from jitdesk.emulator import Emulator, EmulatorClock
from jitdesk.emulator.jit_state import mapped_port
from jitdesk.launch.probe import PortProbe
from jitdesk.services.backend import ConnectionOptions, open_backend
from jitdesk.services.connect import ConnectFailed, ConnectOptions, Step, connect
from jitdesk.services.inventory import InventoryService

START = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def gated_seed() -> dict:
    """The demo seed with its gates on free ports: a demo running on this machine may hold the
    usual ones (10022, 13389, ...), and its gates would answer instead."""
    text = resources.files("jitdesk.emulator").joinpath("seeds/demo.json").read_text()
    data = json.loads(text)
    sub = "f3f0d89d-f6a9-45dc-a23f-dadaf88f8bd9"
    ops = (
        f"/subscriptions/{sub}/resourceGroups/rg-hub-weu/providers/Microsoft.Compute/"
        "virtualMachines/vm-ops-01"
    )
    ports = (22, 3389, 5985, 5986, 1433, 50001, mapped_port(ops, 3389))
    sockets = [socket.socket() for _ in ports]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    data["gate_ports"] = {
        str(port): sock.getsockname()[1] for port, sock in zip(ports, sockets, strict=True)
    }
    for sock in sockets:
        sock.close()
    return data


@pytest.fixture
def gated():
    with Emulator(
        gated_seed(), gates=True, clock=EmulatorClock(START), initiate_delay=timedelta(0)
    ) as emu:
        yield emu


@pytest.fixture
def backend(gated):
    opened = open_backend(ConnectionOptions(emulator_url=gated.url, ca_bundle=gated.ca_bundle))
    yield opened
    opened.close()


class Clock:
    def __init__(self, emu: Emulator) -> None:
        self.emu = emu

    def now(self) -> datetime:
        return self.emu.clock.now()


def _find(backend, name: str):
    service = InventoryService(backend.gateway)
    try:
        inventory = service.load_all()
    finally:
        service.shutdown()
    for sub in inventory.subscriptions:
        for vm in sub.vms:
            if vm.name == name:
                return sub, vm
    raise AssertionError(name)


def _quick_probe() -> PortProbe:
    return PortProbe(sleep=lambda seconds: None)


def test_the_probe_sees_the_gate_closed_open_and_closed_again(gated, backend):
    _sub, vm = _find(backend, "vm-web-01")  # the demo user's grant on 22 ends at +1h40m
    gate = vm.gates[22]
    host = vm.public_ip
    probe = _quick_probe()
    assert probe.wait_open(host, gate, timedelta(seconds=2)).open

    gated.clock.set(START + timedelta(hours=2))
    closed = probe.wait_open(host, gate, timedelta(seconds=0.5), first_delay=0.05)
    assert not closed.open and closed.attempts >= 1

    gated.clock.set(START)
    assert probe.wait_open(host, gate, timedelta(seconds=2)).open


def test_connect_requests_access_waits_and_launches(gated, backend):
    sub, vm = _find(backend, "vm-web-02")  # JIT on port 22, nothing open
    policy = sub.policy_for(vm)
    started: list[list[str]] = []
    steps: list[Step] = []

    outcome = connect(
        backend.gateway,
        sub.subscription,
        vm,
        policy,
        "alex.morgan@contoso.example",
        ConnectOptions(port=22, username="alex"),
        Clock(gated),
        report=lambda step, text: steps.append(step),
        probe=_quick_probe(),
        start=lambda plan: started.append(plan.argv) or 4242,
        choose=lambda target, **_: __import__("jitdesk.services.connect", fromlist=["BARE"]).BARE[
            target.protocol
        ],
    )

    assert outcome.requested and outcome.pid == 4242
    assert (outcome.endpoint.host, outcome.endpoint.port) == (vm.public_ip, vm.gates[22])
    assert started == [["ssh", "-p", str(vm.gates[22]), f"alex@{vm.public_ip}"]]
    assert steps[:3] == [Step.CHECKING, Step.REQUESTING, Step.WAITING]
    [sent] = [r for r in gated.requests if r.path.endswith("/initiate")]
    assert sent.body["virtualMachines"][0]["ports"][0]["number"] == 22


def test_behind_the_firewall_connect_uses_its_address_and_the_mapped_port(gated, backend):
    sub, vm = _find(backend, "vm-ops-01")
    policy = sub.policy_for(vm)

    outcome = connect(
        backend.gateway,
        sub.subscription,
        vm,
        policy,
        "alex.morgan@contoso.example",
        ConnectOptions(port=3389, print_only=True),
        Clock(gated),
        probe=_quick_probe(),
    )

    assert outcome.endpoint.via == "firewall"
    assert outcome.endpoint.host == policy.vm(vm.id).firewall_ip
    mapped = outcome.grant.mapped_port
    assert mapped is not None and mapped != 3389
    assert outcome.endpoint.port == vm.gates.get(mapped, mapped)
    assert outcome.plan is not None and str(outcome.endpoint.port) in outcome.plan.display


def test_a_deallocated_vm_says_so_when_the_port_stays_closed(gated, backend):
    sub, vm = _find(backend, "vm-web-03")  # deallocated, JIT on 22
    gated.faults.fail(r"nothing", 400, "X", "unused")
    with pytest.raises(ConnectFailed) as failed:
        connect(
            backend.gateway,
            sub.subscription,
            vm,
            sub.policy_for(vm),
            "alex.morgan@contoso.example",
            ConnectOptions(port=22, wait=timedelta(seconds=0.3), print_only=True),
            Clock(gated),
            probe=PortProbe(connect=_refuse, sleep=lambda s: None),
        )
    assert failed.value.step is Step.CHECKING  # said before anything is asked of Azure
    assert "deallocated" in str(failed.value)
    assert [r for r in gated.requests if r.path.endswith("/initiate")] == []


def _refuse(host: str, port: int, timeout: float) -> None:
    raise ConnectionRefusedError("refused")


def test_cli_connect_print_only_prints_a_command_that_reaches_the_gate(gated, capsys):
    code = main(
        [
            "connect",
            "vm-web-gwc-01",
            "--print-only",
            "--wait",
            "20",
            "--emulator",
            gated.url,
            "--ca-bundle",
            gated.ca_bundle,
        ]
    )

    out = capsys.readouterr()
    assert code == EXIT_OK
    command = out.out.strip().split()
    assert command[0] == "ssh" and command[1] == "-p"
    port, host = int(command[2]), command[3]
    assert _quick_probe().wait_open(host, port, timedelta(seconds=2)).open
    assert "opened by this request" in out.err


def test_links_are_parsed_strictly():
    link = parse_link(
        "jitdesk://connect/f3f0d89d-f6a9-45dc-a23f-dadaf88f8bd9/rg-prod-web/vm-web-01?port=22"
    )
    assert (link.resource_group, link.vm_name, link.port) == ("rg-prod-web", "vm-web-01", 22)
    for bad in (
        "https://connect/x/y/z",
        "jitdesk://connect/not-a-guid/rg/vm",
        "jitdesk://connect/f3f0d89d-f6a9-45dc-a23f-dadaf88f8bd9/rg/vm;rm",
        "jitdesk://connect/f3f0d89d-f6a9-45dc-a23f-dadaf88f8bd9/rg/vm?port=99999",
    ):
        with pytest.raises(ValueError):
            parse_link(bad)
