"""Credentials that are not Entra ID sign-ins: the demo account used against the emulator."""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Callable
from typing import Any

from azure.core.credentials import AccessToken

from jitdesk.cloud.arm import ArmClient
from jitdesk.cloud.errors import to_domain_error
from jitdesk.domain.model import Account


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class DemoCredential:
    """A token credential for the emulator: unsigned tokens that name the tenant and user.

    The emulator reads ``tid`` to scope the subscription list, as ARM scopes it by the token's
    tenant, and ``upn`` as the requestor. These tokens are worthless against real Azure.
    Safe to call from any thread.
    """

    def __init__(
        self, account: Account | Callable[[], Account], tenant_id: str | None = None
    ) -> None:
        """``account`` may be a function: it is then asked on the first token, inside the
        SDK call, so that finding out who the demo user is fails like any other call."""
        self._account_source = account
        self._tenant = tenant_id

    @property
    def _account(self) -> Account:
        source = self._account_source
        return source if isinstance(source, Account) else source()

    @property
    def _tenant_id(self) -> str:
        return self._tenant or self._account.home_tenant_id

    def get_token(
        self,
        *scopes: str,
        claims: str | None = None,
        tenant_id: str | None = None,
        enable_cae: bool = False,
        **kwargs: Any,
    ) -> AccessToken:
        expires_on = int(time.time()) + 3600
        payload = {
            "aud": scopes[0].removesuffix("/.default") if scopes else "",
            "tid": tenant_id or self._tenant_id,
            "upn": self._account.username,
            "name": self._account.display_name or self._account.username,
            "oid": self._account.object_id or str(uuid.uuid5(uuid.NAMESPACE_URL, "demo")),
            "exp": expires_on,
        }
        token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(payload)}."
        return AccessToken(token, expires_on)

    def for_tenant(self, tenant_id: str) -> DemoCredential:
        return DemoCredential(self._account_source, tenant_id)

    def close(self) -> None:
        """Nothing to release; present for the TokenCredential protocol."""


IDENTITY_PATH = "/.well-known/jitdesk-emulator"


def emulator_account(arm_url: str, ca_bundle: str | None, scope: str) -> Account:
    """Ask a jitdesk emulator who its demo user is. Blocks on the network; worker threads only.

    The emulator is not Azure; this is the one call that only it answers. It still goes
    through the SDK's pipeline, over HTTPS with the emulator's CA.
    """
    bootstrap = DemoCredential(Account(username="", home_tenant_id=""))
    transport: dict[str, Any] = {"connection_verify": ca_bundle} if ca_bundle else {}
    client = ArmClient(bootstrap, arm_url.rstrip("/"), scope, "jitdesk", 0, **transport)
    try:
        body = client.get(IDENTITY_PATH)
    except Exception as error:
        raise to_domain_error(error, "ask the emulator for its demo account") from error
    finally:
        client.close()
    return Account(
        username=str(body["user"]),
        home_tenant_id=str(body["homeTenantId"]),
        display_name=str(body.get("displayName") or ""),
        object_id=str(body.get("objectId") or ""),
    )
