"""Who is calling: the bearer token read without verification (the emulator trusts everyone).

jitdesk's demo credential sends unsigned JWTs (``base64url(header).base64url(payload).``) whose
payload carries ``tid``, ``upn``, ``name`` and ``oid``. Any JWT-shaped token is decoded the same
way; any other bearer string stands for the seed's user, with no tenant.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass

from jitdesk.emulator import errors
from jitdesk.emulator.seed_model import SeedUser

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Caller:
    """The identity behind one request. ``tenant_id`` is None when the token names no tenant."""

    upn: str
    name: str
    object_id: str | None
    tenant_id: str | None


def _decode_segment(segment: str) -> object:
    padded = segment + "=" * (-len(segment) % 4)
    return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))


def _claims(token: str) -> Mapping[str, object] | None:
    """The payload of a JWT-shaped token, or None when the token has another form."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0] or not parts[1]:
        return None
    try:
        header = _decode_segment(parts[0])
        payload = _decode_segment(parts[1])
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    if not isinstance(header, dict) or not isinstance(payload, dict):
        return None
    return payload


def _claim(claims: Mapping[str, object], *names: str) -> str | None:
    for name in names:
        value = claims.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def caller_from_header(authorization: str | None, default_user: SeedUser) -> Caller:
    """Return the caller for an ``Authorization`` header value; raise ArmError 401 without one.

    Never logs the token.
    """
    if authorization is None or not authorization.strip():
        raise errors.missing_authorization()
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise errors.malformed_authorization()
    claims = _claims(token)
    if claims is None:
        return Caller(default_user.upn, default_user.name, None, None)
    upn = _claim(claims, "upn", "unique_name", "preferred_username") or default_user.upn
    name = _claim(claims, "name") or (default_user.name if upn == default_user.upn else upn)
    tenant = _claim(claims, "tid")
    caller = Caller(upn, name, _claim(claims, "oid"), tenant.lower() if tenant else None)
    logger.debug("request by %s (tenant %s)", caller.upn, caller.tenant_id or "-")
    return caller
