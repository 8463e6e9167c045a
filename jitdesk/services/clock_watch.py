"""Noticing sleep, resume and clock changes, so the open grants are re-read when they happen.

Two clocks are compared between checks: the wall clock (which a user, NTP or a resume from
sleep can move) and the monotonic clock (which only runs forward, and on Linux stops while the
computer sleeps). When they disagree by more than a tolerance, something happened that a
countdown alone would not notice. Where the monotonic clock keeps running during sleep
(Windows, macOS), a long silence between two checks that are meant to come every second gives
the sleep away instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

logger = logging.getLogger(__name__)


class ClockWatch:
    """Tells, at each :meth:`check`, whether the clocks jumped since the previous one.

    ``wall`` gives the (aware) current time, ``monotonic`` seconds from any origin, as
    ``time.monotonic`` does. ``gap``, when set, also counts a silence that long between two
    checks as a jump; callers that check every second keep the default. Never blocks; not
    thread-safe (call it from the ticker's thread).
    """

    def __init__(
        self,
        wall: Callable[[], datetime],
        monotonic: Callable[[], float],
        tolerance: timedelta = timedelta(seconds=5),
        gap: timedelta | None = timedelta(seconds=60),
    ) -> None:
        self._wall = wall
        self._monotonic = monotonic
        self._tolerance = tolerance.total_seconds()
        self._gap = gap.total_seconds() if gap is not None else None
        self._last_wall = wall()
        self._last_monotonic = monotonic()

    def check(self) -> bool:
        """True when, since the last check (or construction), the wall clock moved more than
        the tolerance differently from the monotonic clock, or the checks were ``gap`` apart."""
        wall, monotonic = self._wall(), self._monotonic()
        wall_moved = (wall - self._last_wall).total_seconds()
        monotonic_moved = monotonic - self._last_monotonic
        self._last_wall, self._last_monotonic = wall, monotonic

        drift = wall_moved - monotonic_moved
        if abs(drift) > self._tolerance:
            logger.info("the wall clock moved %+.0f s against the monotonic clock", drift)
            return True
        if self._gap is not None and monotonic_moved > self._gap:
            logger.info("no clock check for %.0f s: resumed from sleep?", monotonic_moved)
            return True
        return False
