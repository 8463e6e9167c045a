"""The settings registry: every setting declared once, with its type, default, label and help.

The settings dialog is built from :data:`REGISTRY`; values live in a small JSON file in the
platform's configuration folder. Nothing secret is ever stored here.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from jitdesk.domain.text import QT_TRANSLATE_NOOP

logger = logging.getLogger(__name__)

C = "Settings"


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: Any
    label: str
    help: str
    minimum: int | None = None
    maximum: int | None = None


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
)

BY_KEY = {s.key: s for s in REGISTRY}


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
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, ValueError) as error:
            logger.warning("settings file %s unreadable, using defaults: %s", self.path, error)
            return
        if isinstance(raw, dict):
            for key, value in raw.items():
                setting = BY_KEY.get(key)
                if setting is not None and isinstance(value, setting.kind):
                    self._values[key] = value

    def get(self, key: str) -> Any:
        setting = BY_KEY[key]
        return self._values.get(key, setting.default)

    def set(self, key: str, value: Any) -> None:
        setting = BY_KEY[key]
        if not isinstance(value, setting.kind):
            raise TypeError(f"{key} takes {setting.kind.__name__}, not {type(value).__name__}")
        if isinstance(value, int) and not isinstance(value, bool):
            if setting.minimum is not None and value < setting.minimum:
                raise ValueError(f"{key} must be at least {setting.minimum}")
            if setting.maximum is not None and value > setting.maximum:
                raise ValueError(f"{key} must be at most {setting.maximum}")
        self._values[key] = value
        self._save()

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self._values, out, indent=2, sort_keys=True)
        Path(temp).replace(self.path)
