"""Finding the files in ``resources/``: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def resource_dir() -> Path:
    """The resources folder: ``jitdesk/resources`` in a wheel, ``resources/`` in a checkout."""
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("jitdesk's resources folder is missing from this installation")


@cache
def icon(name: str) -> QIcon:
    """An icon from ``resources/icons/<name>.svg``; a null icon if the file is missing."""
    path = resource_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
