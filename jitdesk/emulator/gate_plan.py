"""Where the demo's port gates listen and when they let people in. Pure: no sockets here.

Each TCP (or ``*``) port rule of each VM in a JIT policy gets a gate: on the VM's public
address, or, for a VM behind an Azure Firewall, on the firewall's address with the
``mappedPort`` of its requests. Only addresses in 127.0.0.0/8 are ever used. A port below
10000 listens 10000 higher (22 -> 10022) so that no privileges are needed, unless the seed's
``gate_ports`` says otherwise. VMs answer their gates as the tag ``jitdesk-demo-gate``
(``22=10022,3389=13389``: the port a client would connect to = the port to use instead).

A gate is open while the newest request for its VM and port that is already in force (started
and done initiating) has not ended. So a superseding request keeps the port open while it
initiates, although the API reads the older one ``Revoked/NewerRequestInitiated`` from its
start. A VM that is not running never answers. Callers hold the world lock.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime

from jitdesk.emulator.jit_state import JitPolicy, PolicyVm, RequestPort, RequestVm, mapped_port
from jitdesk.emulator.seed_model import Seed
from jitdesk.emulator.world import VmRecord, World

SSH_PORT = 22
# Ports below this listen this much higher by default (22 -> 10022).
GATE_OFFSET = 10000


@dataclass(frozen=True)
class GateTarget:
    """One VM port a gate stands for.

    ``port`` is where a client would connect without gates (the VM port on its public address,
    or the firewall's mapped port); ``gate_port`` is where the gate listens on ``host``.
    """

    subscription_id: str
    vm_id: str
    vm_name: str
    vm_port: int
    host: str
    port: int
    gate_port: int
    mapped_port: int | None
    running: bool

    @property
    def ssh(self) -> bool:
        """True for the SSH port: the gate greets with an SSH identification banner."""
        return self.vm_port == SSH_PORT


def gate_port(seed: Seed, number: int) -> int:
    """The port the gate for ``number`` listens on: the seed's choice, else +10000 below 10000."""
    chosen = seed.gate_ports.get(number)
    if chosen is not None:
        return chosen
    return number + GATE_OFFSET if number < GATE_OFFSET else number


def plan_gates(world: World) -> list[GateTarget]:
    """Every gate target the world needs now, in seed order of subscriptions and VMs."""
    targets: list[GateTarget] = []
    for subscription in world.subscriptions():
        for record in subscription.vms:
            targets.extend(vm_targets(world, record))
    return targets


def vm_targets(world: World, record: VmRecord) -> list[GateTarget]:
    """The gate targets of one VM: none unless a policy holds it and it has a loopback host."""
    policy = world.policy_holding(record.subscription_id, record.id)
    entry = policy.vm(record.id) if policy is not None else None
    if policy is None or entry is None:
        return []
    host = entry.firewall_ip if entry.firewall_ip is not None else record.seed.public_ip
    if host is None or not _is_loopback(host):
        return []
    targets: list[GateTarget] = []
    for rule in entry.ports:
        if rule.protocol.upper() == "UDP":
            continue
        if entry.firewall_ip is None:
            ports: list[tuple[int, int | None]] = [(rule.number, None)]
        else:
            ports = [(m, m) for m in _mapped_ports(policy, entry, rule.number)]
        targets.extend(
            GateTarget(
                subscription_id=record.subscription_id,
                vm_id=entry.vm_id,
                vm_name=record.seed.name,
                vm_port=rule.number,
                host=host,
                port=port,
                gate_port=world.gate_moved.get(
                    (host, gate_port(world.seed, port)), gate_port(world.seed, port)
                ),
                mapped_port=mapped,
                running=record.seed.power == "running",
            )
            for port, mapped in ports
        )
    return targets


def vm_gate_tag(world: World, record: VmRecord) -> str | None:
    """The VM's ``jitdesk-demo-gate`` tag value; None when gates are off or it has none."""
    if not world.demo_gates:
        return None
    pairs = sorted({(t.port, t.gate_port) for t in vm_targets(world, record)})
    return ",".join(f"{port}={gate}" for port, gate in pairs) or None


def grant_open(world: World, target: GateTarget, now: datetime) -> bool:
    """True when a grant lets people through ``target`` at ``now``."""
    if not target.running:
        return False
    policy = world.policy_holding(target.subscription_id, target.vm_id)
    if policy is None:
        return False
    # The newest request in force replaces older ones (ordered as the service orders them).
    in_force: tuple[datetime, int, RequestPort] | None = None
    for index, request in enumerate(policy.requests):
        begins = request.active_from if request.active_from is not None else request.start
        if request.start > now or begins > now:
            continue
        port = _request_port(request.vms, target.vm_id, target.vm_port)
        if port is not None and (in_force is None or (request.start, index) > in_force[:2]):
            in_force = (request.start, index, port)
    if in_force is None or now >= in_force[2].end:
        return False
    if target.mapped_port is None:
        return True
    mapped = in_force[2].mapped_port
    if mapped is None:
        mapped = mapped_port(target.vm_id, target.vm_port)
    return mapped == target.mapped_port


def _request_port(vms: list[RequestVm], vm_id: str, number: int) -> RequestPort | None:
    for vm in vms:
        if vm.vm_id.lower() == vm_id.lower():
            return next((port for port in vm.ports if port.number == number), None)
    return None


def _mapped_ports(policy: JitPolicy, entry: PolicyVm, number: int) -> list[int]:
    """The firewall ports of a VM port: the one new requests get, and any in the history."""
    ports = {mapped_port(entry.vm_id, number)}
    for request in policy.requests:
        port = _request_port(request.vms, entry.vm_id, number)
        if port is not None and port.mapped_port is not None:
            ports.add(port.mapped_port)
    return sorted(ports)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.IPv4Address(host).is_loopback
    except ValueError:
        return False
