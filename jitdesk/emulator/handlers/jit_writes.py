"""``JitNetworkAccessPolicies_CreateOrUpdate`` (PUT) and ``_Delete``.

PUT replaces the whole VM list, as Azure does, and keeps the policy's request history. Order of
checks: subscription and resource group, RBAC (``…/write``), Defender for Servers Plan 2 (409),
the body's shape (policy_input), then each VM: a VM id, in the URL's subscription and resource
group, existing, in the URL's region, a custom policy name plus the VM name within 56
characters, and not already in another policy. A policy that does not exist yet is created:
this is "Enable JIT" on a VM that has none. DELETE answers 200 when the policy existed and 204
when it did not.
"""

from __future__ import annotations

import re

from jitdesk.emulator import arm_ids, write_errors
from jitdesk.emulator.context import Context, Reply
from jitdesk.emulator.jit_state import JitPolicy, PolicyVm
from jitdesk.emulator.policy_input import INVALID_POLICY, VmInput, read_policy
from jitdesk.emulator.shapes import security as shapes
from jitdesk.emulator.world import SubscriptionRecord

WRITE = "Microsoft.Security/locations/jitNetworkAccessPolicies/write"
DELETE = "Microsoft.Security/locations/jitNetworkAccessPolicies/delete"
# FACTS §5: "Custom policy name + VM name must not exceed 56 characters in total."
MAX_NAMES = 56
_VM_ID = re.compile(
    r"^/subscriptions/(?P<sub>[^/]+)/resourceGroups/(?P<group>[^/]+)/providers/"
    r"Microsoft\.Compute/virtualMachines/(?P<name>[^/]+)/?$",
    re.IGNORECASE,
)


def create_or_update(ctx: Context) -> Reply:
    """``PUT …/jitNetworkAccessPolicies/{name}``: 200 with the stored policy."""
    record = ctx.subscription()
    group = ctx.group(record)
    region, name = ctx.params["region"].lower(), ctx.params["name"]
    ctx.require(WRITE, record, group.name, arm_ids.policy_id(record.id, group.name, region, name))
    plan = record.plan
    if plan.tier != "Standard" or plan.sub_plan != "P2":
        current = f"Plan {plan.sub_plan.removeprefix('P')}" if plan.sub_plan else "the Free tier"
        raise write_errors.plan_required(record.seed.name, record.id, current)
    body = read_policy(ctx.json_body(write_errors.INVALID_CONTENT))
    existing = ctx.world.find_policy(record.id, group.name, region, name)
    policy_name = existing.name if existing is not None else name
    vms = [
        _policy_vm(ctx, record, group.name, region, policy_name, existing, vm) for vm in body.vms
    ]
    if existing is None:
        policy = JitPolicy(
            subscription_id=record.id,
            resource_group=group.name,
            region=region,
            name=name,
            kind=body.kind or "Basic",
            vms=vms,
        )
        ctx.world.store_policy(policy)
    else:
        policy = existing
        policy.vms = vms
        policy.kind = body.kind or policy.kind
        policy.provisioning_state = "Succeeded"
    return Reply(shapes.policy(policy, ctx.now))


def delete(ctx: Context) -> Reply:
    """``DELETE …/jitNetworkAccessPolicies/{name}``: 200 when it existed, 204 when not."""
    record = ctx.subscription()
    group = ctx.group(record)
    region, name = ctx.params["region"], ctx.params["name"]
    ctx.require(DELETE, record, group.name, arm_ids.policy_id(record.id, group.name, region, name))
    policy = ctx.world.find_policy(record.id, group.name, region, name)
    if policy is None:
        return Reply(None, status=204)
    ctx.world.remove_policy(policy)
    return Reply(None, status=200)


def _policy_vm(
    ctx: Context,
    record: SubscriptionRecord,
    group: str,
    region: str,
    policy_name: str,
    existing: JitPolicy | None,
    vm: VmInput,
) -> PolicyVm:
    """Check one VM of the body against the world; return it as the policy will hold it."""
    match = _VM_ID.match(vm.id)
    if match is None:
        if "/microsoft.classiccompute/" in vm.id.lower():
            reason = (
                "is a classic virtual machine; just-in-time VM access supports only Azure "
                "Resource Manager VMs (Microsoft.Compute/virtualMachines)"
            )
        else:
            reason = (
                "is not a virtual machine resource id (/subscriptions/{id}/resourceGroups/"
                "{group}/providers/Microsoft.Compute/virtualMachines/{name})"
            )
        raise write_errors.invalid_policy(INVALID_POLICY, f"'{vm.where}.id': '{vm.id}' {reason}.")
    vm_sub, vm_group, vm_name = match["sub"], match["group"], match["name"]
    if vm_sub.lower() != record.id.lower() or vm_group.lower() != group.lower():
        raise write_errors.invalid_policy(
            "VmOutsidePolicyScope",
            f"Virtual machine '{vm.id}' is in resource group '{vm_group}' of subscription "
            f"'{vm_sub}'; a policy of resource group '{group}' in subscription '{record.id}' "
            "can only hold that resource group's VMs.",
        )
    found = record.vm(group, vm_name)
    if found is None:
        raise write_errors.invalid_policy(
            "VirtualMachineNotFound",
            f"Virtual machine '{vm_name}' was not found in resource group '{group}' "
            f"('{vm.where}.id').",
        )
    if found.seed.region != region:
        raise write_errors.invalid_policy(
            "VmOutsidePolicyScope",
            f"Virtual machine '{found.seed.name}' is in region '{found.seed.region}', but the "
            f"policy is in '{region}'; a policy holds only VMs of its own region.",
        )
    total = len(policy_name) + len(found.seed.name)
    if policy_name.lower() != "default" and total > MAX_NAMES:
        raise write_errors.invalid_policy(
            "PolicyNameTooLong",
            f"The policy name '{policy_name}' and the VM name '{found.seed.name}' have {total} "
            f"characters together; a custom policy name and a VM name may have at most "
            f"{MAX_NAMES}.",
        )
    other = ctx.world.policy_holding(record.id, vm.id)
    if other is not None and other is not existing:
        raise write_errors.invalid_policy(
            "VmInAnotherPolicy",
            f"Virtual machine '{found.seed.name}' is already in just-in-time network access "
            f"policy '{other.id}'; a VM can be in only one policy per region.",
        )
    firewall = vm.firewall_ip
    if firewall is None and existing is not None:
        before = existing.vm(vm.id)
        firewall = before.firewall_ip if before is not None else None
    return PolicyVm(vm_id=vm.id, ports=list(vm.ports), firewall_ip=firewall)
