"""The settings registry and its file."""

from __future__ import annotations

import json

import pytest

from jitdesk.config.settings import REGISTRY, Settings


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
