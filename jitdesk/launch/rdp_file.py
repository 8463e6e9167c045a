""".rdp files for clients that read the connection from a file (mstsc with a user name, the
Windows App on macOS), written into a private folder and removed again later.

A file holds the address, the user name if there is one, and asks for the password itself:
jitdesk never writes a password. The values come from a :class:`ConnectTarget`, whose checks
rule out line breaks, so no value can add a line of settings. Clients read the file some time
after they start, so files are not removed right away but by :func:`cleanup` on a later start.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from platformdirs import user_cache_dir, user_runtime_dir

from jitdesk.launch.targets import ConnectTarget, safe_file_stem

logger = logging.getLogger(__name__)

SUFFIX = ".rdp"


def default_folder() -> Path:
    """The per-user folder for .rdp files: ``<runtime dir>/jitdesk/rdp`` where the platform has
    a private runtime folder (Windows, macOS, Linux with ``XDG_RUNTIME_DIR``), else
    ``<cache dir>/jitdesk/rdp``. Only computes the path; creates nothing."""
    if sys.platform in ("win32", "darwin") or os.environ.get("XDG_RUNTIME_DIR"):
        return Path(user_runtime_dir("jitdesk", appauthor=False)) / "rdp"
    return Path(user_cache_dir("jitdesk", appauthor=False)) / "rdp"


def private_folder(folder: Path | None = None) -> Path:
    """Create ``folder`` (default :func:`default_folder`) if needed and return it.

    On POSIX the folder is made mode 0700, and an existing one must be a real directory (not a
    symlink) owned by this user, or :class:`PermissionError` is raised. On Windows the per-user
    location's own access rules apply. Blocks for a few file system calls.
    """
    path = folder if folder is not None else default_folder()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        info = path.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            raise PermissionError(f"{path} is not a folder of this user; not writing .rdp files")
        if stat.S_IMODE(info.st_mode) != 0o700:
            path.chmod(0o700)
    return path


def rdp_text(target: ConnectTarget) -> str:
    """The content of the .rdp file for ``target`` (CRLF line ends, no password). Pure."""
    lines = [f"full address:s:{target.address}"]
    if target.username:
        lines.append(f"username:s:{target.username}")
    lines += ["prompt for credentials:i:1", "administrative session:i:0"]
    return "".join(f"{line}\r\n" for line in lines)


def write_rdp_file(target: ConnectTarget, folder: Path | None = None) -> Path:
    """Write a new .rdp file for ``target`` into the private ``folder`` and return its path.

    The name is the VM's name made safe (:func:`safe_file_stem`) plus a random part, so it
    never leaves the folder and never replaces a file; the file is created exclusively with
    mode 0600. Blocks for a few file system calls; raises OSError when the folder cannot be
    used.
    """
    where = private_folder(folder)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    path = where / f"{safe_file_stem(target.vm_name)}-{secrets.token_hex(4)}{SUFFIX}"
    handle = os.open(path, flags, 0o600)
    with os.fdopen(handle, "wb") as out:
        out.write(rdp_text(target).encode("utf-8"))
    logger.debug("wrote the connection file %s for %s", path.name, target.address)
    return path


def cleanup(
    older_than: timedelta,
    folder: Path | None = None,
    now: Callable[[], float] = time.time,
) -> int:
    """Remove the .rdp files in ``folder`` last changed more than ``older_than`` ago.

    Returns how many were removed; a missing folder or a file that vanishes meanwhile is not
    an error, and files that cannot be removed are logged and kept. Only ``*.rdp`` files
    directly in the folder are touched. Blocks for a directory listing.
    """
    path = folder if folder is not None else default_folder()
    limit = now() - older_than.total_seconds()
    removed = 0
    try:
        entries = list(path.iterdir())
    except FileNotFoundError:
        return 0
    for entry in entries:
        if entry.suffix != SUFFIX:
            continue
        try:
            info = entry.lstat()
            if not stat.S_ISREG(info.st_mode) or info.st_mtime > limit:
                continue
            entry.unlink()
            removed += 1
        except FileNotFoundError:
            continue
        except OSError as error:
            logger.warning("could not remove the old connection file %s: %s", entry, error)
    if removed:
        logger.debug("removed %d old connection files from %s", removed, path)
    return removed
