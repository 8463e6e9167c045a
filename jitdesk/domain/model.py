"""The things jitdesk shows: tenants, subscriptions, VMs, JIT policies and their requests.

Plain frozen dataclasses, no I/O. Times are aware UTC datetimes; durations are timedeltas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from jitdesk.domain.ids import ResourceId, id_key


class OsType(Enum):
    WINDOWS = "Windows"
    LINUX = "Linux"
    UNKNOWN = "Unknown"

    @classmethod
    def parse(cls, text: str | None) -> OsType:
        for member in cls:
            if text and member.value.lower() == text.lower():
                return member
        return cls.UNKNOWN


class PowerState(Enum):
    RUNNING = "running"
    STARTING = "starting"
    STOPPING = "stopping"
    STOPPED = "stopped"
    DEALLOCATING = "deallocating"
    DEALLOCATED = "deallocated"
    UNKNOWN = "unknown"

    @classmethod
    def from_status_code(cls, code: str | None) -> PowerState:
        """Map an instance-view code such as ``PowerState/running`` to a state."""
        if code and code.lower().startswith("powerstate/"):
            word = code.split("/", 1)[1].lower()
            for member in cls:
                if member.value == word:
                    return member
        return cls.UNKNOWN


class Protocol(Enum):
    TCP = "TCP"
    UDP = "UDP"
    ANY = "*"

    @classmethod
    def parse(cls, text: str) -> Protocol:
        for member in cls:
            if member.value.lower() == text.strip().lower():
                return member
        raise ValueError(f"unknown protocol {text!r}")


class PlanStatus(Enum):
    """Whether the subscription has Defender for Servers Plan 2, which JIT requires."""

    PLAN_2 = "plan2"
    PLAN_1 = "plan1"
    OFF = "off"
    UNKNOWN = "unknown"

    @property
    def allows_jit(self) -> bool:
        return self is PlanStatus.PLAN_2


@dataclass(frozen=True)
class Account:
    """Who is signed in: the user principal name (as JIT requests name the requestor) and the
    home tenant (every other tenant the account sees, it sees as a guest)."""

    username: str
    home_tenant_id: str
    display_name: str = ""
    object_id: str = ""


@dataclass(frozen=True)
class Tenant:
    tenant_id: str
    display_name: str
    default_domain: str = ""
    is_guest: bool = False


@dataclass(frozen=True)
class Subscription:
    subscription_id: str
    display_name: str
    tenant_id: str
    state: str = "Enabled"


@dataclass(frozen=True)
class VirtualMachine:
    """A VM as the inventory shows it, joined from the VM, NIC, public IP and VNet listings."""

    id: ResourceId
    location: str
    os_type: OsType = OsType.UNKNOWN
    size: str = ""
    power_state: PowerState = PowerState.UNKNOWN
    private_ip: str | None = None
    public_ip: str | None = None
    nic_ids: tuple[str, ...] = ()
    nsg_ids: tuple[str, ...] = ()
    is_classic: bool = False
    reached_privately: bool = False
    """Tagged ``jitdesk-reach: private``: reached over a VPN or peering on its private address."""
    gate_ports: tuple[tuple[int, int], ...] = ()
    """Demo only: the emulator's local port gate for each JIT port (tag ``jitdesk-demo-gate``)."""

    @property
    def gates(self) -> dict[int, int]:
        return dict(self.gate_ports)

    @property
    def name(self) -> str:
        return self.id.name

    @property
    def resource_group(self) -> str:
        return self.id.resource_group or ""

    @property
    def subscription_id(self) -> str:
        return self.id.subscription_id

    @property
    def has_nsg(self) -> bool:
        return bool(self.nsg_ids)

    @property
    def address(self) -> str | None:
        """The address a user would connect to: public if there is one, else private."""
        return self.public_ip or self.private_ip


@dataclass(frozen=True)
class PortRule:
    """One port of a VM in a JIT policy."""

    number: int
    protocol: Protocol
    allowed_source_prefixes: tuple[str, ...]
    max_duration: timedelta

    @property
    def allows_any_source(self) -> bool:
        return "*" in self.allowed_source_prefixes or not self.allowed_source_prefixes


@dataclass(frozen=True)
class PolicyVm:
    """A VM inside a JIT policy, with its port rules."""

    vm_id: ResourceId
    ports: tuple[PortRule, ...]
    firewall_ip: str | None = None

    def port(self, number: int) -> PortRule | None:
        return next((p for p in self.ports if p.number == number), None)


class RequestStatus(Enum):
    INITIATING = "Initiating"
    INITIATED = "Initiated"
    REVOKED = "Revoked"
    UNKNOWN = "Unknown"

    @classmethod
    def parse(cls, text: str | None) -> RequestStatus:
        for member in cls:
            if text and member.value.lower() == text.lower():
                return member
        return cls.UNKNOWN


class StatusReason(Enum):
    USER_REQUESTED = "UserRequested"
    EXPIRED = "Expired"
    NEWER_REQUEST = "NewerRequestInitiated"
    UNKNOWN = "Unknown"

    @classmethod
    def parse(cls, text: str | None) -> StatusReason:
        for member in cls:
            if text and member.value.lower() == text.lower():
                return member
        return cls.UNKNOWN


@dataclass(frozen=True)
class RequestPort:
    number: int
    end_time: datetime
    status: RequestStatus
    status_reason: StatusReason
    source_prefixes: tuple[str, ...] = ()
    mapped_port: int | None = None

    def is_open_at(self, now: datetime) -> bool:
        """Open: Azure says initiated (or still initiating) and the end time is ahead."""
        live = self.status in (RequestStatus.INITIATED, RequestStatus.INITIATING)
        return live and self.end_time > now


@dataclass(frozen=True)
class RequestVm:
    vm_id: ResourceId
    ports: tuple[RequestPort, ...]


@dataclass(frozen=True)
class JitRequest:
    """One entry of a policy's request history."""

    requestor: str
    start_time: datetime
    vms: tuple[RequestVm, ...]
    justification: str = ""

    def ports_for(self, vm_id: ResourceId) -> tuple[RequestPort, ...]:
        return tuple(p for v in self.vms if v.vm_id == vm_id for p in v.ports)


@dataclass(frozen=True)
class JitPolicy:
    id: ResourceId
    vms: tuple[PolicyVm, ...]
    requests: tuple[JitRequest, ...] = ()
    kind: str = "Basic"
    provisioning_state: str = ""

    @property
    def name(self) -> str:
        return self.id.name

    @property
    def location(self) -> str:
        return self.id.name_of("locations") or ""

    @property
    def resource_group(self) -> str:
        return self.id.resource_group or ""

    def vm(self, vm_id: ResourceId) -> PolicyVm | None:
        return next((v for v in self.vms if v.vm_id == vm_id), None)


@dataclass(frozen=True)
class HistoryEntry:
    """One VM's part of a request, flattened for the history list."""

    requestor: str
    start_time: datetime
    justification: str
    ports: tuple[RequestPort, ...]


@dataclass
class PolicyIndex:
    """The policies of one subscription, looked up by VM id (case-insensitive)."""

    policies: tuple[JitPolicy, ...] = ()
    _by_vm: dict[str, JitPolicy] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for policy in self.policies:
            for vm in policy.vms:
                self._by_vm.setdefault(vm.vm_id.key, policy)

    def policy_for(self, vm_id: ResourceId | str) -> JitPolicy | None:
        key = vm_id.key if isinstance(vm_id, ResourceId) else id_key(vm_id)
        return self._by_vm.get(key)

    def history_for(self, vm_id: ResourceId) -> list[HistoryEntry]:
        """The VM's requests, newest first."""
        policy = self.policy_for(vm_id)
        if policy is None:
            return []
        entries = [
            HistoryEntry(r.requestor, r.start_time, r.justification, r.ports_for(vm_id))
            for r in policy.requests
            if r.ports_for(vm_id)
        ]
        return sorted(entries, key=lambda e: e.start_time, reverse=True)
