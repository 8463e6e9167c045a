"""The port probe: backoff, timeout and cancel with a fake clock; one real socket."""

from __future__ import annotations

import itertools
import socket
from datetime import timedelta

import pytest

from jitdesk.launch.probe import PortProbe, ProbeResult


class FakeTime:
    """A monotonic clock that only moves when the probe sleeps or an attempt takes time."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.sleeps.append(seconds)
        self.now += seconds


class FakePort:
    """A port that refuses until ``opens_at`` (fake time), recording each attempt."""

    def __init__(self, clock: FakeTime, opens_at: float | None, takes: float = 0.0) -> None:
        self.clock = clock
        self.opens_at = opens_at
        self.takes = takes
        self.attempts: list[tuple[float, float]] = []

    def connect(self, host: str, port: int, timeout: float) -> None:
        assert (host, port) == ("203.0.113.10", 22)
        self.attempts.append((self.clock.now - 100.0, timeout))
        self.clock.now += min(self.takes, timeout)
        if self.opens_at is None or self.clock.now - 100.0 < self.opens_at:
            raise ConnectionRefusedError(111, "Connection refused")


def probe_with(opens_at, takes=0.0):
    clock = FakeTime()
    port = FakePort(clock, opens_at, takes)
    return PortProbe(port.connect, clock.sleep, clock.monotonic), port, clock


def test_attempts_back_off_from_half_a_second_to_five():
    probe, port, _ = probe_with(opens_at=None)

    result = probe.wait_open("203.0.113.10", 22, timeout=timedelta(seconds=30))

    started = [at for at, _ in port.attempts]
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(started)]
    assert gaps == [0.5, 1, 2, 4, 5, 5, 5, 5, 2.5]
    assert started[-1] == 30.0
    assert result.open is False
    assert result.attempts == 10
    assert result.elapsed == timedelta(seconds=30)
    assert result.last_error == "[Errno 111] Connection refused"


def test_the_port_that_opens_is_found_on_the_next_attempt():
    probe, port, _ = probe_with(opens_at=3.0)
    seen = []

    result = probe.wait_open(
        "203.0.113.10", 22, timedelta(seconds=60), progress=lambda n, e: seen.append((n, e))
    )

    assert result == ProbeResult(True, 4, timedelta(seconds=3.5), "[Errno 111] Connection refused")
    assert [at for at, _ in port.attempts] == [0.0, 0.5, 1.5, 3.5]
    assert seen == [
        (1, timedelta(0)),
        (2, timedelta(seconds=0.5)),
        (3, timedelta(seconds=1.5)),
    ]


def test_an_open_port_answers_at_once():
    probe, port, clock = probe_with(opens_at=0.0)

    result = probe.wait_open("203.0.113.10", 22, timedelta(seconds=60))

    assert result == ProbeResult(True, 1, timedelta(0), None)
    assert port.attempts == [(0.0, 3.0)]
    assert clock.sleeps == []


def test_slow_attempts_count_against_the_timeout_and_are_cut_to_what_is_left():
    probe, port, _ = probe_with(opens_at=None, takes=3.0)

    result = probe.wait_open("203.0.113.10", 22, timedelta(seconds=10), attempt_timeout=3.0)

    assert port.attempts == [(0.0, 3.0), (3.5, 3.0), (7.5, 2.5)]
    assert result.open is False
    assert result.elapsed == timedelta(seconds=10)


def test_cancel_stops_the_wait_within_a_quarter_second():
    probe, port, clock = probe_with(opens_at=None)

    def cancelled() -> bool:
        return clock.now - 100.0 >= 2.0

    result = probe.wait_open("203.0.113.10", 22, timedelta(minutes=5), cancelled=cancelled)

    assert result.open is False
    assert result.attempts == len(port.attempts) == 3
    assert result.elapsed == timedelta(seconds=2.0)
    assert max(clock.sleeps) <= 0.25


def test_cancelled_before_the_first_attempt_tries_nothing():
    probe, port, _ = probe_with(opens_at=0.0)

    result = probe.wait_open("203.0.113.10", 22, timedelta(seconds=5), cancelled=lambda: True)

    assert result == ProbeResult(False, 0, timedelta(0), None)
    assert port.attempts == []


def test_a_zero_timeout_still_tries_once():
    probe, port, clock = probe_with(opens_at=None)

    result = probe.wait_open("203.0.113.10", 22, timedelta(0))

    assert result.attempts == 1
    assert port.attempts == [(0.0, 0.1)]
    assert clock.sleeps == []


def test_nonsense_delays_are_refused():
    probe, _, _ = probe_with(opens_at=0.0)

    with pytest.raises(ValueError, match="positive"):
        probe.wait_open("203.0.113.10", 22, timedelta(seconds=5), first_delay=0)
    with pytest.raises(ValueError):
        probe.wait_open("203.0.113.10", 22, timedelta(seconds=5), first_delay=2, max_delay=1)


def test_a_real_listening_port_is_open_and_a_closed_one_is_not():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        open_port = listener.getsockname()[1]

        found = PortProbe().wait_open("127.0.0.1", open_port, timedelta(seconds=5))

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as gone:
        gone.bind(("127.0.0.1", 0))
        closed_port = gone.getsockname()[1]

    missing = PortProbe().wait_open("127.0.0.1", closed_port, timedelta(0), attempt_timeout=2.0)

    assert found.open is True
    assert found.attempts == 1
    assert found.last_error is None
    assert missing.open is False
    assert missing.attempts == 1
    assert missing.last_error
