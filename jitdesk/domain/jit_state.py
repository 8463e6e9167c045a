"""The JIT state of a VM, derived from the policies, the Defender plan and the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from jitdesk.domain.errors import CloudError, PermissionDenied
from jitdesk.domain.model import JitPolicy, PlanStatus, PolicyIndex, VirtualMachine


class JitStateKind(Enum):
    NOT_CONFIGURED = "not-configured"
    CLOSED = "closed"
    OPEN = "open"
    UNSUPPORTED = "unsupported"
    UNKNOWN = "unknown"


class StateReason(Enum):
    """Why a VM is unsupported or its state unknown."""

    CLASSIC_VM = "classic-vm"
    NO_NSG = "no-nsg"
    PLAN_MISSING = "plan-missing"
    POLICIES_FORBIDDEN = "policies-forbidden"
    POLICIES_UNAVAILABLE = "policies-unavailable"


@dataclass(frozen=True)
class OpenPort:
    """A port that is open right now, for whom and until when."""

    number: int
    end_time: datetime
    requestor: str
    source_prefixes: tuple[str, ...] = ()
    mapped_port: int | None = None


@dataclass(frozen=True)
class JitState:
    kind: JitStateKind
    reason: StateReason | None = None
    policy: JitPolicy | None = None
    open_ports: tuple[OpenPort, ...] = ()

    @property
    def next_end(self) -> datetime | None:
        """When the first open port closes, or None."""
        return min((p.end_time for p in self.open_ports), default=None)

    @property
    def can_request(self) -> bool:
        return self.kind in (JitStateKind.CLOSED, JitStateKind.OPEN)


def open_ports(policy: JitPolicy, vm: VirtualMachine, now: datetime) -> tuple[OpenPort, ...]:
    """The VM's ports that are open at ``now``; the latest request wins for each port."""
    latest: dict[int, OpenPort] = {}
    for request in sorted(policy.requests, key=lambda r: r.start_time):
        for port in request.ports_for(vm.id):
            if port.is_open_at(now):
                latest[port.number] = OpenPort(
                    number=port.number,
                    end_time=port.end_time,
                    requestor=request.requestor,
                    source_prefixes=port.source_prefixes,
                    mapped_port=port.mapped_port,
                )
            else:
                latest.pop(port.number, None)
    return tuple(sorted(latest.values(), key=lambda p: p.number))


def derive_jit_state(
    vm: VirtualMachine,
    policies: PolicyIndex | None,
    policy_error: CloudError | None,
    plan: PlanStatus,
    now: datetime,
) -> JitState:
    """Derive the state the inventory shows.

    A VM whose policies could not be read is *unknown*, never *not configured*: a 403 on the
    policy list says nothing about whether JIT is on. A VM that is in a policy shows that
    policy's state even when the plan reads as missing, since its grants are still real.
    """
    if vm.is_classic:
        return JitState(JitStateKind.UNSUPPORTED, StateReason.CLASSIC_VM)
    if policy_error is not None or policies is None:
        reason = (
            StateReason.POLICIES_FORBIDDEN
            if isinstance(policy_error, PermissionDenied)
            else StateReason.POLICIES_UNAVAILABLE
        )
        return JitState(JitStateKind.UNKNOWN, reason)
    policy = policies.policy_for(vm.id)
    if policy is not None:
        ports = open_ports(policy, vm, now)
        kind = JitStateKind.OPEN if ports else JitStateKind.CLOSED
        return JitState(kind, policy=policy, open_ports=ports)
    if plan in (PlanStatus.OFF, PlanStatus.PLAN_1):
        return JitState(JitStateKind.UNSUPPORTED, StateReason.PLAN_MISSING)
    if not vm.has_nsg:
        return JitState(JitStateKind.UNSUPPORTED, StateReason.NO_NSG)
    return JitState(JitStateKind.NOT_CONFIGURED)
