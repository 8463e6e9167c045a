"""Typed, path-aware reading of one JSON object of a seed, with errors that say where."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable

from jitdesk.emulator.seed_model import SeedTime, SourcePrefixes
from jitdesk.emulator.timefmt import parse_duration

_GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


class SeedError(ValueError):
    """A seed is broken. ``where`` names the entity (path and name), the message the key."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.detail = message
        super().__init__(f"seed {where}: {message}")


def _type_name(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def check_prefix(text: str) -> str:
    """Return ``text`` if it is ``*``, an IPv4/IPv6 address or a CIDR; raise ValueError if not."""
    if text == "*":
        return text
    try:
        if "/" in text:
            ipaddress.ip_network(text, strict=False)
        else:
            ipaddress.ip_address(text)
    except ValueError:
        raise ValueError(f"'{text}' is not '*', an IP address or a CIDR range") from None
    return text


class Fields:
    """One JSON object of the seed. Every read marks the key as known; ``done`` rejects the rest."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise SeedError(where, f"expected a JSON object, got {_type_name(data)}")
        self._data: dict[str, object] = data
        self._used: set[str] = set()
        self.where = where

    def error(self, key: str, message: str) -> SeedError:
        """Build a SeedError about ``key`` of this object."""
        return SeedError(self.where, f"key '{key}': {message}")

    def has(self, key: str) -> bool:
        """True when the key is present and not null."""
        self._used.add(key)
        return self._data.get(key) is not None

    def _value(self, key: str, required: bool) -> object:
        self._used.add(key)
        value = self._data.get(key)
        if value is None and required:
            raise SeedError(self.where, f"missing key '{key}'")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        """A non-empty string; ``default`` when absent (required when no default)."""
        value = self._value(key, required=default is None)
        if value is None:
            assert default is not None
            return default
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"expected a non-empty string, got {_type_name(value)}")
        return value.strip()

    def optional_text(self, key: str) -> str | None:
        """A non-empty string, or None when the key is absent or null."""
        return self.text(key) if self.has(key) else None

    def choice(self, key: str, choices: Iterable[str], default: str | None = None) -> str:
        """One of ``choices`` (matched case-insensitively, returned in canonical spelling)."""
        options = list(choices)
        value = self.text(key, default)
        for option in options:
            if option.lower() == value.lower():
                return option
        raise self.error(key, f"expected one of {', '.join(options)}, got '{value}'")

    def integer(self, key: str, low: int, high: int, default: int | None = None) -> int:
        """An integer within [low, high]."""
        value = self._value(key, required=default is None)
        if value is None:
            assert default is not None
            return default
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.error(key, f"expected a whole number from {low} to {high}, got {value!r}")
        return value

    def guid(self, key: str, default: str | None = None) -> str:
        """A GUID such as ``6f1d2a3b-0000-4000-8000-00000000c0de`` (returned lower-case)."""
        value = self.text(key, default)
        if not _GUID.match(value):
            raise self.error(
                key, f"expected a GUID like 8e3af657-a8ff-443c-a75c-2fe8c4bcb635, got '{value}'"
            )
        return value.lower()

    def duration(self, key: str, default: str) -> str:
        """An ISO 8601 duration, kept as written (``PT3H``)."""
        value = self.text(key, default)
        try:
            parse_duration(value)
        except ValueError as exc:
            raise self.error(key, str(exc)) from None
        return value.upper()

    def time(self, key: str, default: str | None = None) -> SeedTime:
        """A seed time: ``now``, ``now-PT2H``, ``now+PT45M`` or absolute UTC."""
        value = self.text(key, default)
        try:
            return SeedTime.parse(value)
        except ValueError as exc:
            raise self.error(key, str(exc)) from None

    def ipv4(self, key: str, *, required: bool = True) -> str | None:
        """An IPv4 address, or None when optional and absent."""
        if not required and not self.has(key):
            return None
        value = self.text(key)
        try:
            return str(ipaddress.IPv4Address(value))
        except ValueError:
            raise self.error(key, f"expected an IPv4 address, got '{value}'") from None

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of non-empty strings (empty tuple when absent)."""
        value = self._value(key, required=False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.error(key, "expected a list of non-empty strings")
        return tuple(value)

    def tags(self, key: str) -> dict[str, str]:
        """An object of string values (empty when absent)."""
        value = self._value(key, required=False)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise self.error(key, "expected an object whose values are strings")
        return dict(value)

    def port_map(self, key: str) -> dict[int, int]:
        """An object of ``"port": port`` pairs, keys 0-65535, values 1-65535 (empty when absent)."""
        value = self._value(key, required=False)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.error(
                key, f'expected an object such as {{"22": 2222}}, got {_type_name(value)}'
            )
        result: dict[int, int] = {}
        for key_text, target in value.items():
            name = str(key_text)
            number = int(name) if name.isascii() and name.isdigit() else -1
            if not 0 <= number <= 65535:
                raise self.error(key, f"'{name}' is not a port number from 0 to 65535")
            if isinstance(target, bool) or not isinstance(target, int) or not 0 < target < 65536:
                raise self.error(
                    key, f"port {name} maps to {target!r}; expected a port from 1 to 65535"
                )
            result[number] = target
        return result

    def source(self, key: str, default: str | None = None) -> SourcePrefixes:
        """``*``, one address/CIDR, or a non-empty list of them."""
        value = self._value(key, required=default is None)
        if value is None:
            assert default is not None
            return default
        try:
            if isinstance(value, str):
                return check_prefix(value.strip())
            if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                return tuple(check_prefix(v.strip()) for v in value)
        except ValueError as exc:
            raise self.error(key, str(exc)) from None
        raise self.error(key, "expected '*', an address or CIDR, or a non-empty list of them")

    def children(self, key: str, kind: str, *, required: bool = False) -> list[Fields]:
        """The objects of a list, each knowing its path and (when it has one) its name."""
        value = self._value(key, required=required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(key, f"expected a list, got {_type_name(value)}")
        result = []
        for index, item in enumerate(value):
            label = ""
            if isinstance(item, dict):
                for name_key in ("name", "vm", "requestor", "user", "id", "number"):
                    if isinstance(item.get(name_key), str | int):
                        label = f" ({kind} '{item[name_key]}')"
                        break
            result.append(Fields(item, f"{self.where} > {key}[{index}]{label}"))
        return result

    def child(self, key: str, *, required: bool = True) -> Fields | None:
        """A nested object, or None when optional and absent."""
        value = self._value(key, required=required)
        if value is None:
            return None
        return Fields(value, f"{self.where} > {key}")

    def done(self) -> None:
        """Reject keys this object does not know (a typo should not pass silently)."""
        unknown = sorted(set(self._data) - self._used)
        if unknown:
            known = ", ".join(sorted(self._used))
            raise SeedError(self.where, f"unknown key '{unknown[0]}' (known keys: {known})")
