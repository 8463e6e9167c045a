"""The offset between this computer's clock and Azure's, measured from HTTP ``Date`` headers.

JIT deadlines are the server's absolute UTC times; a PC clock that is minutes off would show the
wrong time left. Every ARM response carries a ``Date`` (whole seconds, truncated), so each one
gives a sample: the server's time, estimated half a second past the stamp, minus the local time
halfway between sending the request and receiving the answer. The median of the last samples
is robust against a slow answer or a proxy that stamps its own date.
"""

from __future__ import annotations

import logging
import statistics
import threading
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from azure.core.pipeline import PipelineRequest, PipelineResponse

logger = logging.getLogger(__name__)

KEEP = 20
_TRUNCATION = timedelta(seconds=0.5)
_SENT = "jitdesk.server_time.sent"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def parse_http_date(text: str) -> datetime | None:
    """The instant an RFC 7231 date names (``Fri, 14 Mar 2025 09:30:00 GMT``), or None."""
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class ServerTimeProbe:
    """Collects (server date, local time) samples; thread-safe, never blocks beyond a lock.

    ``wall`` is the local clock the offset is measured against: the same clock a
    :class:`jitdesk.domain.clock.ServerClock` then corrects.
    """

    def __init__(self, wall: Callable[[], datetime] = _utc_now, keep: int = KEEP) -> None:
        self._wall = wall
        self._lock = threading.Lock()
        self._samples: deque[timedelta] = deque(maxlen=keep)

    def record(self, server_date: datetime, sent: datetime, received: datetime) -> None:
        """Add one sample: a response stamped ``server_date`` to a request sent at ``sent``
        and answered at ``received`` (both local time)."""
        local = sent + (received - sent) / 2
        sample = server_date + _TRUNCATION - local
        with self._lock:
            self._samples.append(sample)

    def record_header(self, date: str | None, sent: datetime, received: datetime) -> bool:
        """Add a sample from a ``Date`` header value; False (and nothing kept) when there is
        none or it cannot be read."""
        server_date = parse_http_date(date) if date else None
        if server_date is None:
            if date:
                logger.debug("ignoring unreadable Date header %r", date)
            return False
        self.record(server_date, sent, received)
        return True

    def offset(self) -> timedelta:
        """Server time minus local time: the median of the samples, zero before the first."""
        with self._lock:
            samples = list(self._samples)
        if not samples:
            return timedelta(0)
        return timedelta(seconds=statistics.median(s.total_seconds() for s in samples))

    @property
    def sample_count(self) -> int:
        with self._lock:
            return len(self._samples)

    # --- azure-core hooks (``raw_request_hook`` / ``raw_response_hook``) ------------------------

    def request_hook(self, request: PipelineRequest[Any]) -> None:
        """Note when a request (each retry on its own) leaves; called by the pipeline."""
        request.context[_SENT] = self._wall()

    def response_hook(self, response: PipelineResponse[Any, Any]) -> None:
        """Take a sample from the answer's ``Date``; called by the pipeline."""
        received = self._wall()
        sent = response.context.get(_SENT)
        if not isinstance(sent, datetime):
            return
        self.record_header(response.http_response.headers.get("Date"), sent, received)

    def hooks(self) -> dict[str, Callable[..., None]]:
        """Keyword arguments that make an azure-core ``CustomHookPolicy`` (or an SDK client
        built with them) feed this probe."""
        return {"raw_request_hook": self.request_hook, "raw_response_hook": self.response_hook}
