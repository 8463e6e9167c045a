"""The demo port gates: refused before a grant, open during it, refused after; the firewall
case; gates that cannot listen; a clean stop. The clock moves, nothing sleeps."""

from __future__ import annotations

import errno
import logging
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from arm_testkit import COMPUTE, JIT, SUB_PROD, ArmClient, policy_path, vm_id
from gate_testkit import (
    FIREWALL,
    OPS_MAPPED,
    assert_closes_after_me,
    assert_refused,
    assert_silent,
    connect,
    gated_data,
    initiate,
    read_line,
    settle,
)

from jitdesk.emulator import Emulator, EmulatorClock
from jitdesk.emulator import gates as gates_module
from jitdesk.emulator.gates import SSH_BANNER

TAG = "jitdesk-demo-gate"
VMS = f"/subscriptions/{SUB_PROD}/providers/Microsoft.Compute/virtualMachines?{COMPUTE}"


@pytest.fixture
def seeded() -> tuple[dict[str, Any], dict[int, int]]:
    return gated_data()


@pytest.fixture
def gate(seeded: tuple[dict[str, Any], dict[int, int]]) -> dict[int, int]:
    """VM port (or firewall port) -> the port its gates listen on in this test."""
    return seeded[1]


@pytest.fixture
def gated(
    seeded: tuple[dict[str, Any], dict[int, int]], clock: EmulatorClock
) -> Iterator[Emulator]:
    with Emulator(seeded[0], clock=clock, gates=True) as emu:
        yield emu


@pytest.fixture
def client(gated: Emulator) -> Iterator[ArmClient]:
    arm = ArmClient(gated)
    yield arm
    arm.close()


def state(emu: Emulator, vm: str, port: int) -> str:
    (found,) = [g.state for g in emu.gates if (g.vm, g.port) == (vm, port)]
    return found


def test_an_ssh_gate_refuses_before_the_grant_greets_during_it_and_refuses_after(
    gated: Emulator, client: ArmClient, gate: dict[int, int], clock: EmulatorClock
) -> None:
    host, port = "127.20.1.12", gate[22]  # vm-web-02: no open grant in the demo
    assert state(gated, "vm-web-02", 22) == "closed"
    assert_refused(host, port)

    initiate(client, "rg-prod-web", "vm-web-02", 22, "PT1H")
    assert_refused(host, port)  # still Initiating
    clock.advance(timedelta(seconds=2))
    assert state(gated, "vm-web-02", 22) == "open"
    with connect(host, port) as stays:
        assert read_line(stays) == SSH_BANNER

        clock.advance(timedelta(hours=1))
        assert state(gated, "vm-web-02", 22) == "closed"
        assert_refused(host, port)
        assert_silent(stays)  # established before the end: it stays, as in Azure
        assert_closes_after_me(stays)


def test_an_rdp_gate_is_silent_while_open_and_its_connections_outlive_the_grant(
    gated: Emulator, client: ArmClient, gate: dict[int, int], clock: EmulatorClock
) -> None:
    host, port = "127.20.1.31", gate[3389]  # jump-weu-01: open until now+6h in the demo
    with connect(host, port) as early, connect(host, port) as late:
        settle(client)
        assert_silent(early)
        assert_closes_after_me(early)

        clock.advance(timedelta(hours=6))
        assert state(gated, "jump-weu-01", 3389) == "closed"
        assert_refused(host, port)
        assert_silent(late)
        assert_closes_after_me(late)


def test_a_superseding_request_keeps_the_port_open(
    gated: Emulator, client: ArmClient, gate: dict[int, int], clock: EmulatorClock
) -> None:
    host, port = "127.20.1.15", gate[3389]  # vm-api-02: open until now+2h50m in the demo
    initiate(client, "rg-prod-web", "vm-api-02", 3389, "PT3H", source="203.0.113.0/24")
    history = client.get(f"{policy_path('rg-prod-web', 'westeurope', 'default')}?{JIT}")
    statuses = [
        vm["ports"][0]["status"]
        for request in history.body["properties"]["requests"]
        for vm in request["virtualMachines"]
        if vm["id"].endswith("/vm-api-02")
    ]

    assert statuses == ["Revoked", "Revoked", "Initiating"]
    assert state(gated, "vm-api-02", 3389) == "open"  # the older grant holds while it initiates
    clock.advance(timedelta(hours=2, minutes=55))  # past the older end, within the new one
    with connect(host, port) as conn:
        settle(client)
        assert_silent(conn)
    clock.advance(timedelta(minutes=5))
    assert state(gated, "vm-api-02", 3389) == "closed"
    assert_refused(host, port)


def test_a_vm_behind_a_firewall_is_reached_on_the_firewall_address_and_mapped_port(
    gated: Emulator, client: ArmClient, gate: dict[int, int], clock: EmulatorClock
) -> None:
    answer = initiate(client, "rg-hub-weu", "vm-ops-01", 3389, "PT1H")
    mapped = answer.body["virtualMachines"][0]["ports"][0]["mappedPort"]
    policy = client.get(f"{policy_path('rg-hub-weu', 'westeurope', 'default')}?{JIT}").body
    (firewall,) = [
        vm["publicIpAddress"]
        for vm in policy["properties"]["virtualMachines"]
        if vm["id"].endswith("/vm-ops-01")
    ]
    vm = client.get(f"{vm_id('rg-hub-weu', 'vm-ops-01')}?{COMPUTE}").body
    tag = dict(pair.split("=") for pair in vm["tags"][TAG].split(","))
    port = int(tag[str(mapped)])

    assert (mapped, firewall, port) == (OPS_MAPPED, FIREWALL, gate[OPS_MAPPED])
    assert_refused(firewall, port)  # Initiating
    clock.advance(timedelta(seconds=2))
    with connect(firewall, port) as conn:
        settle(client)
        assert_silent(conn)
    assert_refused(firewall, gate[50001])  # the mapped port of an expired grant stays shut


def test_vms_name_their_gates_in_a_tag_only_when_gates_run(
    gated: Emulator, client: ArmClient, gate: dict[int, int], arm: ArmClient, emulator: Emulator
) -> None:
    tags = {vm["name"]: vm.get("tags", {}) for vm in client.items(VMS)}
    plain = [vm for vm in arm.items(VMS) if TAG in vm.get("tags", {})]
    status_only = client.items(f"{VMS}&statusOnly=true")
    firewall_ports = sorted((50001, OPS_MAPPED))

    assert tags["vm-web-01"] == {"env": "prod", "owner": "web-team", TAG: f"22={gate[22]}"}
    assert tags["vm-api-02"][TAG] == f"3389={gate[3389]},5986={gate[5986]}"
    assert tags["sql-prod-02"][TAG] == f"1433={gate[1433]},3389={gate[3389]}"
    assert tags["vm-ops-01"][TAG] == ",".join(f"{p}={gate[p]}" for p in firewall_ports)
    assert TAG not in tags["vm-api-01"]  # no public address
    assert TAG not in tags["vm-etl-01"]  # in no policy
    assert all("tags" not in vm for vm in status_only)
    assert plain == [] and emulator.gates == []


def test_policy_writes_open_and_close_gates(
    gated: Emulator, client: ArmClient, gate: dict[int, int], clock: EmulatorClock
) -> None:
    host, port = "127.20.1.23", gate[22]  # vm-etl-01 is in no policy
    etl = f"{policy_path('rg-prod-data', 'westeurope', 'etl')}?{JIT}"
    rule = {
        "number": 22,
        "protocol": "TCP",
        "allowedSourceAddressPrefix": "*",
        "maxRequestAccessDuration": "PT3H",
    }
    etl_vm = {"id": vm_id("rg-prod-data", "vm-etl-01"), "ports": [rule]}
    body = {"properties": {"virtualMachines": [etl_vm]}}
    with pytest.raises(ConnectionRefusedError):
        connect(host, port)

    assert client.send("PUT", etl, body).status == 200
    assert ("vm-etl-01", 22, host, port, "closed") in gated.gates
    assert_refused(host, port)
    initiate(client, "rg-prod-data", "vm-etl-01", 22, policy="etl")
    clock.advance(timedelta(seconds=2))
    with connect(host, port) as conn:
        assert read_line(conn) == SSH_BANNER

    assert client.request("DELETE", etl).status == 200
    assert [g for g in gated.gates if g.vm == "vm-etl-01"] == []
    with pytest.raises(ConnectionRefusedError):
        connect(host, port)


def test_a_vm_that_is_not_running_never_answers(
    gated: Emulator, client: ArmClient, gate: dict[int, int], clock: EmulatorClock
) -> None:
    initiate(client, "rg-prod-web", "vm-web-03", 22)  # deallocated
    clock.advance(timedelta(seconds=2))

    assert state(gated, "vm-web-03", 22) == "closed"
    assert_refused("127.20.1.13", gate[22])


def test_a_gate_whose_port_is_taken_moves_to_a_free_one_and_the_tag_says_so(
    clock: EmulatorClock,
) -> None:
    """Another demo may hold the planned port: this world's gate must still be reachable."""
    data, gate = gated_data()
    with socket.socket() as blocker:
        blocker.bind(("127.20.1.11", gate[22]))  # vm-web-01's gate port, held by someone else
        with Emulator(data, clock=clock, gates=True) as emu:
            moved = {(g.vm, g.port): g for g in emu.gates}
            web01 = moved[("vm-web-01", 22)]
            assert web01.state == "open"
            assert web01.gate_port != gate[22]
            with connect("127.20.1.11", web01.gate_port) as ssh:
                assert read_line(ssh) == SSH_BANNER
            client = ArmClient(emu)
            vm = client.get(f"{vm_id('rg-prod-web', 'vm-web-01')}?{COMPUTE}").body
            client.close()
            assert vm["tags"]["jitdesk-demo-gate"] == f"22={web01.gate_port}"
            assert moved[("vm-web-02", 22)].gate_port == gate[22]
            assert_refused("127.20.1.12", gate[22])


def test_a_gate_that_cannot_listen_at_all_is_skipped_and_logged_once(
    clock: EmulatorClock, caplog: pytest.LogCaptureFixture
) -> None:
    data, _gate = gated_data()
    data["tenants"][0]["subscriptions"][0]["resource_groups"][0]["vms"][0]["public_ip"] = (
        "127.254.254.254"
    )
    caplog.set_level(logging.WARNING, logger="jitdesk.emulator.gates")
    real_listen = gates_module._listen

    def refuse(host: str, port: int) -> socket.socket:
        if host == "127.254.254.254":
            raise OSError(errno.EADDRNOTAVAIL, "Cannot assign requested address")
        return real_listen(host, port)

    gates_module._listen = refuse
    try:
        with Emulator(data, clock=clock, gates=True) as emu:
            states = {(g.vm, g.port): g.state for g in emu.gates}
    finally:
        gates_module._listen = real_listen
    (warning,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert states[("vm-web-01", 22)] == "skipped"
    assert states[("jump-weu-01", 3389)] == "open"
    assert warning.startswith("demo gates on 127.254.254.254 skipped")


def test_stop_closes_listeners_and_connections_and_leaves_no_thread(
    clock: EmulatorClock,
) -> None:
    data, gate = gated_data()
    emu = Emulator(data, clock=clock, gates=True).start()
    try:
        listening = {(g.host, g.gate_port) for g in emu.gates if g.state != "skipped"}
        conn = connect("127.20.1.11", gate[22])  # vm-web-01: open in the demo
        assert read_line(conn) == SSH_BANNER
    finally:
        emu.stop()

    with conn, pytest.raises(ConnectionResetError):
        conn.recv(64)
    assert emu.gates == []
    assert len(listening) == 24
    assert [t for t in threading.enumerate() if t.name == "jitdesk-emulator-gates"] == []
    for address in listening:
        with socket.socket() as fresh:
            fresh.bind(address)  # nothing holds it any more (and no TIME_WAIT either)
