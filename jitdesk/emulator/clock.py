"""The emulator's notion of "now", which tests and the demo can move at will."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


def _require_aware(when: datetime) -> datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"the emulator clock needs an aware datetime, got naive {when!r}")
    return when.astimezone(UTC)


class EmulatorClock:
    """A thread-safe UTC clock that is either live (follows the system) or frozen.

    ``EmulatorClock()`` follows the system's UTC time; ``set`` and ``advance`` shift it and it
    keeps ticking from there. ``EmulatorClock(start)`` is frozen at ``start`` and only moves when
    told to, which is what tests want. No method blocks beyond a short internal lock.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._frozen_at = None if start is None else _require_aware(start)
        self._offset = timedelta(0)

    @property
    def frozen(self) -> bool:
        """True when the clock only moves through ``set`` and ``advance``."""
        with self._lock:
            return self._frozen_at is not None

    def now(self) -> datetime:
        """Return the current emulator time as an aware UTC datetime."""
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return datetime.now(UTC) + self._offset

    def set(self, when: datetime) -> None:
        """Make ``now()`` return ``when``; a live clock keeps ticking from there."""
        when = _require_aware(when)
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at = when
            else:
                self._offset = when - datetime.now(UTC)

    def advance(self, delta: timedelta) -> None:
        """Move the clock by ``delta`` (which may be negative)."""
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at = self._frozen_at + delta
            else:
                self._offset = self._offset + delta

    def __repr__(self) -> str:
        mode = "frozen" if self.frozen else "live"
        return f"EmulatorClock({mode}, now={self.now().isoformat()})"
