"""``GET /.well-known/jitdesk-emulator``: who the demo user is. Not an ARM call.

A client pointed at a running emulator (``jitdesk --emulator URL``) asks this once to learn the
account to build demo tokens for; Azure has no such endpoint. It needs neither a token nor an
``api-version``.
"""

from __future__ import annotations

from jitdesk.emulator.shapes import JsonObject
from jitdesk.emulator.world import World

IDENTITY_PATH = "/.well-known/jitdesk-emulator"


def describe(world: World) -> JsonObject:
    """The demo user and the tenants they belong to, home tenant marked."""
    user = world.user
    return {
        "user": user.upn,
        "displayName": user.name,
        "objectId": user.object_id,
        "homeTenantId": user.home_tenant_id,
        "tenants": [
            {
                "tenantId": tenant.id,
                "displayName": tenant.name,
                "home": tenant.id == user.home_tenant_id,
                "objectId": tenant.user_object_id,
            }
            for tenant in world.tenants
        ],
    }
