"""Mutable JIT state: policies and their request history, with statuses derived from the clock.

Statuses are never stored. A request port reads ``Initiating/UserRequested`` until its request's
``active_from`` (requests made through the API only), then ``Initiated/UserRequested`` while it
is open, ``Revoked/NewerRequestInitiated`` once a newer request for the same VM and port started
before it ended, and ``Revoked/Expired`` after its end time. Callers hold the world lock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from jitdesk.emulator.arm_ids import policy_id, stable_guid
from jitdesk.emulator.seed_model import SourcePrefixes

INITIATING = ("Initiating", "UserRequested")
INITIATED = ("Initiated", "UserRequested")
EXPIRED = ("Revoked", "Expired")
SUPERSEDED = ("Revoked", "NewerRequestInitiated")


@dataclass
class PortRule:
    """A port people may open on a VM of a policy."""

    number: int
    protocol: str
    source: SourcePrefixes
    max_duration: str


@dataclass
class PolicyVm:
    """A VM of a policy; ``firewall_ip`` is set when an Azure Firewall fronts it."""

    vm_id: str
    ports: list[PortRule]
    firewall_ip: str | None = None


@dataclass
class RequestPort:
    """One port a request opened, until ``end``."""

    number: int
    end: datetime
    source: SourcePrefixes
    mapped_port: int | None = None


@dataclass
class RequestVm:
    """The ports a request opened on one VM."""

    vm_id: str
    ports: list[RequestPort]


@dataclass
class JitRequest:
    """An entry in a policy's history."""

    start: datetime
    requestor: str
    justification: str | None
    vms: list[RequestVm]
    active_from: datetime | None = None

    def opens(self, vm_id: str, number: int) -> bool:
        """True when this request asked for ``number`` on the VM ``vm_id``."""
        return any(
            vm.vm_id.lower() == vm_id.lower() and any(p.number == number for p in vm.ports)
            for vm in self.vms
        )


@dataclass
class JitPolicy:
    """A JIT network access policy of one resource group and region."""

    subscription_id: str
    resource_group: str
    region: str
    name: str
    kind: str
    vms: list[PolicyVm]
    requests: list[JitRequest] = field(default_factory=list)
    provisioning_state: str = "Succeeded"

    @property
    def id(self) -> str:
        """The policy's ARM id."""
        return policy_id(self.subscription_id, self.resource_group, self.region, self.name)

    def port_status(
        self, request: JitRequest, vm_id: str, port: RequestPort, now: datetime
    ) -> tuple[str, str]:
        """Return ``(status, statusReason)`` of one request port as the service reports it now."""
        index = self.requests.index(request)
        superseded_at = min(
            (
                other.start
                for position, other in enumerate(self.requests)
                if position != index
                and (other.start, position) > (request.start, index)
                and other.start <= now
                and other.opens(vm_id, port.number)
            ),
            default=None,
        )
        if superseded_at is not None and superseded_at < port.end:
            return SUPERSEDED
        if port.end <= now:
            return EXPIRED
        if request.active_from is not None and now < request.active_from:
            return INITIATING
        return INITIATED

    def has_vm(self, vm_id: str) -> bool:
        """True when the policy covers the VM ``vm_id`` (ids compare case-insensitively)."""
        return self.vm(vm_id) is not None

    def vm(self, vm_id: str) -> PolicyVm | None:
        """The policy's entry for the VM ``vm_id`` (ids compare case-insensitively), or None."""
        return next((vm for vm in self.vms if vm.vm_id.lower() == vm_id.lower()), None)


def mapped_port(vm_id: str, number: int) -> int:
    """The Azure Firewall DNAT port for ``number`` on a VM: 50000-59999, the same every time."""
    return 50000 + int(stable_guid("mapped-port", vm_id, str(number))[:8], 16) % 10000
