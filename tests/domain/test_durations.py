"""ISO 8601 durations as Azure writes them, and the short forms people type."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jitdesk.domain.durations import (
    format_iso_duration,
    parse_iso_duration,
    parse_short_duration,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("PT3H", timedelta(hours=3)),
        ("P1D", timedelta(days=1)),
        ("PT1H30M", timedelta(hours=1, minutes=30)),
        ("PT5M", timedelta(minutes=5)),
        ("PT45S", timedelta(seconds=45)),
        ("PT2H5M10S", timedelta(hours=2, minutes=5, seconds=10)),
    ],
)
def test_iso_round_trip(text: str, value: timedelta) -> None:
    assert parse_iso_duration(text) == value
    assert format_iso_duration(value) == text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("PT24H", timedelta(days=1)),
        ("P1DT2H", timedelta(days=1, hours=2)),
        ("PT90M", timedelta(minutes=90)),
        ("PT1.5H", timedelta(minutes=90)),
        ("pt3h", timedelta(hours=3)),
        (" PT3H ", timedelta(hours=3)),
    ],
)
def test_iso_forms_azure_may_send(text: str, value: timedelta) -> None:
    assert parse_iso_duration(text) == value


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (timedelta(hours=24), "P1D"),
        (timedelta(days=2), "P2D"),
        (timedelta(days=1, hours=1), "PT25H"),
        (timedelta(minutes=90), "PT1H30M"),
    ],
)
def test_format_writes_whole_days_as_days_and_the_rest_in_hours(
    value: timedelta, text: str
) -> None:
    assert format_iso_duration(value) == text
    assert parse_iso_duration(text) == value


@pytest.mark.parametrize(
    "text", ["", "P", "PT", "P1DT", "3H", "PT3", "P1Y", "P1M", "P1W", "-PT3H", "PT3H30", "PTH"]
)
def test_bad_iso_duration_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_iso_duration(text)


@pytest.mark.parametrize("value", [timedelta(0), timedelta(minutes=-5)])
def test_format_refuses_non_positive_durations(value: timedelta) -> None:
    with pytest.raises(ValueError, match="positive"):
        format_iso_duration(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30m", timedelta(minutes=30)),
        ("2h", timedelta(hours=2)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        ("1h 30m", timedelta(hours=1, minutes=30)),
        ("45min", timedelta(minutes=45)),
        ("2H", timedelta(hours=2)),
        ("90", timedelta(minutes=90)),
        (" 90 ", timedelta(minutes=90)),
        ("PT45M", timedelta(minutes=45)),
        ("pt1h", timedelta(hours=1)),
    ],
)
def test_short_forms(text: str, value: timedelta) -> None:
    assert parse_short_duration(text) == value


@pytest.mark.parametrize("text", ["", "  ", "h", "m", "abc", "1.5h", "30s", "1h30", "2d", "-30m"])
def test_bad_short_form_names_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match="30m, 2h, 1h30m or PT45M"):
        parse_short_duration(text)


def test_bad_iso_in_a_short_form_raises_value_error() -> None:
    with pytest.raises(ValueError):
        parse_short_duration("P1Y")
