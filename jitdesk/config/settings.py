"""The settings registry: every setting declared once, with its type, default, label and help.

The settings dialog is built from :data:`REGISTRY`; values live in a small JSON file in the
platform's configuration folder. Nothing secret is ever stored here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from jitdesk.config.jsonfile import read_json, write_json
from jitdesk.domain.text import QT_TRANSLATE_NOOP, Text
from jitdesk.launch.errors import BadTemplate
from jitdesk.launch.launchers import check_setting as check_launch_template

logger = logging.getLogger(__name__)

C = "Settings"

LONGEST_LEAD_MINUTES = 24 * 60


class InvalidSetting(ValueError):
    """A value a setting cannot take; ``text`` says why, for people (str() is the English)."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.render())
        self.text = text


def lead_times(value: str) -> list[timedelta]:
    """Parse warning lead times written as minutes, ``"10,2"``: longest first, no repeats.

    An empty value means no warnings; empty parts (``"10,,2"``, a trailing comma) are skipped.
    Raises :class:`InvalidSetting` (a ValueError) naming the first part that is not a whole
    number of minutes from 1 to 1440.
    """
    minutes: set[int] = set()
    for part in value.split(","):
        word = part.strip()
        if not word:
            continue
        number = int(word) if word.isascii() and word.isdigit() else None
        if number is None or not 1 <= number <= LONGEST_LEAD_MINUTES:
            raise InvalidSetting(
                Text(
                    C,
                    QT_TRANSLATE_NOOP(
                        C,
                        "'{part}' is not a number of minutes from 1 to {most}. Write the warning "
                        "times as whole minutes separated by commas, like 10,2.",
                    ),
                    {"part": word, "most": LONGEST_LEAD_MINUTES},
                )
            )
        minutes.add(number)
    return [timedelta(minutes=m) for m in sorted(minutes, reverse=True)]


def _check_lead_times(value: Any) -> None:
    lead_times(str(value))


def _check_launch_command(value: Any) -> None:
    try:
        check_launch_template(value)
    except BadTemplate as error:
        raise InvalidSetting(error.text) from None


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    label: str
    help: str
    minimum: int | None = None
    maximum: int | None = None
    check: Callable[[Any], None] | None = None
    """Raises ValueError for a value of the right type that the setting still cannot take."""


REGISTRY: tuple[Setting, ...] = (
    Setting(
        "request.justification_required",
        bool,
        False,
        QT_TRANSLATE_NOOP(C, "Require a justification"),
        QT_TRANSLATE_NOOP(C, "Refuse to send a request without a reason for the audit log."),
    ),
    Setting(
        "request.default_minutes",
        int,
        60,
        QT_TRANSLATE_NOOP(C, "Default duration (minutes)"),
        QT_TRANSLATE_NOOP(
            C,
            "How long a request asks for unless you change it; never more than the policy allows.",
        ),
        minimum=5,
        maximum=1440,
    ),
    Setting(
        "grants.warn_minutes",
        str,
        "10,2",
        QT_TRANSLATE_NOOP(C, "Warn before access ends (minutes)"),
        QT_TRANSLATE_NOOP(
            C,
            "When to be warned before a grant closes, in minutes, separated by commas (10,2 "
            "warns ten and two minutes before). Leave empty for no warnings.",
        ),
        check=_check_lead_times,
    ),
    Setting(
        "grants.refresh_seconds",
        int,
        60,
        QT_TRANSLATE_NOOP(C, "Re-read open grants every (seconds)"),
        QT_TRANSLATE_NOOP(
            C,
            "While access is open, how often jitdesk asks Azure whether it still is (someone may "
            "have replaced or revoked it).",
        ),
        minimum=15,
        maximum=600,
    ),
    Setting(
        "tray.keep_running",
        bool,
        True,
        QT_TRANSLATE_NOOP(C, "Keep running in the tray while access is open"),
        QT_TRANSLATE_NOOP(
            C,
            "Closing the window keeps jitdesk in the system tray while you have open grants, so "
            "it can still warn you before they end.",
        ),
    ),
    Setting(
        "launch.rdp_command",
        str,
        "",
        QT_TRANSLATE_NOOP(C, "RDP command"),
        QT_TRANSLATE_NOOP(
            C,
            "Leave empty to use the RDP client jitdesk finds. Otherwise a JSON list of "
            'arguments, program first, like ["xfreerdp", "/v:{address}", "/u:{user}"]. '
            "Placeholders: {host}, {port}, {address} (host:port), {user} (the argument is left "
            "out without a user name), {user_at} (user@ or nothing), {rdp_file} (a connection "
            "file jitdesk writes), {title}. No shell is involved.",
        ),
        check=_check_launch_command,
    ),
    Setting(
        "launch.ssh_command",
        str,
        "",
        QT_TRANSLATE_NOOP(C, "SSH command"),
        QT_TRANSLATE_NOOP(
            C,
            "Leave empty to open SSH in the terminal jitdesk finds. Otherwise a JSON list of "
            'arguments, program first, like ["xterm", "-e", "ssh", "-p", "{port}", '
            '"{user_at}{host}"]. Placeholders: {host}, {port}, {address} (host:port), {user} '
            "(the argument is left out without a user name), {user_at} (user@ or nothing), "
            "{title} (the VM's name). No shell is involved.",
        ),
        check=_check_launch_command,
    ),
    Setting(
        "connect.wait_seconds",
        int,
        90,
        QT_TRANSLATE_NOOP(C, "Wait for the port (seconds)"),
        QT_TRANSLATE_NOOP(
            C,
            "How long Connect waits for a port to answer after access was granted, before it "
            "gives up and says the likely cause.",
        ),
        minimum=10,
        maximum=600,
    ),
)

BY_KEY = {s.key: s for s in REGISTRY}


def _check_range(setting: Setting, value: Any) -> None:
    if isinstance(value, int) and not isinstance(value, bool):
        if setting.minimum is not None and value < setting.minimum:
            raise ValueError(f"{setting.key} must be at least {setting.minimum}")
        if setting.maximum is not None and value > setting.maximum:
            raise ValueError(f"{setting.key} must be at most {setting.maximum}")


def default_path() -> Path:
    return Path(user_config_dir("jitdesk", appauthor=False)) / "settings.json"


class Settings:
    """Values of the registry's settings, read at start and written on each change.

    Reads and writes a small local file; safe to call from the GUI thread.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._values: dict[str, Any] = {}
        self._load()

    def _load(self) -> None:
        raw = read_json(self.path, "settings file")
        if isinstance(raw, dict):
            for key, value in raw.items():
                setting = BY_KEY.get(key)
                if setting is not None and self._acceptable(setting, value):
                    self._values[key] = value

    @staticmethod
    def _acceptable(setting: Setting, value: Any) -> bool:
        if not isinstance(value, setting.kind):
            return False
        try:
            _check_range(setting, value)
            if setting.check is not None:
                setting.check(value)
        except ValueError as error:
            logger.warning("ignoring the stored %s: %s", setting.key, error)
            return False
        return True

    def get(self, key: str) -> Any:
        setting = BY_KEY[key]
        return self._values.get(key, setting.default)

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` and write the file. Raises TypeError for a value of the wrong type
        and ValueError (for ``grants.warn_minutes``: :class:`InvalidSetting`) for one out of
        bounds; nothing changes then."""
        setting = BY_KEY[key]
        if not isinstance(value, setting.kind):
            raise TypeError(f"{key} takes {setting.kind.__name__}, not {type(value).__name__}")
        _check_range(setting, value)
        if setting.check is not None:
            setting.check(value)
        self._values[key] = value
        self._save()

    def _save(self) -> None:
        write_json(self.path, self._values)
