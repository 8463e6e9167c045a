"""Which local address this computer uses on the way to a VM, found without sending traffic."""

from __future__ import annotations

import ipaddress
import socket


class NoRoute(OSError):
    """The computer has no route to the address (no VPN up, no network)."""


def local_address_towards(address: str) -> str:
    """The source address the operating system would pick to reach ``address``.

    Connecting a UDP socket only asks the routing table; no packet leaves the machine. This is
    the address a VM reached over a VPN or a peered network sees as its caller, where the
    public address Azure sees would be wrong. Blocks for no more than a system call.
    """
    target = ipaddress.ip_address(address)
    family = socket.AF_INET6 if target.version == 6 else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect((str(target), 9))
        except OSError as error:
            raise NoRoute(f"no route to {address}: {error}") from error
        local = probe.getsockname()[0]
    return str(ipaddress.ip_address(local.split("%", 1)[0]))
