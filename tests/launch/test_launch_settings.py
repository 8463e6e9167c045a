"""The launcher templates in the settings registry: defaults, round trip, refusals."""

from __future__ import annotations

import json
import logging

import pytest

from jitdesk.config.settings import BY_KEY, InvalidSetting, Settings
from jitdesk.launch.launchers import PLACEHOLDERS, SETTING_KEYS, custom_launcher

KEYS = ("launch.rdp_command", "launch.ssh_command")


def test_both_commands_default_to_automatic(tmp_path):
    settings = Settings(tmp_path / "settings.json")

    assert set(SETTING_KEYS.values()) == set(KEYS)
    assert [settings.get(key) for key in KEYS] == ["", ""]
    assert all(BY_KEY[key].kind is str for key in KEYS)


@pytest.mark.parametrize("key", KEYS)
def test_the_help_names_every_placeholder_and_the_form(key):
    help_text = BY_KEY[key].help

    assert "JSON list" in help_text
    expected = PLACEHOLDERS - ({"rdp_file"} if key == "launch.ssh_command" else set())
    for name in expected:
        assert "{" + name + "}" in help_text


def test_a_template_survives_a_restart_and_becomes_a_launcher(tmp_path):
    path = tmp_path / "settings.json"
    template = json.dumps(["kitty", "--title", "{title}", "ssh", "-p", "{port}", "{user_at}{host}"])
    Settings(path).set("launch.ssh_command", template)

    again = Settings(path).get("launch.ssh_command")

    assert again == template
    assert custom_launcher("ssh", again).argv[0] == "kitty"
    Settings(path).set("launch.ssh_command", "")
    assert Settings(path).get("launch.ssh_command") == ""


@pytest.mark.parametrize(
    "value",
    ["xfreerdp /v:{host}", "[]", '["xfreerdp", "{hostname}"]', '["{host}"]', '["a", "b"]'],
)
@pytest.mark.parametrize("key", KEYS)
def test_bad_templates_are_refused_with_a_sentence(tmp_path, key, value):
    settings = Settings(tmp_path / "settings.json")

    with pytest.raises(InvalidSetting) as caught:
        settings.set(key, value)

    assert "JSON list of arguments" in caught.value.text.render()
    assert settings.get(key) == ""
    assert not (tmp_path / "settings.json").exists()


def test_a_bad_stored_template_is_ignored(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"launch.rdp_command": "mstsc /v:{host}"}))

    assert Settings(path).get("launch.rdp_command") == ""
    assert "launch.rdp_command" in caplog.text
