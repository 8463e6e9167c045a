"""The ARM front door: one HTTP request in, one HTTP response out, no sockets involved.

Order of checks for each request, as ARM does them: injected faults, bearer token,
``api-version``, routing, then the handler (with the world lock held, so writes are atomic),
then paging. The one
non-ARM path, ``/.well-known/jitdesk-emulator``, skips token and api-version.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from jitdesk.emulator import errors, paging
from jitdesk.emulator.auth import Caller, caller_from_header
from jitdesk.emulator.clock import EmulatorClock
from jitdesk.emulator.context import Context, Listing, Reply
from jitdesk.emulator.errors import ArmError
from jitdesk.emulator.faults import Faults
from jitdesk.emulator.handlers import identity
from jitdesk.emulator.router import match
from jitdesk.emulator.timefmt import format_http_date
from jitdesk.emulator.world import World

logger = logging.getLogger(__name__)

# Request headers kept in recordings. Authorization is never among them.
RECORDED_HEADERS = (
    "content-type",
    "accept",
    "user-agent",
    "x-ms-client-request-id",
    "x-ms-correlation-request-id",
    "x-ms-return-client-request-id",
)
_MAX_RECORDED = 10_000
# Budgets that never run out; real ARM refills 25 reads a second up to 250, and 10 writes or
# deletes a second up to 200.
_REMAINING_READS = "249"
_REMAINING_WRITES = "199"
_WRITE_METHODS = ("PUT", "POST", "PATCH", "DELETE")


@dataclass(frozen=True)
class RecordedRequest:
    """A request as the emulator saw it, for tests to inspect."""

    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]
    status: int
    time: datetime
    caller_upn: str | None
    caller_tenant: str | None


@dataclass(frozen=True)
class HttpResponse:
    """What the server writes back."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class ServeOptions:
    """Settings the emulator may change while serving."""

    base_url: str
    page_size: int | None = None
    # Called after a PUT or DELETE (a policy or pricing write) succeeded, world lock released.
    after_policy_write: Callable[[], None] | None = None


class ArmApp:
    """Answers ARM requests from the world. ``handle`` is thread-safe and does not block."""

    def __init__(
        self, world: World, clock: EmulatorClock, faults: Faults, options: ServeOptions
    ) -> None:
        self.world = world
        self.clock = clock
        self.faults = faults
        self.options = options
        self._recorded: deque[RecordedRequest] = deque(maxlen=_MAX_RECORDED)
        self._recorded_lock = threading.Lock()

    def recorded(self) -> list[RecordedRequest]:
        """A snapshot of the recorded requests, oldest first (the last 10,000 at most)."""
        with self._recorded_lock:
            return list(self._recorded)

    def clear_recorded(self) -> None:
        """Forget the recorded requests."""
        with self._recorded_lock:
            self._recorded.clear()

    def handle(
        self,
        method: str,
        target: str,
        headers: Mapping[str, str],
        body: bytes,
        peer: str = "127.0.0.1",
    ) -> HttpResponse:
        """Answer one request. ``headers`` must have lower-case names; ``peer`` is the address
        the connection comes from (the caller's address as the service sees it)."""
        split = urlsplit(target)
        path = split.path or "/"
        pairs = parse_qsl(split.query, keep_blank_values=True)
        query = {key.lower(): value for key, value in reversed(pairs)}
        now = self.clock.now()
        caller: Caller | None = None
        status: int
        payload: dict[str, Any] | None
        extra: Mapping[str, str]
        try:
            injected = self.faults.error_for(path)
            if injected is not None:
                raise injected
            if method == "GET" and path.rstrip("/").lower() == identity.IDENTITY_PATH:
                status, payload, extra = 200, identity.describe(self.world), {}
            else:
                caller = caller_from_header(headers.get("authorization"), self.world.user)
                if not query.get("api-version"):
                    raise errors.missing_api_version()
                status, payload, extra = self._dispatch(
                    method, path, pairs, query, caller, now, body, peer
                )
        except ArmError as error:
            status, payload, extra = error.status, error.body(), error.headers
        except Exception:  # a bug in a handler must still produce an ARM answer
            logger.exception("emulator failed on %s %s", method, path)
            crash = ArmError(500, "InternalServerError", "Internal server error occurred.")
            status, payload, extra = crash.status, crash.body(), crash.headers
        self._record(method, path, pairs, headers, body, status, now, caller)
        logger.debug("%s %s -> %s", method, path, status)
        return self._response(method, status, payload, extra, headers, now)

    def _dispatch(
        self,
        method: str,
        path: str,
        pairs: list[tuple[str, str]],
        query: dict[str, str],
        caller: Caller,
        now: datetime,
        body: bytes,
        peer: str,
    ) -> tuple[int, dict[str, Any] | None, dict[str, str]]:
        found = match(method, path)
        if found.handler is None:
            if found.allowed_methods:
                raise errors.method_not_allowed(method, path)
            raise errors.unknown_route(path, query.get("api-version", ""))
        context = Context(self.world, caller, now, found.params, query, body, peer)
        with self.world.lock:
            result = found.handler(context)
        if method in ("PUT", "DELETE") and self.options.after_policy_write is not None:
            self.options.after_policy_write()
        if isinstance(result, Listing):
            page = paging.page(
                result.items,
                shape=result.shape,
                url=self.options.base_url + path,
                query=pairs,
                page_size=self.options.page_size,
                empty_first=self.faults.empty_pages,
            )
            return 200, page, {}
        assert isinstance(result, Reply)
        return result.status, result.body, result.headers

    def _record(
        self,
        method: str,
        path: str,
        pairs: list[tuple[str, str]],
        headers: Mapping[str, str],
        body: bytes,
        status: int,
        now: datetime,
        caller: Caller | None,
    ) -> None:
        parsed: Any = body
        if body and "json" in headers.get("content-type", "json"):
            try:
                parsed = json.loads(body)
            except ValueError:
                parsed = body
        entry = RecordedRequest(
            method=method,
            path=path,
            query=dict(pairs),
            body=parsed,
            headers={k: v for k, v in headers.items() if k in RECORDED_HEADERS},
            status=status,
            time=now,
            caller_upn=caller.upn if caller else None,
            caller_tenant=caller.tenant_id if caller else None,
        )
        with self._recorded_lock:
            self._recorded.append(entry)

    def _response(
        self,
        method: str,
        status: int,
        payload: dict[str, Any] | None,
        extra: Mapping[str, str],
        request_headers: Mapping[str, str],
        now: datetime,
    ) -> HttpResponse:
        data = b"" if payload is None else json.dumps(payload).encode("utf-8")
        request_id = str(uuid.uuid4())
        correlation = request_headers.get("x-ms-correlation-request-id") or str(uuid.uuid4())
        headers = [
            ("Cache-Control", "no-cache"),
            ("Pragma", "no-cache"),
            ("Expires", "-1"),
            ("x-ms-request-id", request_id),
            ("x-ms-correlation-request-id", correlation),
            ("x-ms-routing-request-id", f"WESTEUROPE:{now:%Y%m%dT%H%M%SZ}:{request_id}"),
            ("Date", format_http_date(now)),
        ]
        if method.upper() == "GET":
            headers.append(("x-ms-ratelimit-remaining-subscription-reads", _REMAINING_READS))
        elif method.upper() in _WRITE_METHODS:
            headers.append(("x-ms-ratelimit-remaining-subscription-writes", _REMAINING_WRITES))
            if method.upper() == "DELETE":
                headers.append(("x-ms-ratelimit-remaining-subscription-deletes", _REMAINING_WRITES))
        if payload is not None:
            headers.append(("Content-Type", "application/json; charset=utf-8"))
        headers.extend(extra.items())
        headers.append(("Content-Length", str(len(data))))
        return HttpResponse(status, headers, data)
