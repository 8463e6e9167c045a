"""Open grants: which JIT ports are open right now, for whom and until when, and how they end.

Everything here is derived from the policies' request history as Azure reports it, never from
local memory, so a restart (or another computer) finds the same grants with the same end times.
Times are absolute UTC from the server; nothing here does I/O or reads a clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Protocol

from jitdesk.domain.ids import ResourceId
from jitdesk.domain.model import (
    JitPolicy,
    JitRequest,
    PolicyIndex,
    RequestPort,
    RequestStatus,
    StatusReason,
    Subscription,
    VirtualMachine,
)


class InventoryLike(Protocol):
    """What grant tracking reads of one subscription's inventory (``SubscriptionInventory``).

    ``policies`` is None when the policies could not be read: such a subscription's grants are
    unknown, which is not the same as none.
    """

    @property
    def subscription(self) -> Subscription: ...
    @property
    def vms(self) -> Sequence[VirtualMachine]: ...
    @property
    def policies(self) -> PolicyIndex | None: ...


@dataclass(frozen=True)
class Grant:
    """One open port of one VM, from one request of a policy's history."""

    vm: VirtualMachine
    subscription: Subscription
    policy_id: ResourceId
    port: int
    start_time: datetime
    end_time: datetime
    requestor: str
    source_prefixes: tuple[str, ...]
    mapped_port: int | None
    justification: str
    initiating: bool
    """Azure still reports the port as ``Initiating`` (the NSG rule is being written)."""
    mine: bool
    """The requestor is the signed-in user."""

    @property
    def key(self) -> str:
        """The grant's identity, the same after a restart: VM, port and the request's start."""
        return f"{self.vm.id.key}|{self.port}|{self.start_time.astimezone(UTC).isoformat()}"

    def time_left(self, now: datetime) -> timedelta:
        """How long the port stays open after ``now``; never negative."""
        return max(self.end_time - now, timedelta(0))


def by_end_time(grant: Grant) -> tuple[datetime, str, int]:
    """Sort key: the grant that closes first comes first (then by VM name and port)."""
    return grant.end_time, grant.vm.name.casefold(), grant.port


class EndReason(Enum):
    EXPIRED = "expired"
    """Its end time passed."""
    SUPERSEDED = "superseded"
    """A newer request for the same VM and port replaced it (an extension, or someone else)."""
    REVOKED = "revoked"
    """Azure closed it early for another reason."""
    VANISHED = "vanished"
    """The request, the VM's entry in the policy, or the policy itself is gone."""


@dataclass(frozen=True)
class EndedGrant:
    grant: Grant
    reason: EndReason
    replaced_by: Grant | None = None
    """For a superseded grant: the newer grant on the same VM and port, when it is open."""


def open_grants(inventories: Iterable[InventoryLike], username: str, now: datetime) -> list[Grant]:
    """Every port open at ``now`` in the readable policies, sorted by end time.

    For each VM and port the latest request whose port is open wins (Initiated or Initiating,
    end ahead). ``mine`` compares the requestor with ``username`` without regard to case. A VM
    that is in a policy but not in the VM listing (no permission to read it) still gets its
    grants, with a VM built from the id. Subscriptions whose policies are unreadable add none.
    """
    grants: list[Grant] = []
    for inventory in inventories:
        if inventory.policies is None:
            continue
        listed = {vm.id.key: vm for vm in inventory.vms}
        for policy in inventory.policies.policies:
            grants.extend(_policy_grants(policy, inventory.subscription, listed, username, now))
    return sorted(grants, key=by_end_time)


def _policy_grants(
    policy: JitPolicy,
    subscription: Subscription,
    listed: dict[str, VirtualMachine],
    username: str,
    now: datetime,
) -> list[Grant]:
    grants: list[Grant] = []
    for policy_vm in policy.vms:
        latest: dict[int, tuple[JitRequest, RequestPort]] = {}
        for request in policy.requests:
            for port in request.ports_for(policy_vm.vm_id):
                if not port.is_open_at(now):
                    continue
                known = latest.get(port.number)
                if known is None or request.start_time >= known[0].start_time:
                    latest[port.number] = (request, port)
        if not latest:
            continue
        vm = listed.get(policy_vm.vm_id.key) or VirtualMachine(policy_vm.vm_id, policy.location)
        for request, port in latest.values():
            grants.append(_grant(vm, subscription, policy.id, request, port, username))
    return grants


def _grant(
    vm: VirtualMachine,
    subscription: Subscription,
    policy_id: ResourceId,
    request: JitRequest,
    port: RequestPort,
    username: str,
) -> Grant:
    return Grant(
        vm=vm,
        subscription=subscription,
        policy_id=policy_id,
        port=port.number,
        start_time=request.start_time,
        end_time=port.end_time,
        requestor=request.requestor,
        source_prefixes=port.source_prefixes,
        mapped_port=port.mapped_port,
        justification=request.justification,
        initiating=port.status is RequestStatus.INITIATING,
        mine=request.requestor.casefold() == username.casefold(),
    )


def ended(
    previous: Sequence[Grant],
    current: Sequence[Grant],
    inventories: Iterable[InventoryLike],
    now: datetime,
) -> list[EndedGrant]:
    """The grants of ``previous`` that are not in ``current``, each with why it ended.

    EXPIRED when its end time is at or before ``now`` (or Azure says so); SUPERSEDED when
    Azure marks the request ``NewerRequestInitiated`` or a newer grant holds the same VM and
    port; REVOKED for any other early end; VANISHED when the policy, the VM's entry in it or the
    request is gone. A grant whose subscription is missing from ``inventories`` or whose
    policies could not be read has an unknown fate and is left out unless its end has passed.
    """
    current_keys = {g.key for g in current}
    by_subscription = {i.subscription.subscription_id.lower(): i for i in inventories}
    result: list[EndedGrant] = []
    for grant in previous:
        if grant.key in current_keys:
            continue
        if grant.end_time <= now:
            result.append(EndedGrant(grant, EndReason.EXPIRED))
            continue
        inventory = by_subscription.get(grant.subscription.subscription_id.lower())
        if inventory is None or inventory.policies is None:
            continue
        result.append(_fate(grant, inventory.policies, current))
    return result


def _fate(grant: Grant, policies: PolicyIndex, current: Sequence[Grant]) -> EndedGrant:
    """Why a grant that should still be open is no longer open."""
    successor = max(
        (
            g
            for g in current
            if g.vm.id == grant.vm.id and g.port == grant.port and g.start_time > grant.start_time
        ),
        key=lambda g: g.start_time,
        default=None,
    )
    port = _request_port(grant, policies)
    if port is None:
        return EndedGrant(grant, EndReason.VANISHED)
    if port.status is RequestStatus.REVOKED:
        if port.status_reason is StatusReason.NEWER_REQUEST:
            return EndedGrant(grant, EndReason.SUPERSEDED, successor)
        if port.status_reason is StatusReason.EXPIRED:
            return EndedGrant(grant, EndReason.EXPIRED)
        return EndedGrant(grant, EndReason.REVOKED)
    if successor is not None:
        return EndedGrant(grant, EndReason.SUPERSEDED, successor)
    return EndedGrant(grant, EndReason.REVOKED)


def _request_port(grant: Grant, policies: PolicyIndex) -> RequestPort | None:
    """The grant's port in Azure's current history, or None when it is no longer there."""
    policy = next((p for p in policies.policies if p.id == grant.policy_id), None)
    if policy is None or policy.vm(grant.vm.id) is None:
        return None
    for request in policy.requests:
        if request.start_time != grant.start_time:
            continue
        for port in request.ports_for(grant.vm.id):
            if port.number == grant.port:
                return port
    return None
