"""Checks that span several entities of a seed: uniqueness, references, network consistency."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime, timedelta

from jitdesk.emulator.seed_model import (
    Seed,
    SeedPolicy,
    SeedResourceGroup,
    SeedSubscription,
    SeedVm,
)
from jitdesk.emulator.seed_reader import SeedError
from jitdesk.emulator.timefmt import parse_duration

_MIN_GRANT = timedelta(minutes=5)
_MAX_GRANT = timedelta(days=1)


def check_seed(seed: Seed) -> None:
    """Raise SeedError for the first cross-entity problem; return quietly when the seed is sound."""
    tenant_ids = [t.id for t in seed.tenants]
    if len(set(tenant_ids)) != len(tenant_ids):
        raise SeedError("tenants", "two tenants share one id")
    if seed.user.home_tenant_id not in tenant_ids:
        raise SeedError("user", f"key 'home_tenant': no tenant has id '{seed.user.home_tenant_id}'")

    seen_subscriptions: set[str] = set()
    public_ips: dict[str, str] = {}
    policy_of_vm: dict[str, str] = {}
    for tenant in seed.tenants:
        for subscription in tenant.subscriptions:
            where = f"subscription '{subscription.name}' ({subscription.id})"
            if subscription.id in seen_subscriptions:
                raise SeedError(where, "another subscription has the same id")
            seen_subscriptions.add(subscription.id)
            _check_subscription(subscription, where, public_ips, policy_of_vm)


def _check_subscription(
    subscription: SeedSubscription,
    where: str,
    public_ips: dict[str, str],
    policy_of_vm: dict[str, str],
) -> None:
    groups: dict[str, SeedResourceGroup] = {}
    for group in subscription.resource_groups:
        if group.name.lower() in groups:
            raise SeedError(where, f"resource group '{group.name}' appears twice")
        groups[group.name.lower()] = group
        group_where = f"{where} > resource group '{group.name}'"
        _check_names(group, group_where)
        _check_network(group, group_where)
        _check_public_ips(group, group_where, public_ips)
        for policy in group.jit_policies:
            _check_policy(group, policy, f"{group_where} > policy '{policy.name}'", policy_of_vm)
    for denial in subscription.denials:
        if denial.resource_group is not None and denial.resource_group.lower() not in groups:
            raise SeedError(
                f"{where} > denial of '{denial.action}'",
                f"key 'resource_group': no resource group named '{denial.resource_group}'",
            )


def _check_names(group: SeedResourceGroup, where: str) -> None:
    for kind, names in (
        ("vm", [vm.name for vm in group.vms]),
        ("classic vm", [vm.name for vm in group.classic_vms]),
        ("policy", [f"{p.region}/{p.name}" for p in group.jit_policies]),
    ):
        lowered = [n.lower() for n in names]
        for name in names:
            if lowered.count(name.lower()) > 1:
                raise SeedError(
                    where, f"{kind} '{name}' appears twice (names are case-insensitive)"
                )


def _check_network(group: SeedResourceGroup, where: str) -> None:
    """VMs naming one subnet share its /24; a subnet either has an NSG for all VMs or none."""
    subnets: dict[tuple[str, str], tuple[ipaddress.IPv4Network, SeedVm]] = {}
    for vm in group.vms:
        network = ipaddress.IPv4Network(f"{vm.private_ip}/24", strict=False)
        key = (vm.region, vm.subnet.lower())
        if key not in subnets:
            for (region, _), (other_net, other_vm) in subnets.items():
                if region == vm.region and other_net == network:
                    raise SeedError(
                        f"{where} > vm '{vm.name}'",
                        f"key 'subnet': '{vm.subnet}' would use {network}, which subnet "
                        f"'{other_vm.subnet}' (vm '{other_vm.name}') already uses",
                    )
            subnets[key] = (network, vm)
            continue
        first_net, first_vm = subnets[key]
        if ipaddress.IPv4Address(vm.private_ip) not in first_net:
            raise SeedError(
                f"{where} > vm '{vm.name}'",
                f"key 'private_ip': {vm.private_ip} is outside subnet '{vm.subnet}' "
                f"({first_net}, set by vm '{first_vm.name}')",
            )
    for (region, subnet), _ in subnets.items():
        members = [vm for vm in group.vms if vm.region == region and vm.subnet.lower() == subnet]
        with_subnet_nsg = [vm for vm in members if vm.nsg in ("subnet", "both")]
        if not with_subnet_nsg:
            continue
        for vm in members:
            if vm.nsg in ("nic", "none"):
                raise SeedError(
                    f"{where} > vm '{vm.name}'",
                    f"key 'nsg': '{vm.nsg}' contradicts vm '{with_subnet_nsg[0].name}', which puts "
                    f"an NSG on subnet '{vm.subnet}'; use 'subnet' or 'both'",
                )


def _check_public_ips(group: SeedResourceGroup, where: str, seen: dict[str, str]) -> None:
    owned = [(vm.name, vm.public_ip) for vm in group.vms if vm.public_ip]
    owned += [(vm.name, ip) for vm in group.classic_vms for ip in vm.public_ips]
    for name, address in owned:
        assert address is not None
        if address in seen:
            raise SeedError(
                f"{where} > vm '{name}'",
                f"public address {address} is also used by {seen[address]}",
            )
        seen[address] = f"vm '{name}'"


def _check_policy(
    group: SeedResourceGroup, policy: SeedPolicy, where: str, policy_of_vm: dict[str, str]
) -> None:
    vms = {vm.name.lower(): vm for vm in group.vms}
    classic = {vm.name.lower() for vm in group.classic_vms}
    policy_vms: dict[str, dict[int, bool]] = {}
    for entry in policy.vms:
        entry_where = f"{where} > vm '{entry.vm}'"
        vm = vms.get(entry.vm.lower())
        if vm is None:
            reason = (
                "is a classic VM, which JIT does not support"
                if entry.vm.lower() in classic
                else "does not exist in this resource group"
            )
            raise SeedError(entry_where, f"key 'vm': '{entry.vm}' {reason}")
        if vm.region != policy.region:
            raise SeedError(
                entry_where, f"vm is in {vm.region} but the policy is in {policy.region}"
            )
        owner = policy_of_vm.get(f"{group.name}/{vm.name}".lower())
        if owner is not None:
            raise SeedError(entry_where, f"vm is already in policy {owner}")
        policy_of_vm[f"{group.name}/{vm.name}".lower()] = f"'{policy.name}'"
        numbers = [rule.number for rule in entry.ports]
        if len(set(numbers)) != len(numbers):
            raise SeedError(entry_where, "key 'ports': a port number appears twice")
        for rule in entry.ports:
            longest = parse_duration(rule.max_duration)
            if not _MIN_GRANT <= longest <= _MAX_GRANT:
                raise SeedError(
                    f"{entry_where} > port {rule.number}",
                    f"key 'max_duration': {rule.max_duration} is outside 5 minutes to 1 day",
                )
        policy_vms[vm.name.lower()] = {n: entry.firewall_ip is not None for n in numbers}
    _check_requests(policy, where, policy_vms)


def _check_requests(policy: SeedPolicy, where: str, policy_vms: dict[str, dict[int, bool]]) -> None:
    reference = datetime(2000, 1, 1, tzinfo=UTC)
    for request in policy.requests:
        request_where = f"{where} > request by '{request.requestor}' at {request.start.text}"
        for entry in request.vms:
            ports = policy_vms.get(entry.vm.lower())
            if ports is None:
                raise SeedError(request_where, f"key 'vm': '{entry.vm}' is not in this policy")
            for port in entry.ports:
                port_where = f"{request_where} > vm '{entry.vm}' port {port.number}"
                if port.number not in ports:
                    raise SeedError(
                        port_where, "key 'number': the policy has no rule for this port"
                    )
                if port.mapped_port is not None and not ports[port.number]:
                    raise SeedError(
                        port_where,
                        "key 'mapped_port': only VMs behind an Azure Firewall (firewall_ip) "
                        "have mapped ports",
                    )
                same_kind = (port.end.absolute is None) == (request.start.absolute is None)
                if same_kind and port.end.resolve(reference) <= request.start.resolve(reference):
                    raise SeedError(
                        port_where,
                        f"key 'end': {port.end.text} is not after the start {request.start.text}",
                    )
