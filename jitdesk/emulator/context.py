"""What a handler gets (the request, the caller, the world) and what it gives back.

``client_ip`` is the TCP peer address of the connection: what the service would call the
caller's address.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from jitdesk.emulator import arm_ids, errors
from jitdesk.emulator.auth import Caller
from jitdesk.emulator.seed_model import SeedResourceGroup
from jitdesk.emulator.shapes import JsonObject
from jitdesk.emulator.world import SubscriptionRecord, World


@dataclass
class Listing:
    """A list answer; the server pages it. With ``shape``, ``items`` are records and only the
    ones on the requested page are turned into JSON (a large list stays linear to page)."""

    items: Sequence[Any]
    shape: Callable[[Any], JsonObject] | None = None


@dataclass
class Reply:
    """A single-object answer (or no body, for a 204)."""

    body: JsonObject | None
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


Result = Listing | Reply


@dataclass
class Context:
    """One request as a handler sees it. Handlers run with ``world.lock`` held."""

    world: World
    caller: Caller
    now: datetime
    params: dict[str, str]
    query: dict[str, str]
    body: bytes = b""
    client_ip: str = "127.0.0.1"

    def json_body(self, code: str) -> Any:
        """The request body parsed as JSON; 400 with ``code`` when it is missing or not JSON."""
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            # (emulator wording)
            raise errors.bad_request(code, "The request body is not valid JSON.") from None

    def flag(self, name: str) -> bool:
        """True when the query parameter ``name`` (any case) is ``true``."""
        return self.query.get(name.lower(), "").lower() == "true"

    def subscription(self) -> SubscriptionRecord:
        """The subscription in the path; 404 when unknown, 401 when the token's tenant differs."""
        sub = self.params["sub"]
        record = self.world.subscription(sub)
        if record is None:
            raise errors.subscription_not_found(sub)
        if self.caller.tenant_id is not None and self.caller.tenant_id != record.tenant.id:
            raise errors.wrong_tenant(self.caller.tenant_id, record.tenant.id)
        return record

    def group(self, record: SubscriptionRecord) -> SeedResourceGroup:
        """The resource group in the path; 404 ``ResourceGroupNotFound`` when unknown."""
        group = record.group(self.params["group"])
        if group is None:
            raise errors.resource_group_not_found(self.params["group"])
        return group

    def object_id(self, record: SubscriptionRecord) -> str:
        """The caller's object id in the subscription's tenant, as a 403 message shows it."""
        if self.caller.object_id is not None:
            return self.caller.object_id
        if self.caller.upn.lower() == self.world.user.upn.lower():
            return record.tenant.user_object_id
        return arm_ids.stable_guid("oid", self.caller.upn)

    def require(
        self,
        action: str,
        record: SubscriptionRecord,
        group: str | None = None,
        scope: str | None = None,
    ) -> None:
        """Raise 403 ``AuthorizationFailed`` when a seed denial forbids ``action`` here.

        ``scope`` is what the message names; it defaults to the subscription or group id.
        """
        if self.world.denial_for(self.caller.upn, action, record.id, group) is None:
            return
        if scope is None:
            scope = (
                arm_ids.group_id(record.id, group)
                if group is not None
                else arm_ids.subscription_id(record.id)
            )
        raise errors.authorization_failed(self.caller.upn, self.object_id(record), action, scope)

    def allowed_in(self, action: str, record: SubscriptionRecord, group: str) -> bool:
        """False when a group-scoped denial hides that group's items from a subscription list."""
        return self.world.denial_for(self.caller.upn, action, record.id, group) is None
