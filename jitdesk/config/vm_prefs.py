"""What the user chose for each VM: user name, which address, port and client. Nothing secret.

Stored as JSON in the platform's configuration folder (``vms.json``), keyed by the VM's
resource id in lower case, so that the same VM is found whatever casing an API returns:

    {"version": 1, "vms": {"/subscriptions/…/virtualmachines/vm-web-01":
        {"username": "azureuser", "address": "private", "port": 2222, "client": "xfreerdp"}}}

Passwords and keys never go here: a field named like one is refused, and dropped when found in
the file. The RDP or SSH client asks for the password itself.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal, cast

from platformdirs import user_config_dir

from jitdesk.config.jsonfile import read_json, write_json
from jitdesk.domain.ids import ResourceId, id_key
from jitdesk.launch.targets import validate_port, validate_username

logger = logging.getLogger(__name__)

AddressChoice = Literal["public", "private", "auto"]
ADDRESS_CHOICES: tuple[AddressChoice, ...] = ("public", "private", "auto")

FILE_VERSION = 1
_SECRET_WORDS = re.compile(r"pass|pwd|secret|token|credential|private.?key|api.?key", re.I)
_CLIENT_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


class SecretRefused(ValueError):
    """Someone tried to store something named like a secret; jitdesk stores none."""


@dataclass(frozen=True)
class VmPrefs:
    """One VM's choices. ``None`` means "jitdesk decides": no user name (the client asks), the
    OS's usual port, the first installed client; ``address`` "auto" is the public address
    unless the VM is reached privately or has none."""

    username: str | None = None
    address: AddressChoice = "auto"
    port: int | None = None
    client: str | None = None

    def __post_init__(self) -> None:
        if self.username is not None:
            validate_username(self.username)
        if self.address not in ADDRESS_CHOICES:
            raise ValueError(f"address must be one of {', '.join(ADDRESS_CHOICES)}")
        if self.port is not None:
            validate_port(self.port)
        if self.client is not None and not _CLIENT_NAME.fullmatch(self.client):
            raise ValueError(f"{self.client!r} is not the name of a client")

    @property
    def is_default(self) -> bool:
        return self == VmPrefs()


_FIELD_NAMES = frozenset(f.name for f in fields(VmPrefs))


def _refuse_secrets(names: Any) -> None:
    for name in names:
        if _SECRET_WORDS.search(str(name)):
            raise SecretRefused(
                f"{name!r} looks like a secret; jitdesk stores no passwords or keys (your RDP "
                "or SSH client asks for them)"
            )


def default_path() -> Path:
    return Path(user_config_dir("jitdesk", appauthor=False)) / "vms.json"


def _key(vm_id: ResourceId | str) -> str:
    return vm_id.key if isinstance(vm_id, ResourceId) else id_key(vm_id)


class VmPrefsStore:
    """The per-VM choices, read once and written (atomically) on each change.

    Reads and writes a small local file; safe to call from any thread, including the GUI
    thread.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._lock = threading.Lock()
        self._prefs: dict[str, VmPrefs] = {}
        self._load()

    def get(self, vm_id: ResourceId | str) -> VmPrefs:
        """The choices for ``vm_id`` (any casing); defaults when none were saved."""
        with self._lock:
            return self._prefs.get(_key(vm_id), VmPrefs())

    def set(self, vm_id: ResourceId | str, prefs: VmPrefs) -> None:
        """Save ``prefs`` for ``vm_id`` and write the file; default choices remove the entry."""
        with self._lock:
            key = _key(vm_id)
            if prefs.is_default:
                self._prefs.pop(key, None)
            else:
                self._prefs[key] = prefs
            self._save()

    def update(self, vm_id: ResourceId | str, **changes: Any) -> VmPrefs:
        """Change some fields of the choices for ``vm_id``, save, and return the result.

        Raises :class:`SecretRefused` for a field named like a secret, KeyError for another
        unknown field and ValueError or UnsafeValue for a value that cannot be used; nothing
        changes then.
        """
        _refuse_secrets(changes)
        unknown = set(changes) - _FIELD_NAMES
        if unknown:
            raise KeyError(f"unknown VM preference: {', '.join(sorted(unknown))}")
        with self._lock:
            key = _key(vm_id)
            prefs = replace(self._prefs.get(key, VmPrefs()), **changes)
            if prefs.is_default:
                self._prefs.pop(key, None)
            else:
                self._prefs[key] = prefs
            self._save()
            return prefs

    def forget(self, vm_id: ResourceId | str) -> None:
        """Remove the choices for ``vm_id`` (nothing happens when there are none)."""
        with self._lock:
            if self._prefs.pop(_key(vm_id), None) is not None:
                self._save()

    def _load(self) -> None:
        raw = read_json(self.path, "VM preferences")
        if raw is None:
            return
        vms = raw.get("vms") if isinstance(raw, dict) else None
        if not isinstance(vms, dict):
            logger.warning("VM preferences %s have no 'vms' table; starting empty", self.path)
            return
        for vm_id, entry in vms.items():
            try:
                self._prefs[id_key(str(vm_id))] = _from_json(entry)
            except (TypeError, ValueError) as error:
                logger.warning("ignoring the stored preferences of %s: %s", vm_id, error)

    def _save(self) -> None:
        document = {
            "version": FILE_VERSION,
            "vms": {key: _to_json(prefs) for key, prefs in sorted(self._prefs.items())},
        }
        write_json(self.path, document)


def _to_json(prefs: VmPrefs) -> dict[str, Any]:
    return {name: value for name, value in asdict(prefs).items() if value is not None}


def _from_json(entry: Any) -> VmPrefs:
    if not isinstance(entry, dict):
        raise TypeError("not a table")
    secret = [name for name in entry if _SECRET_WORDS.search(str(name))]
    if secret:
        logger.warning(
            "dropped %s from the stored VM preferences: jitdesk keeps no secrets", secret
        )
    known = {k: v for k, v in entry.items() if k in _FIELD_NAMES}
    username, port, client = known.get("username"), known.get("port"), known.get("client")
    if username is not None and not isinstance(username, str):
        raise TypeError("username is not text")
    if client is not None and not isinstance(client, str):
        raise TypeError("client is not text")
    address = known.get("address", "auto")
    return VmPrefs(
        username=username,
        address=cast(AddressChoice, address),
        port=port,
        client=client,
    )
