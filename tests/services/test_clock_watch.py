"""ClockWatch: wall-clock jumps and sleep/resume noticed, steady ticking not."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers.grant_world import NOW, FakeClock

from jitdesk.services.clock_watch import ClockWatch


class Clocks:
    """A wall clock and a monotonic clock the test moves separately."""

    def __init__(self) -> None:
        self.wall = FakeClock(NOW)
        self.seconds = 1000.0

    def tick(self, seconds: float = 1.0) -> None:
        self.wall.advance(timedelta(seconds=seconds))
        self.seconds += seconds


@pytest.fixture
def clocks() -> Clocks:
    return Clocks()


def watch(clocks: Clocks, **options) -> ClockWatch:
    return ClockWatch(clocks.wall.now, lambda: clocks.seconds, **options)


def test_steady_ticking_is_no_jump(clocks):
    watcher = watch(clocks)

    results = []
    for _ in range(120):
        clocks.tick()
        results.append(watcher.check())

    assert results == [False] * 120


@pytest.mark.parametrize(
    "jump", [timedelta(minutes=10), timedelta(minutes=-10), timedelta(seconds=6)]
)
def test_a_wall_clock_jump_is_noticed_once(clocks, jump):
    watcher = watch(clocks)
    clocks.tick()
    assert not watcher.check()

    clocks.tick()
    clocks.wall.advance(jump)
    noticed = watcher.check()
    clocks.tick()

    assert noticed
    assert not watcher.check()


def test_drift_within_the_tolerance_is_ignored(clocks):
    watcher = watch(clocks, tolerance=timedelta(seconds=5))
    clocks.tick()
    clocks.wall.advance(timedelta(seconds=4))

    assert not watcher.check()


def test_sleep_where_the_monotonic_clock_stops_is_noticed(clocks):
    watcher = watch(clocks, gap=None)
    clocks.wall.advance(timedelta(hours=1))  # asleep: only the wall clock moves
    clocks.tick()

    assert watcher.check()


def test_a_long_silence_between_checks_counts_as_sleep_unless_turned_off(clocks):
    watcher, patient = watch(clocks), watch(clocks, gap=None)
    clocks.tick(61)  # asleep where the monotonic clock keeps running

    assert watcher.check()
    assert not patient.check()
