"""Microsoft.Resources bodies: tenants and subscriptions (examples of api-version 2022-12-01)."""

from __future__ import annotations

from jitdesk.emulator.seed_model import SeedTenant
from jitdesk.emulator.shapes import JsonObject
from jitdesk.emulator.world import SubscriptionRecord


def tenant(seed: SeedTenant) -> JsonObject:
    """A tenant as ``GET /tenants`` lists it.

    Every tenant a user belongs to reads ``tenantCategory: Home`` (member or guest alike); a
    client tells its home tenant by the user's sign-in domain appearing in ``domains``.
    """
    return {
        "id": f"/tenants/{seed.id}",
        "tenantId": seed.id,
        "countryCode": seed.country,
        "displayName": seed.name,
        "domains": list(seed.domains),
        "tenantCategory": "Home",
        "defaultDomain": seed.default_domain,
        "tenantType": "AAD",
    }


def subscription(record: SubscriptionRecord) -> JsonObject:
    """A subscription as ``GET /subscriptions`` lists it."""
    seed = record.seed
    body: JsonObject = {
        "id": f"/subscriptions/{seed.id}",
        "authorizationSource": "RoleBased",
        "managedByTenants": [],
        "subscriptionId": seed.id,
        "tenantId": record.tenant.id,
        "displayName": seed.name,
        "state": seed.state,
        "subscriptionPolicies": {
            "locationPlacementId": "Public_2014-09-01",
            "quotaId": seed.quota_id,
            "spendingLimit": seed.spending_limit,
        },
    }
    if seed.tags:
        body["tags"] = dict(seed.tags)
    return body
