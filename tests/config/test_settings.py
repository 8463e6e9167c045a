"""The settings registry and its file."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from jitdesk.config.settings import REGISTRY, InvalidSetting, Settings, lead_times


def test_defaults_come_from_the_registry(tmp_path):
    settings = Settings(tmp_path / "settings.json")

    assert {s.key: settings.get(s.key) for s in REGISTRY} == {s.key: s.default for s in REGISTRY}
    assert not (tmp_path / "settings.json").exists()


def test_values_survive_a_restart(tmp_path):
    path = tmp_path / "nested" / "settings.json"
    Settings(path).set("request.default_minutes", 45)
    Settings(path).set("request.justification_required", True)

    again = Settings(path)

    assert again.get("request.default_minutes") == 45
    assert again.get("request.justification_required") is True
    assert json.loads(path.read_text()) == {
        "request.default_minutes": 45,
        "request.justification_required": True,
    }


@pytest.mark.parametrize(
    ("key", "value", "error"),
    [
        ("request.default_minutes", "60", TypeError),
        ("request.default_minutes", 2, ValueError),
        ("request.default_minutes", 5000, ValueError),
        ("request.justification_required", "yes", TypeError),
    ],
)
def test_bad_values_are_refused(tmp_path, key, value, error):
    settings = Settings(tmp_path / "settings.json")

    with pytest.raises(error):
        settings.set(key, value)

    assert settings.get(key) == next(s.default for s in REGISTRY if s.key == key)


def test_a_damaged_file_falls_back_to_defaults_and_keeps_good_values(tmp_path, caplog):
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert Settings(path).get("request.default_minutes") == 60
    assert "unreadable" in caplog.text

    path.write_text(
        json.dumps(
            {"request.default_minutes": "x", "request.justification_required": True, "unknown": 1}
        )
    )
    settings = Settings(path)
    assert settings.get("request.default_minutes") == 60
    assert settings.get("request.justification_required") is True


def test_the_grant_and_tray_settings_have_their_defaults(tmp_path):
    settings = Settings(tmp_path / "settings.json")

    assert settings.get("grants.warn_minutes") == "10,2"
    assert lead_times(settings.get("grants.warn_minutes")) == [
        timedelta(minutes=10),
        timedelta(minutes=2),
    ]
    assert settings.get("grants.refresh_seconds") == 60
    assert settings.get("tray.keep_running") is True


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("10,2", [10, 2]), (" 2 , 10 ,", [10, 2]), ("5,5,1", [5, 1]), ("", []), ("1440", [1440])],
)
def test_lead_times_read_minutes_longest_first(text, minutes):
    assert lead_times(text) == [timedelta(minutes=m) for m in minutes]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("10,x", "'x'"),
        ("0", "'0'"),
        ("1441", "'1441'"),
        ("-5", "'-5'"),
        ("2.5", "'2.5'"),
        ("10 2", "'10 2'"),
    ],
)
def test_lead_times_name_what_they_cannot_read(text, named):
    with pytest.raises(ValueError, match=named) as caught:
        lead_times(text)

    assert isinstance(caught.value, InvalidSetting)
    assert "like 10,2" in caught.value.text.render()


@pytest.mark.parametrize(
    ("key", "value", "error"),
    [
        ("grants.warn_minutes", 10, TypeError),
        ("grants.warn_minutes", "ten", ValueError),
        ("grants.refresh_seconds", 14, ValueError),
        ("grants.refresh_seconds", 601, ValueError),
        ("tray.keep_running", 1, TypeError),
    ],
)
def test_bad_grant_settings_are_refused(tmp_path, key, value, error):
    settings = Settings(tmp_path / "settings.json")

    with pytest.raises(error):
        settings.set(key, value)

    assert settings.get(key) == next(s.default for s in REGISTRY if s.key == key)


def test_grant_settings_survive_a_restart_and_a_bad_stored_value_is_ignored(tmp_path, caplog):
    path = tmp_path / "settings.json"
    settings = Settings(path)
    settings.set("grants.warn_minutes", "15,5,1")
    settings.set("grants.refresh_seconds", 30)
    settings.set("tray.keep_running", False)

    again = Settings(path)
    assert again.get("grants.warn_minutes") == "15,5,1"
    assert again.get("grants.refresh_seconds") == 30
    assert again.get("tray.keep_running") is False

    path.write_text(json.dumps({"grants.warn_minutes": "soon", "grants.refresh_seconds": 5}))
    damaged = Settings(path)
    assert damaged.get("grants.warn_minutes") == "10,2"
    assert damaged.get("grants.refresh_seconds") == 60
    assert "grants.warn_minutes" in caplog.text
