"""Small JSON files of jitdesk's own (settings, VM choices, the notice ledger): read forgivingly,
written atomically. Each call reads or writes one small local file; fine on the GUI thread."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def read_json(path: Path, what: str) -> Any | None:
    """The file's JSON, or None when it does not exist or cannot be read (logged as a warning
    naming ``what``, e.g. "settings file": the caller then starts from its defaults)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        logger.warning("%s %s unreadable, starting empty: %s", what, path, error)
        return None


def write_json(path: Path, data: Any) -> None:
    """Write ``data`` to ``path`` atomically: a temporary file beside it, flushed to disk, then
    renamed over the old one, so a crash never leaves half a file. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
