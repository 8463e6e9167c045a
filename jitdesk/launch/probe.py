"""Waiting until a TCP port answers: the JIT rule takes seconds to reach the VM's network.

A refused connection fails at once; a port an NSG still filters fails only when the attempt
times out, so the per-attempt timeout matters as much as the pauses between attempts.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

logger = logging.getLogger(__name__)

CANCEL_CHECK_SECONDS = 0.25
"""The longest a pause between attempts goes without asking whether the wait was cancelled."""


SETTLE_SECONDS = 0.5
"""How long a probe listens after connecting for the far end to hang up on it."""


def tcp_connect(host: str, port: int, timeout: float) -> None:
    """Open a TCP connection to ``host``:``port`` (IPv4 or IPv6, names resolved), make sure the
    far end keeps it, and close it.

    A filtered port (a closed NSG) drops the handshake and times out; but something in between
    (a firewall, a load balancer, the demo's gates) may complete the handshake and then reset
    the connection at once. So after connecting, the probe waits up to ``SETTLE_SECONDS`` for
    that reset or an immediate end of stream: data (an SSH banner) or silence (RDP waits for
    the client to speak) means a service is really there. Raises OSError otherwise. Blocks;
    run it on a worker thread.
    """
    with socket.create_connection((host, port), timeout=timeout) as connection:
        connection.settimeout(min(SETTLE_SECONDS, timeout))
        try:
            first = connection.recv(1, socket.MSG_PEEK)
        except TimeoutError:
            return
        if not first:
            raise ConnectionResetError(f"{host}:{port} accepted and closed the connection at once")


@dataclass(frozen=True)
class ProbeResult:
    """How a wait ended: whether the port answered, after how many attempts and how long, and
    the error of the last failed attempt (None when none failed)."""

    open: bool
    attempts: int
    elapsed: timedelta
    last_error: str | None


class PortProbe:
    """Connects again and again, with growing pauses, until a port answers.

    ``connect``, ``sleep`` and ``monotonic`` are injectable so that tests need no network and
    no waiting.
    """

    def __init__(
        self,
        connect: Callable[[str, int, float], None] = tcp_connect,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._connect = connect
        self._sleep = sleep
        self._monotonic = monotonic

    def wait_open(
        self,
        host: str,
        port: int,
        timeout: timedelta,
        cancelled: Callable[[], bool] = lambda: False,
        progress: Callable[[int, timedelta], None] | None = None,
        first_delay: float = 0.5,
        max_delay: float = 5.0,
        attempt_timeout: float = 3.0,
    ) -> ProbeResult:
        """Try to connect until the port answers, ``timeout`` has passed or ``cancelled()``.

        Pauses after each failed attempt double from ``first_delay`` up to ``max_delay``
        (0.5, 1, 2, 4, 5, 5 … seconds); each attempt gives up after ``attempt_timeout`` or when
        the overall time is up, and at least one attempt is made. ``progress(attempts,
        elapsed)`` is called after each failed attempt; ``cancelled()`` is asked before each
        attempt and at least every quarter second of a pause. Returns whether the port
        answered; never raises for network errors.

        Blocks for up to ``timeout`` plus one attempt: call it on a worker thread only.
        """
        if first_delay <= 0 or max_delay < first_delay or attempt_timeout <= 0:
            raise ValueError("delays and the attempt timeout must be positive, max ≥ first")
        start = self._monotonic()
        deadline = start + max(timeout.total_seconds(), 0.0)
        delay = first_delay
        attempts = 0
        last_error: str | None = None

        while True:
            if cancelled():
                return self._result(False, attempts, start, last_error)

            attempts += 1
            limit = max(min(attempt_timeout, deadline - self._monotonic()), 0.1)
            try:
                self._connect(host, port, limit)
            except OSError as error:
                last_error = str(error) or type(error).__name__
                logger.debug("%s:%d attempt %d: %s", host, port, attempts, last_error)
            else:
                return self._result(True, attempts, start, last_error)

            elapsed = self._monotonic() - start
            if progress is not None:
                progress(attempts, timedelta(seconds=elapsed))
            if not self._pause(min(delay, deadline - self._monotonic()), cancelled):
                return self._result(False, attempts, start, last_error)
            delay = min(delay * 2, max_delay)

    def _pause(self, seconds: float, cancelled: Callable[[], bool]) -> bool:
        """Sleep ``seconds`` in slices; False when there is no time left or the wait was
        cancelled meanwhile."""
        if seconds <= 0:
            return False
        end = self._monotonic() + seconds
        while (left := end - self._monotonic()) > 0:
            if cancelled():
                return False
            self._sleep(min(left, CANCEL_CHECK_SECONDS))
        return True

    def _result(self, is_open: bool, attempts: int, start: float, error: str | None) -> ProbeResult:
        return ProbeResult(is_open, attempts, timedelta(seconds=self._monotonic() - start), error)
