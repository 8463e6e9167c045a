"""Microsoft.Security: ASC locations, JIT network access policies (reads), pricings."""

from __future__ import annotations

from jitdesk.emulator import arm_ids, errors
from jitdesk.emulator.context import Context, Listing, Reply
from jitdesk.emulator.jit_state import JitPolicy
from jitdesk.emulator.shapes import security as shapes
from jitdesk.emulator.world import SubscriptionRecord

JIT_READ = "Microsoft.Security/locations/jitNetworkAccessPolicies/read"
LOCATION_READ = "Microsoft.Security/locations/read"
PRICING_READ = "Microsoft.Security/pricings/read"


def list_locations(ctx: Context) -> Listing:
    """The subscription's one ASC location (its home region)."""
    record = ctx.subscription()
    ctx.require(LOCATION_READ, record)
    return Listing([shapes.location(record.id, record.seed.asc_location)])


def get_location(ctx: Context) -> Reply:
    """The ASC location by name; other regions answer 404."""
    record = ctx.subscription()
    ctx.require(LOCATION_READ, record)
    if ctx.params["region"].lower() != record.seed.asc_location:
        raise errors.location_not_found(ctx.params["region"])
    return Reply(shapes.location(record.id, record.seed.asc_location))


def _policies(
    ctx: Context, record: SubscriptionRecord, group: str | None, region: str | None
) -> Listing:
    ctx.require(JIT_READ, record, group)
    found = [
        policy
        for policy in ctx.world.policies_in(record.id, group, region)
        if group is not None or ctx.allowed_in(JIT_READ, record, policy.resource_group)
    ]
    return Listing([shapes.policy(policy, ctx.now) for policy in found])


def list_policies(ctx: Context) -> Listing:
    """``JitNetworkAccessPolicies_List``: every policy of the subscription."""
    return _policies(ctx, ctx.subscription(), None, None)


def list_policies_in_region(ctx: Context) -> Listing:
    """``JitNetworkAccessPolicies_ListByRegion``."""
    return _policies(ctx, ctx.subscription(), None, ctx.params["region"])


def list_policies_in_group(ctx: Context) -> Listing:
    """``JitNetworkAccessPolicies_ListByResourceGroup``."""
    record = ctx.subscription()
    return _policies(ctx, record, ctx.group(record).name, None)


def list_policies_in_group_region(ctx: Context) -> Listing:
    """``JitNetworkAccessPolicies_ListByResourceGroupAndRegion``."""
    record = ctx.subscription()
    return _policies(ctx, record, ctx.group(record).name, ctx.params["region"])


def find_policy(ctx: Context, action: str = JIT_READ) -> JitPolicy:
    """The policy the path names, after the RBAC check for ``action``; 404 when absent."""
    record = ctx.subscription()
    group = ctx.group(record)
    region, name = ctx.params["region"], ctx.params["name"]
    scope = arm_ids.policy_id(record.id, group.name, region, name)
    ctx.require(action, record, group.name, scope)
    policy = ctx.world.find_policy(record.id, group.name, region, name)
    if policy is None:
        raise errors.policy_not_found(name, group.name, region)
    return policy


def get_policy(ctx: Context) -> Reply:
    """``JitNetworkAccessPolicies_Get``."""
    return Reply(shapes.policy(find_policy(ctx), ctx.now))


def list_pricings(ctx: Context) -> Reply:
    """The Defender plans of a subscription. Not pageable: the SDK reads one ``PricingList``."""
    record = ctx.subscription()
    ctx.require(PRICING_READ, record)
    value = [shapes.servers_pricing(record.id, record.plan, ctx.now)]
    value += [shapes.free_pricing(record.id, name) for name in shapes.OTHER_PLANS]
    return Reply({"value": value})


def get_pricing(ctx: Context) -> Reply:
    """One Defender plan; ``VirtualMachines`` is Defender for Servers."""
    record = ctx.subscription()
    ctx.require(PRICING_READ, record)
    name = ctx.params["name"]
    if name.lower() == "virtualmachines":
        return Reply(shapes.servers_pricing(record.id, record.plan, ctx.now))
    for plan in shapes.OTHER_PLANS:
        if plan.lower() == name.lower():
            return Reply(shapes.free_pricing(record.id, plan))
    # (emulator wording)
    raise errors.ArmError(404, "NotFound", f"The pricing '{name}' was not found.")
