"""A small JIT world for grant tests: VMs, one policy per subscription and its request history.

Statuses are derived from the time asked for, by the rules the service (and the emulator)
follows: ``Initiating`` until a request is active, ``Initiated`` while open,
``Revoked/NewerRequestInitiated`` once a newer request for the same VM and port started before
the end, ``Revoked/Expired`` after it. A request may force its own status instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from jitdesk.domain.ids import ResourceId
from jitdesk.domain.model import (
    JitPolicy,
    JitRequest,
    PolicyIndex,
    PolicyVm,
    PortRule,
    Protocol,
    RequestPort,
    RequestStatus,
    RequestVm,
    StatusReason,
    Subscription,
    VirtualMachine,
)
from jitdesk.services.inventory import SubscriptionInventory

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
ME = "alex.morgan@contoso.example"
PRIYA = "priya.shah@contoso.example"
PROD = Subscription("aaaaaaaa-0000-4000-8000-000000000001", "Contoso Production", "t-contoso")
LAB = Subscription("bbbbbbbb-0000-4000-8000-000000000002", "Fabrikam Lab", "t-fabrikam")


@dataclass
class Request:
    requestor: str
    start: datetime
    vm: str
    ports: dict[int, datetime]
    sources: tuple[str, ...] = ("203.0.113.7",)
    justification: str = ""
    active_from: datetime | None = None
    forced: tuple[RequestStatus, StatusReason] | None = None
    mapped_port: int | None = None


@dataclass
class GrantWorld:
    """One subscription with VMs in one policy ``default`` in westeurope."""

    subscription: Subscription = PROD
    vms: tuple[str, ...] = ("vm-web-01", "vm-web-02", "vm-api-02")
    requests: list[Request] = field(default_factory=list)
    in_policy: set[str] | None = None
    """The VMs the policy covers (None: all of ``vms``)."""
    listed: set[str] | None = None
    """The VMs the VM listing shows (None: all of ``vms``)."""
    has_policy: bool = True
    readable: bool = True

    def vm_id(self, name: str) -> ResourceId:
        sub = self.subscription.subscription_id
        return ResourceId.parse(
            f"/subscriptions/{sub}/resourceGroups/rg-prod/providers/Microsoft.Compute/"
            f"virtualMachines/{name}"
        )

    @property
    def policy_id(self) -> ResourceId:
        sub = self.subscription.subscription_id
        return ResourceId.parse(
            f"/subscriptions/{sub}/resourceGroups/rg-prod/providers/Microsoft.Security/"
            "locations/westeurope/jitNetworkAccessPolicies/default"
        )

    def vm(self, name: str) -> VirtualMachine:
        return VirtualMachine(self.vm_id(name), "westeurope", public_ip="127.20.1.11")

    def request(
        self,
        requestor: str,
        vm: str,
        port: int,
        start: datetime,
        end: datetime,
        **extra: object,
    ) -> Request:
        made = Request(requestor, start, vm, {port: end}, **extra)
        self.requests.append(made)
        return made

    def _status(
        self, made: Request, number: int, now: datetime
    ) -> tuple[RequestStatus, StatusReason]:
        if made.forced is not None:
            return made.forced
        end = made.ports[number]
        newer = [
            r.start
            for r in self.requests
            if r is not made
            and r.vm == made.vm
            and number in r.ports
            and r.start > made.start
            and r.start <= now
        ]
        if newer and min(newer) < end:
            return RequestStatus.REVOKED, StatusReason.NEWER_REQUEST
        if end <= now:
            return RequestStatus.REVOKED, StatusReason.EXPIRED
        if made.active_from is not None and now < made.active_from:
            return RequestStatus.INITIATING, StatusReason.USER_REQUESTED
        return RequestStatus.INITIATED, StatusReason.USER_REQUESTED

    def policy(self, now: datetime) -> JitPolicy:
        covered = self.in_policy if self.in_policy is not None else set(self.vms)
        rules = (
            PortRule(22, Protocol.TCP, ("*",), timedelta(hours=3)),
            PortRule(3389, Protocol.TCP, ("*",), timedelta(hours=3)),
        )
        requests = []
        for made in self.requests:
            if made.start > now:
                continue
            ports = tuple(
                RequestPort(
                    number, end, *self._status(made, number, now), made.sources, made.mapped_port
                )
                for number, end in made.ports.items()
            )
            # ARM writes ids in its own casing: the policy's copy is lower case.
            vm_id = ResourceId.parse(self.vm_id(made.vm).text.lower())
            requests.append(
                JitRequest(
                    made.requestor, made.start, (RequestVm(vm_id, ports),), made.justification
                )
            )
        return JitPolicy(
            self.policy_id,
            tuple(PolicyVm(self.vm_id(name), rules) for name in self.vms if name in covered),
            tuple(requests),
        )

    def inventory(self, now: datetime) -> SubscriptionInventory:
        """The subscription as a load at ``now`` would find it."""
        shown = self.listed if self.listed is not None else set(self.vms)
        vms = tuple(self.vm(name) for name in self.vms if name in shown)
        if not self.readable:
            return SubscriptionInventory(self.subscription, vms, policies=None)
        policies = (self.policy(now),) if self.has_policy else ()
        return SubscriptionInventory(self.subscription, vms, PolicyIndex(policies))


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime = NOW) -> None:
        self.time = start

    def now(self) -> datetime:
        return self.time

    def advance(self, delta: timedelta) -> None:
        self.time += delta

    def set(self, when: datetime) -> None:
        self.time = when
