"""Split list answers into pages linked by ``nextLink`` URLs carrying a ``$skiptoken``."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from jitdesk.emulator.errors import ArmError
from jitdesk.emulator.shapes import JsonObject

DEFAULT_PAGE_SIZE = 100
SKIP_PARAM = "$skiptoken"


def encode_token(offset: int) -> str:
    """An opaque skip token for the item at ``offset``."""
    raw = json.dumps({"o": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str) -> int:
    """The offset inside a skip token; raises ArmError 400 for tokens this server did not make."""
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset = data["o"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        offset = None
    if not isinstance(offset, int) or offset < 0:
        # (emulator wording)
        raise ArmError(400, "InvalidSkipToken", f"The skip token '{token}' is not valid.")
    return offset


def page(
    items: Sequence[JsonObject],
    *,
    url: str,
    query: Sequence[tuple[str, str]],
    page_size: int | None,
    empty_first: bool,
    shape: Callable[[Any], JsonObject] | None = None,
) -> JsonObject:
    """Return the page of ``items`` that the request's ``$skiptoken`` asks for.

    ``url`` is the absolute URL of the list without query; ``query`` the request's parameters in
    order. Without a token the first page is served (an empty one first when ``empty_first``).
    """
    size = page_size if page_size and page_size > 0 else DEFAULT_PAGE_SIZE
    others = [(k, v) for k, v in query if k.lower() != SKIP_PARAM]
    token = next((v for k, v in query if k.lower() == SKIP_PARAM), None)

    def link(offset: int) -> str:
        pairs = [*others, (SKIP_PARAM, encode_token(offset))]
        return f"{url}?{urlencode(pairs, safe='$')}"

    if token is None and empty_first:
        return {"value": [], "nextLink": link(0)}
    offset = 0 if token is None else decode_token(token)
    chosen = items[offset : offset + size]
    body: JsonObject = {"value": [shape(i) for i in chosen] if shape else list(chosen)}
    if offset + size < len(items):
        body["nextLink"] = link(offset + size)
    return body
