"""ISO 8601 durations and the date formats ARM puts on the wire."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

_DURATION = re.compile(
    r"^P(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)


def parse_duration(text: str) -> timedelta:
    """Parse an ISO 8601 duration such as ``PT3H``, ``P1D`` or ``PT1H30M``.

    Years and months are refused (their length depends on the calendar). Raises ValueError with
    a message that quotes the text.
    """
    normalized = text.strip().upper()
    match = _DURATION.match(normalized)
    if match is None or normalized == "P" or normalized.endswith("T"):
        raise ValueError(f"'{text}' is not an ISO 8601 duration like PT3H, PT45M or P1D")
    parts = {name: float(value) for name, value in match.groupdict().items() if value}
    return timedelta(
        weeks=parts.get("weeks", 0),
        days=parts.get("days", 0),
        hours=parts.get("hours", 0),
        minutes=parts.get("minutes", 0),
        seconds=parts.get("seconds", 0),
    )


def format_duration(delta: timedelta) -> str:
    """Format a non-negative timedelta as an ISO 8601 duration (``P1DT2H``, ``PT0S``)."""
    total = int(delta.total_seconds())
    if total < 0:
        raise ValueError("durations on the wire are never negative")
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    text = "P" + (f"{days}D" if days else "")
    clock = (
        (f"{hours}H" if hours else "")
        + (f"{minutes}M" if minutes else "")
        + (f"{seconds}S" if seconds else "")
    )
    if clock:
        text += "T" + clock
    return text if text != "P" else "PT0S"


def format_arm_time(when: datetime) -> str:
    """Format a datetime the way ARM does: UTC, seven fractional digits, ``Z``."""
    utc = when.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond * 10:07d}Z"


def parse_arm_time(text: str) -> datetime:
    """Parse an absolute ISO 8601 time that names its offset (``Z`` or ``+01:00``).

    Raises ValueError for naive times: a seed or request must say which zone it means.
    """
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        raise ValueError(f"'{text}' has no time zone; write it as UTC with a trailing Z")
    return value.astimezone(UTC)


def format_http_date(when: datetime) -> str:
    """Format a datetime as an RFC 7231 HTTP date (``Fri, 14 Mar 2025 09:30:00 GMT``)."""
    return format_datetime(when.astimezone(UTC), usegmt=True)
