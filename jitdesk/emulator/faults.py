"""Failures and slowness that tests and the demo switch on at run time."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from jitdesk.emulator.errors import ArmError

logger = logging.getLogger(__name__)


@dataclass
class _Rule:
    pattern: re.Pattern[str]
    status: int
    code: str
    message: str
    remaining: int | None
    headers: dict[str, str] = field(default_factory=dict)


class Faults:
    """Switches for failure injection; safe to change from any thread while serving.

    ``latency`` (seconds) is added to every answer; ``empty_pages`` makes list answers start
    with an empty page that only carries a ``nextLink``.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[_Rule] = []
        self.latency: float = 0.0
        self.empty_pages: bool = False

    def fail(
        self,
        path_pattern: str,
        status: int,
        code: str,
        message: str,
        times: int | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer requests whose path matches ``path_pattern`` (regex, any case) with an error.

        ``times=None`` fails every matching request; otherwise only the next ``times`` ones.
        ``headers`` are added to the answer (for example ``{"Retry-After": "1"}`` on a 429).
        Rules are tried in the order they were added.
        """
        if times is not None and times < 1:
            raise ValueError("times must be at least 1, or None for always")
        rule = _Rule(
            re.compile(path_pattern, re.IGNORECASE),
            status,
            code,
            message,
            times,
            dict(headers or {}),
        )
        with self._lock:
            self._rules.append(rule)

    def clear(self) -> None:
        """Remove every rule and switch latency and empty pages off."""
        with self._lock:
            self._rules.clear()
            self.latency = 0.0
            self.empty_pages = False

    def error_for(self, path: str) -> ArmError | None:
        """Consume and return the injected error for ``path``, or None to answer normally."""
        with self._lock:
            for rule in self._rules:
                if not rule.pattern.search(path):
                    continue
                if rule.remaining is not None:
                    rule.remaining -= 1
                    if rule.remaining == 0:
                        self._rules.remove(rule)
                logger.info("injected fault %s %s for %s", rule.status, rule.code, path)
                return ArmError(rule.status, rule.code, rule.message, rule.headers)
        return None
