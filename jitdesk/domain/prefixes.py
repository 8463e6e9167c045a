"""Source address prefixes (IPv4/IPv6 addresses and CIDR ranges) as JIT policies use them."""

from __future__ import annotations

import ipaddress
import re

from jitdesk.domain.text import QT_TRANSLATE_NOOP, Text

C = "Prefixes"
ANY = "*"

_SEPARATORS = re.compile(r"[\s,;]+")


class PrefixError(ValueError):
    """A typed prefix is not an address or range; :attr:`text` says why in plain words."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.render())
        self.text = text


def normalize_prefix(value: str) -> str:
    """Return the canonical spelling of an address or CIDR range, or ``*``.

    ``203.0.113.7/32`` stays a range (Azure compares the text it was given), host bits in a
    range are refused rather than silently cleared, and IPv6 is written compressed.
    """
    text = value.strip()
    if text == ANY:
        return ANY
    if not text:
        raise PrefixError(Text(C, QT_TRANSLATE_NOOP(C, "The address is empty.")))
    try:
        if "/" in text:
            exact = ipaddress.ip_network(text, strict=True)
            return f"{exact.network_address.compressed}/{exact.prefixlen}"
        return ipaddress.ip_address(text).compressed
    except ValueError:
        pass
    loose = _loose_network(text)
    if loose is not None:
        raise PrefixError(
            Text(
                C,
                QT_TRANSLATE_NOOP(
                    C, "“{value}” has host bits set; the range is written {network}."
                ),
                {"value": text, "network": loose},
            )
        )
    raise PrefixError(
        Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "“{value}” is not an IP address or range. Write e.g. 203.0.113.7, "
                "203.0.113.0/24 or 2001:db8::/48.",
            ),
            {"value": text},
        )
    )


def _loose_network(text: str) -> str | None:
    """The range a CIDR with host bits set stands for, or None when it is no range at all."""
    if "/" not in text:
        return None
    try:
        return ipaddress.ip_network(text, strict=False).compressed
    except ValueError:
        return None


def split_prefixes(text: str) -> list[str]:
    """Split what a person typed (commas, spaces, semicolons or new lines) into entries."""
    return [part for part in _SEPARATORS.split(text.strip()) if part]


def parse_prefixes(text: str) -> tuple[list[str], list[Text]]:
    """Parse typed prefixes; return the normalised ones and a problem per bad entry."""
    good: list[str] = []
    problems: list[Text] = []
    for part in split_prefixes(text):
        try:
            value = normalize_prefix(part)
        except PrefixError as error:
            problems.append(error.text)
            continue
        if value not in good:
            good.append(value)
    return good, problems


def same_prefix(a: str, b: str) -> bool:
    """Compare two prefixes as Azure does: the same address or range, whatever the spelling."""
    try:
        return normalize_prefix(a) == normalize_prefix(b)
    except PrefixError:
        return a.strip().lower() == b.strip().lower()


def allows(allowed: tuple[str, ...], requested: str) -> bool:
    """Whether a port rule allowing ``allowed`` accepts a request from ``requested``.

    The service accepts the request only when it equals one of the allowed prefixes, unless the
    rule allows any source: an address inside an allowed range is refused ("not a subset").
    """
    if not allowed or any(a.strip() == ANY for a in allowed):
        return True
    return any(same_prefix(a, requested) for a in allowed)


def contains(allowed: str, requested: str) -> bool:
    """Whether ``requested`` lies inside the range ``allowed`` (for explaining a refusal)."""
    try:
        outer = ipaddress.ip_network(allowed.strip(), strict=False)
        inner = ipaddress.ip_network(requested.strip(), strict=False)
    except ValueError:
        return False
    return inner.version == outer.version and inner.subnet_of(outer)  # type: ignore[arg-type]
