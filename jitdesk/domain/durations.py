"""ISO 8601 durations as Azure writes them (``PT3H``, ``P1D``, ``PT1H30M``)."""

from __future__ import annotations

import re
from datetime import timedelta

_DURATION = re.compile(
    r"^P(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$",
    re.IGNORECASE,
)


def parse_iso_duration(text: str) -> timedelta:
    """Parse a day-time ISO 8601 duration; raise ValueError for anything else (years, months)."""
    match = _DURATION.match(text.strip())
    if not match or text.strip().upper() in ("P", "PT") or text.strip().upper().endswith("T"):
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    parts = {k: float(v) for k, v in match.groupdict().items() if v is not None}
    return timedelta(**parts)


def format_iso_duration(value: timedelta) -> str:
    """Write ``value`` as Azure does: ``P1D`` for whole days, else ``PT..H..M..S``."""
    total = int(value.total_seconds())
    if total <= 0:
        raise ValueError("a duration must be positive")
    days, rest = divmod(total, 86400)
    if days and not rest:
        return f"P{days}D"
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if seconds:
        text += f"{seconds}S"
    return text


_SHORT = re.compile(r"^\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?\s*$", re.IGNORECASE)


def parse_short_duration(text: str) -> timedelta:
    """Parse what a person types on the command line: ``30m``, ``2h``, ``1h30m``, ``PT45M``, ``90``.

    A bare number is minutes. Raise ValueError with the accepted forms otherwise.
    """
    stripped = text.strip()
    if stripped.isdigit():
        return timedelta(minutes=int(stripped))
    if stripped.upper().startswith("P"):
        return parse_iso_duration(stripped)
    match = _SHORT.match(stripped)
    if not stripped or not match or not (match.group("h") or match.group("m")):
        raise ValueError(f"{text!r} is not a duration; write e.g. 30m, 2h, 1h30m or PT45M")
    return timedelta(hours=int(match.group("h") or 0), minutes=int(match.group("m") or 0))
