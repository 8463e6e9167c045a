"""``/tenants`` and ``/subscriptions`` (Microsoft.Resources, api-version 2022-12-01)."""

from __future__ import annotations

from jitdesk.emulator.context import Context, Listing, Reply
from jitdesk.emulator.shapes import resources as shapes


def list_tenants(ctx: Context) -> Listing:
    """Every tenant of the seed: the user's home tenant and the ones they are a guest in."""
    return Listing([shapes.tenant(t) for t in ctx.world.tenants])


def list_subscriptions(ctx: Context) -> Listing:
    """The subscriptions of the token's tenant, or all of them when the token names none."""
    tenant = ctx.caller.tenant_id
    return Listing(
        [
            shapes.subscription(record)
            for record in ctx.world.subscriptions()
            if tenant is None or record.tenant.id == tenant
        ]
    )


def get_subscription(ctx: Context) -> Reply:
    """One subscription."""
    return Reply(shapes.subscription(ctx.subscription()))
