"""Helpers for the demo port gate tests: a demo seed whose gates listen on free ports, and a
client's view of a gate (reset, banner, silence, end of stream). No sleeps: every wait is a
socket timeout."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from arm_testkit import JIT, Answer, ArmClient, demo_data, policy_path, vm_id

from jitdesk.emulator.jit_state import mapped_port

# Long enough for any machine to answer; a closed gate resets within milliseconds.
WAIT = 5.0
# How long an open gate of a port other than SSH must stay silent to count as open.
QUIET = 0.3
FIREWALL = "127.20.1.40"
OPS_VM = vm_id("rg-hub-weu", "vm-ops-01")
OPS_MAPPED = mapped_port(OPS_VM, 3389)
# Every port that the demo's gates stand for: the rules' ports and vm-ops-01's firewall ports.
DEMO_PORTS = (22, 3389, 5985, 5986, 1433, 50001, OPS_MAPPED)


def free_ports(count: int) -> list[int]:
    """``count`` distinct ports nothing listens on right now."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [int(sock.getsockname()[1]) for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def gated_data() -> tuple[dict[str, Any], dict[int, int]]:
    """The demo seed with ``gate_ports`` moved to free ports (the usual ones may be in use by a
    demo running on this machine), and that mapping."""
    mapping = dict(zip(DEMO_PORTS, free_ports(len(DEMO_PORTS)), strict=True))
    data = demo_data()
    data["gate_ports"] = {str(port): gate for port, gate in mapping.items()}
    return data, mapping


def connect(host: str, port: int) -> socket.socket:
    return socket.create_connection((host, port), timeout=WAIT)


def assert_refused(host: str, port: int) -> None:
    """A closed gate: a reset, and nothing else. It comes so soon that the connect itself may
    fail with it; else the connect succeeds, the first read is the reset, then end of stream."""
    try:
        sock = connect(host, port)
    except ConnectionResetError:
        return
    with sock:
        with pytest.raises(ConnectionResetError):
            sock.recv(64)
        assert sock.recv(64) == b""


def read_line(sock: socket.socket) -> bytes:
    """Bytes up to and including the first line feed (or up to end of stream)."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(64)
        if not chunk:
            break
        data += chunk
    return data


def assert_silent(sock: socket.socket) -> None:
    """An open gate that says nothing: no byte, no reset, no end of stream for a while."""
    sock.settimeout(QUIET)
    with pytest.raises(TimeoutError):
        sock.recv(1)
    sock.settimeout(WAIT)


def assert_closes_after_me(sock: socket.socket) -> None:
    """The gate ends the connection politely (end of stream, no reset) once the client has."""
    sock.sendall(b"hello from the client\r\n")
    sock.shutdown(socket.SHUT_WR)
    assert sock.recv(64) == b""


def initiate(
    arm: ArmClient,
    group: str,
    vm: str,
    port: int,
    duration: str = "PT1H",
    source: str | None = None,
    policy: str = "default",
    region: str = "westeurope",
) -> Answer:
    """A JIT request for one port of one VM; asserts it was accepted."""
    asked: dict[str, Any] = {"number": port, "duration": duration}
    if source is not None:
        asked["allowedSourceAddressPrefix"] = source
    answer = arm.send(
        "POST",
        f"{policy_path(group, region, policy)}/initiate?{JIT}",
        {"virtualMachines": [{"id": vm_id(group, vm), "ports": [asked]}]},
    )
    assert answer.status == 202, answer.body
    return answer


def settle(arm: ArmClient) -> None:
    """Wait until the gates have dealt with every connection already made.

    Any policy write makes the emulator refresh its gates before it answers (a DELETE of a
    policy that does not exist will do), and the gate thread refreshes only after accepting
    (or resetting) the connections that were waiting.
    """
    target = f"{policy_path('rg-prod-web', 'westeurope', 'no-such-policy')}?{JIT}"
    assert arm.request("DELETE", target).status == 204
