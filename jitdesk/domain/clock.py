"""Where "now" comes from. Everything that needs the time takes a :class:`Clock`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


class SystemClock:
    """The computer's clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ServerClock:
    """The server's time: a local clock corrected by the measured offset to the server's.

    ``offset`` is asked on every call (it may change as measurements arrive), so a PC clock
    that is minutes off still counts grants down to the server's deadlines. Does not block
    beyond what ``offset`` does (the probe in ``jitdesk.cloud.server_time`` takes a short lock).
    """

    def __init__(self, base: Clock, offset: Callable[[], timedelta]) -> None:
        self._base = base
        self._offset = offset

    def now(self) -> datetime:
        return self._base.now() + self._offset()
