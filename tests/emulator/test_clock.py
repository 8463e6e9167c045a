"""The emulator clock and the time formats on the wire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from arm_testkit import NOW

from jitdesk.emulator import EmulatorClock
from jitdesk.emulator.timefmt import (
    format_arm_time,
    format_duration,
    format_http_date,
    parse_duration,
)


def test_a_frozen_clock_moves_only_when_told() -> None:
    clock = EmulatorClock(NOW)

    assert clock.frozen and clock.now() == NOW
    clock.advance(timedelta(minutes=90))
    assert clock.now() == NOW + timedelta(minutes=90)
    clock.set(datetime(2030, 1, 1, 1, 0, tzinfo=timezone(timedelta(hours=1))))
    assert clock.now() == datetime(2030, 1, 1, 0, 0, tzinfo=UTC)
    assert clock.now().tzinfo == UTC


def test_a_live_clock_keeps_ticking_from_where_it_is_set() -> None:
    clock = EmulatorClock()

    clock.set(NOW)
    first = clock.now()
    clock.advance(timedelta(days=1))
    second = clock.now()

    assert not clock.frozen
    assert timedelta(0) <= first - NOW < timedelta(seconds=5)
    assert timedelta(days=1) <= second - NOW < timedelta(days=1, seconds=5)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        EmulatorClock(datetime(2025, 1, 1))  # noqa: DTZ001
    with pytest.raises(ValueError, match="naive"):
        EmulatorClock(NOW).set(datetime(2025, 1, 1))  # noqa: DTZ001


def test_wire_formats() -> None:
    moment = datetime(2025, 3, 14, 9, 30, 5, 123456, tzinfo=UTC)

    assert format_arm_time(moment) == "2025-03-14T09:30:05.1234560Z"
    assert format_http_date(moment) == "Fri, 14 Mar 2025 09:30:05 GMT"
    assert parse_duration("P1DT2H30M") == timedelta(days=1, hours=2, minutes=30)
    assert format_duration(timedelta(hours=3)) == "PT3H"
    assert format_duration(timedelta(0)) == "PT0S"
    for wrong in ("P1Y", "PT", "3H", "P1DT"):
        with pytest.raises(ValueError, match="not an ISO 8601 duration"):
            parse_duration(wrong)
