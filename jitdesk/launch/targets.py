"""Where a client connects, and the checks that keep every value of it a harmless argument.

A host name and a user name end up as arguments of another program (mstsc, xfreerdp, ssh,
Windows Terminal) and in .rdp files. Arguments are never joined into a shell string, but the
receiving programs still parse them: a leading ``-`` reads as an option, Windows Terminal splits
its own command line on ``;`` even inside quotes, and a line break in an .rdp value would add
a line of settings. So every value is checked against a conservative pattern before use, and a
value that fails raises :class:`UnsafeValue`, never gets "cleaned".

The VM's name is not checked (Azure and hostile tenants decide it); it only becomes a file name
through :func:`safe_file_stem` and a window title through :func:`safe_title`.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from jitdesk.domain.text import QT_TRANSLATE_NOOP, Text
from jitdesk.launch.errors import C, UnsafeValue

__all__ = [
    "ConnectTarget",
    "UnsafeValue",
    "safe_file_stem",
    "safe_title",
    "validate_host",
    "validate_port",
    "validate_username",
]

Protocol = Literal["rdp", "ssh"]

LONGEST_HOST = 253
LONGEST_USERNAME = 104

_HOST_FIELD = QT_TRANSLATE_NOOP(C, "host address")
_PORT_FIELD = QT_TRANSLATE_NOOP(C, "port")
_USER_FIELD = QT_TRANSLATE_NOOP(C, "user name")

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DNS_NAME = re.compile(rf"(?:{_LABEL}\.)*{_LABEL}\.?")
_USERNAME_CHARS = re.compile(r"[A-Za-z0-9._\-@\\]+")
_QUOTES = "'\"`"

_FILE_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{n}" for n in range(10)} | {f"LPT{n}" for n in range(10)}
)


def _unsafe(field: str, reason: str, **args: object) -> UnsafeValue:
    return UnsafeValue(
        Text(
            C,
            QT_TRANSLATE_NOOP(C, "The {field} cannot be used: it {reason}."),
            {"field": Text(C, field), "reason": Text(C, reason, dict(args))},
        )
    )


def _is_control(char: str) -> bool:
    """Control, format (such as right-to-left overrides), separator and unassigned characters."""
    return unicodedata.category(char)[0] == "C" or char in "\u2028\u2029"


def _check_text(field: str, value: object, longest: int) -> str:
    """The checks every value shares: text, not empty, not too long, no control characters,
    no white space, no ``;``, no quotes, no leading ``-``."""
    if not isinstance(value, str):
        raise _unsafe(field, QT_TRANSLATE_NOOP(C, "is not text"))
    if not value:
        raise _unsafe(field, QT_TRANSLATE_NOOP(C, "is empty"))
    if len(value) > longest:
        raise _unsafe(field, QT_TRANSLATE_NOOP(C, "is longer than {most} characters"), most=longest)
    if any(_is_control(c) for c in value):
        raise _unsafe(field, QT_TRANSLATE_NOOP(C, "contains a line break or a control character"))
    if any(c.isspace() for c in value):
        raise _unsafe(field, QT_TRANSLATE_NOOP(C, "contains a space"))
    if ";" in value:
        raise _unsafe(field, QT_TRANSLATE_NOOP(C, "contains ';'"))
    if any(q in value for q in _QUOTES):
        raise _unsafe(field, QT_TRANSLATE_NOOP(C, "contains a quote"))
    if value.startswith("-"):
        raise _unsafe(
            field,
            QT_TRANSLATE_NOOP(C, "starts with '-', which a program would read as an option"),
        )
    return value


def validate_host(host: object) -> str:
    """Return ``host`` if it is an IPv4 or IPv6 address or a DNS name, else raise UnsafeValue.

    An address comes back in its canonical form (``2001:DB8::1`` → ``2001:db8::1``); a DNS name
    unchanged. Zone indexes (``fe80::1%eth0``) are refused. Pure; never blocks.
    """
    text = _check_text(_HOST_FIELD, host, LONGEST_HOST)
    if "%" in text:
        raise _unsafe(_HOST_FIELD, QT_TRANSLATE_NOOP(C, "has a zone index ('%')"))
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        pass
    if _DNS_NAME.fullmatch(text):
        if all(label.isdigit() for label in text.rstrip(".").split(".")):
            raise _unsafe(
                _HOST_FIELD, QT_TRANSLATE_NOOP(C, "looks like an IPv4 address but is not one")
            )
        return text
    raise _unsafe(
        _HOST_FIELD,
        QT_TRANSLATE_NOOP(
            C, "is neither an IP address nor a DNS name of letters, digits, hyphens and dots"
        ),
    )


def validate_port(port: object) -> int:
    """Return ``port`` if it is a whole number from 1 to 65535 (not a bool), else raise
    UnsafeValue. Pure; never blocks."""
    if not isinstance(port, int) or isinstance(port, bool):
        raise _unsafe(_PORT_FIELD, QT_TRANSLATE_NOOP(C, "is not a whole number"))
    if not 1 <= port <= 65535:
        raise _unsafe(_PORT_FIELD, QT_TRANSLATE_NOOP(C, "is not between 1 and 65535"))
    return port


def validate_username(name: object) -> str:
    """Return ``name`` if it is a user name of the safe pattern, else raise UnsafeValue.

    Allowed: up to 104 letters, digits and ``. _ - @ \\``, not starting with ``-``, with at
    most one ``\\`` and one ``@``, each with text on both sides: ``alice``, ``CONTOSO\\alice``,
    ``alice@contoso.com``, and ``AzureAD\\alice@contoso.com`` (the form Entra ID-joined Windows
    VMs expect, where the part after ``\\`` is a user principal name). Pure; never blocks.
    """
    text = _check_text(_USER_FIELD, name, LONGEST_USERNAME)
    if not _USERNAME_CHARS.fullmatch(text):
        bad = next(c for c in text if not _USERNAME_CHARS.fullmatch(c))
        raise _unsafe(
            _USER_FIELD,
            QT_TRANSLATE_NOOP(
                C, "contains {char}; only letters, digits and . _ - @ \\ are allowed"
            ),
            char=repr(bad),
        )
    domain, backslash, rest = text.partition("\\")
    user, at, upn_domain = rest.partition("@") if backslash else text.partition("@")
    if (
        text.count("\\") > 1
        or text.count("@") > 1
        or (backslash and (not domain or "@" in domain))
        or not user
        or (at and not upn_domain)
    ):
        raise _unsafe(
            _USER_FIELD,
            QT_TRANSLATE_NOOP(C, "is not of the form user, DOMAIN\\user or user@domain"),
        )
    return text


def safe_file_stem(name: str) -> str:
    """A file name stem made from a VM name: ASCII letters, digits, ``.``, ``_`` and ``-``
    only, no leading or trailing dot, hyphen or underscore, at most 64 characters, never empty
    or a Windows device name. The result is always one path component. Pure."""
    stem = _FILE_UNSAFE.sub("_", name).strip("._-")[:64].rstrip("._-")
    if not stem:
        return "vm"
    if stem.split(".")[0].upper() in _WINDOWS_DEVICES:
        return f"vm_{stem}"
    return stem


def safe_title(name: str) -> str:
    """A window title made from a VM name: no control characters, quotes or ``;`` (Windows
    Terminal splits on it), white space collapsed, no leading ``-``, at most 64 characters,
    never empty. Pure."""
    kept = "".join(
        " " if _is_control(c) or c.isspace() or c == ";" or c in _QUOTES else c for c in name
    )
    title = " ".join(kept.split()).lstrip("- ")[:64].strip()
    return title or "jitdesk"


@dataclass(frozen=True)
class ConnectTarget:
    """Where a client connects: host and port (already the firewall's address and mapped port
    when the VM sits behind an Azure Firewall), the user name, the VM's name for titles and
    file names, and the protocol.

    Creating one checks host, port and user name (raising :class:`UnsafeValue`); the host is
    kept in the canonical form :func:`validate_host` returns.
    """

    host: str
    port: int
    username: str | None
    vm_name: str
    protocol: Protocol

    def __post_init__(self) -> None:
        object.__setattr__(self, "host", validate_host(self.host))
        validate_port(self.port)
        if self.username is not None:
            validate_username(self.username)
        if self.protocol not in ("rdp", "ssh"):
            raise ValueError(f"protocol must be 'rdp' or 'ssh', not {self.protocol!r}")
        if not isinstance(self.vm_name, str):
            raise TypeError("vm_name must be text")

    @property
    def address(self) -> str:
        """``host:port``, with an IPv6 address in brackets (``[2001:db8::1]:3389``)."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"
