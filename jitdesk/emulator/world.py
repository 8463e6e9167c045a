"""The running world: the seed expanded into ARM resources, plus mutable JIT state.

Everything that may change while the emulator runs (policies, request history, Defender plans)
lives here behind ``World.lock``; handlers take the lock for the whole of one request, so each
write is atomic.
"""

from __future__ import annotations

import fnmatch
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from jitdesk.emulator import arm_ids
from jitdesk.emulator.jit_state import JitPolicy, JitRequest, PolicyVm, PortRule, RequestPort
from jitdesk.emulator.jit_state import RequestVm as JitRequestVm
from jitdesk.emulator.network_layout import VmNetwork, VnetLayout, layout_group
from jitdesk.emulator.seed_model import (
    Seed,
    SeedClassicVm,
    SeedDenial,
    SeedPolicy,
    SeedResourceGroup,
    SeedSubscription,
    SeedTenant,
    SeedUser,
    SeedVm,
)
from jitdesk.emulator.timefmt import parse_duration


@dataclass(frozen=True)
class VmRecord:
    """An ARM VM with the ids of its resource group and network resources."""

    subscription_id: str
    resource_group: str
    id: str
    seed: SeedVm
    network: VmNetwork


@dataclass(frozen=True)
class ClassicVmRecord:
    """A classic VM and its id."""

    subscription_id: str
    resource_group: str
    id: str
    seed: SeedClassicVm


@dataclass(frozen=True)
class DefenderPlan:
    """The Defender for Servers pricing of a subscription, with times resolved.

    ``trial_remaining`` is the free trial left at ``trial_since``; the trial counts down from
    then on. Without ``trial_since`` (as seeded) it stays what the seed says.
    """

    tier: str
    sub_plan: str | None
    enabled_at: datetime | None
    trial_remaining: timedelta
    trial_since: datetime | None = None

    def trial_left(self, now: datetime) -> timedelta:
        """The free trial time left at ``now`` (never negative)."""
        if self.trial_since is None:
            return self.trial_remaining
        return max(timedelta(0), self.trial_remaining - max(timedelta(0), now - self.trial_since))


@dataclass(frozen=True)
class SubscriptionRecord:
    """A subscription, its tenant, and the resources derived for it."""

    tenant: SeedTenant
    seed: SeedSubscription
    groups: dict[str, SeedResourceGroup]
    vms: tuple[VmRecord, ...]
    classic_vms: tuple[ClassicVmRecord, ...]
    vnets: tuple[tuple[str, VnetLayout], ...]
    plan: DefenderPlan

    @property
    def id(self) -> str:
        """The subscription GUID as the seed spells it."""
        return self.seed.id

    def group(self, name: str) -> SeedResourceGroup | None:
        """The resource group called ``name`` (case-insensitive), or None."""
        return self.groups.get(name.lower())

    def vm(self, group: str, name: str) -> VmRecord | None:
        """The ARM VM ``name`` of resource group ``group`` (both case-insensitive), or None."""
        return next(
            (
                vm
                for vm in self.vms
                if vm.resource_group.lower() == group.lower()
                and vm.seed.name.lower() == name.lower()
            ),
            None,
        )


class World:
    """The emulator's state, built from a seed at the clock time ``now``."""

    def __init__(self, seed: Seed, now: datetime) -> None:
        self.lock = threading.RLock()
        self.seed = seed
        self.built_at = now
        # How long a new request's ports read "Initiating" (emulator-clock time).
        self.initiate_delay = timedelta(seconds=2)
        # True when the emulator runs demo port gates: VMs then carry the jitdesk-demo-gate tag.
        self.demo_gates = False
        # Gates that could not have their planned port (another demo holds it) listen on a free
        # one instead: (host, planned port) -> port, so the VM's gate tag names the real one.
        self.gate_moved: dict[tuple[str, int], int] = {}
        self._subscriptions: dict[str, SubscriptionRecord] = {}
        self.policies: list[JitPolicy] = []
        for tenant in seed.tenants:
            for subscription in tenant.subscriptions:
                record = _expand_subscription(tenant, subscription, now)
                self._subscriptions[subscription.id.lower()] = record
                for group in subscription.resource_groups:
                    self.policies.extend(
                        _expand_policy(subscription.id, group, policy, now)
                        for policy in group.jit_policies
                    )

    @property
    def user(self) -> SeedUser:
        """The seed's signed-in person."""
        return self.seed.user

    @property
    def tenants(self) -> tuple[SeedTenant, ...]:
        """All tenants the user belongs to, home first as the seed lists them."""
        return self.seed.tenants

    def tenant(self, tenant_id: str) -> SeedTenant | None:
        """The tenant with ``tenant_id`` (case-insensitive), or None."""
        return next((t for t in self.seed.tenants if t.id == tenant_id.lower()), None)

    def subscriptions(self) -> list[SubscriptionRecord]:
        """All subscriptions in seed order."""
        return list(self._subscriptions.values())

    def subscription(self, sub_id: str) -> SubscriptionRecord | None:
        """The subscription with ``sub_id`` (case-insensitive), or None."""
        return self._subscriptions.get(sub_id.lower())

    def policies_in(
        self, sub_id: str, group: str | None = None, region: str | None = None
    ) -> list[JitPolicy]:
        """Policies of a subscription, optionally narrowed to a resource group and/or region."""
        return [
            policy
            for policy in self.policies
            if policy.subscription_id.lower() == sub_id.lower()
            and (group is None or policy.resource_group.lower() == group.lower())
            and (region is None or policy.region.lower() == region.lower())
        ]

    def set_plan(self, sub_id: str, plan: DefenderPlan) -> SubscriptionRecord:
        """Replace the Defender for Servers plan of a subscription; returns the new record."""
        record = self._subscriptions[sub_id.lower()]
        updated = replace(record, plan=plan)
        self._subscriptions[sub_id.lower()] = updated
        return updated

    def policy_holding(self, sub_id: str, vm_id: str) -> JitPolicy | None:
        """The policy of subscription ``sub_id`` that covers the VM ``vm_id``, if any."""
        return next((p for p in self.policies_in(sub_id) if p.has_vm(vm_id)), None)

    def store_policy(self, policy: JitPolicy) -> None:
        """Add ``policy``, or keep it in place when it is already stored."""
        if not any(p is policy for p in self.policies):
            self.policies.append(policy)

    def remove_policy(self, policy: JitPolicy) -> None:
        """Forget ``policy`` and its request history."""
        self.policies[:] = [p for p in self.policies if p is not policy]

    def find_policy(self, sub_id: str, group: str, region: str, name: str) -> JitPolicy | None:
        """The policy with that scope and name (all parts case-insensitive), or None."""
        return next(
            (p for p in self.policies_in(sub_id, group, region) if p.name.lower() == name.lower()),
            None,
        )

    def denial_for(
        self, upn: str, action: str, sub_id: str, group: str | None = None
    ) -> SeedDenial | None:
        """The seed denial that forbids ``upn`` to perform ``action`` at this scope, if any.

        A denial without a resource group covers the whole subscription; one with a resource
        group covers only that group. Actions may use ``*`` wildcards.
        """
        record = self.subscription(sub_id)
        if record is None:
            return None
        for denial in record.seed.denials:
            if denial.user != "*" and denial.user.lower() != upn.lower():
                continue
            if not fnmatch.fnmatchcase(action.lower(), denial.action.lower()):
                continue
            if denial.resource_group is None:
                return denial
            if group is not None and denial.resource_group.lower() == group.lower():
                return denial
        return None


def _expand_subscription(
    tenant: SeedTenant, subscription: SeedSubscription, now: datetime
) -> SubscriptionRecord:
    sub = subscription.id
    vms: list[VmRecord] = []
    classic: list[ClassicVmRecord] = []
    vnets: list[tuple[str, VnetLayout]] = []
    for group in subscription.resource_groups:
        networks, group_vnets = layout_group(sub, group)
        vnets.extend((group.name, vnet) for vnet in group_vnets)
        vms.extend(
            VmRecord(
                sub,
                group.name,
                arm_ids.vm_id(sub, group.name, vm.name),
                vm,
                networks[vm.name.lower()],
            )
            for vm in group.vms
        )
        classic.extend(
            ClassicVmRecord(sub, group.name, arm_ids.classic_vm_id(sub, group.name, vm.name), vm)
            for vm in group.classic_vms
        )
    seed_plan = subscription.defender_for_servers
    plan = DefenderPlan(
        tier=seed_plan.tier,
        sub_plan=seed_plan.sub_plan,
        enabled_at=seed_plan.enabled.resolve(now) if seed_plan.enabled else None,
        trial_remaining=parse_duration(seed_plan.trial_remaining),
    )
    return SubscriptionRecord(
        tenant=tenant,
        seed=subscription,
        groups={g.name.lower(): g for g in subscription.resource_groups},
        vms=tuple(vms),
        classic_vms=tuple(classic),
        vnets=tuple(vnets),
        plan=plan,
    )


def _expand_policy(
    sub: str, group: SeedResourceGroup, policy: SeedPolicy, now: datetime
) -> JitPolicy:
    names = {vm.name.lower() for vm in group.vms}

    def vm_id(name: str) -> str:
        # In the policy's own spelling: Azure's APIs disagree on the casing of one VM's id.
        if name.lower() not in names:
            raise KeyError(name)
        return arm_ids.vm_id(sub, group.name, name)

    vms = [
        PolicyVm(
            vm_id=vm_id(entry.vm),
            ports=[
                PortRule(rule.number, rule.protocol, rule.source, rule.max_duration)
                for rule in entry.ports
            ],
            firewall_ip=entry.firewall_ip,
        )
        for entry in policy.vms
    ]
    requests = [
        JitRequest(
            start=request.start.resolve(now),
            requestor=request.requestor,
            justification=request.justification,
            vms=[
                JitRequestVm(
                    vm_id=vm_id(entry.vm),
                    ports=[
                        RequestPort(p.number, p.end.resolve(now), p.source, p.mapped_port)
                        for p in entry.ports
                    ],
                )
                for entry in request.vms
            ],
        )
        for request in policy.requests
    ]
    return JitPolicy(
        subscription_id=sub,
        resource_group=group.name,
        region=policy.region,
        name=policy.name,
        kind=policy.kind,
        vms=vms,
        requests=requests,
    )
