"""Where Connect goes: the connection port, the address, the firewall's mapping, deep links.

No I/O. The flow that asks for access, waits for the port and starts the client lives in
:mod:`jitdesk.services.connect`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from jitdesk.domain.grants import Grant
from jitdesk.domain.model import OsType, PolicyVm, VirtualMachine
from jitdesk.domain.text import QT_TRANSLATE_NOOP, Text

C = "Connect"

RDP_PORTS = frozenset({3389})
SSH_PORTS = frozenset({22})


def default_port(vm: VirtualMachine) -> int:
    """RDP for Windows, SSH otherwise."""
    return 3389 if vm.os_type is OsType.WINDOWS else 22


def protocol_for(port: int, vm: VirtualMachine) -> Literal["rdp", "ssh"]:
    """ "rdp" or "ssh": by the port when it says, else by the OS."""
    if port in RDP_PORTS:
        return "rdp"
    if port in SSH_PORTS:
        return "ssh"
    return "rdp" if vm.os_type is OsType.WINDOWS else "ssh"


@dataclass(frozen=True)
class Endpoint:
    """Where the client connects, and why there."""

    host: str
    port: int
    via: str  # "public", "private", "firewall"


class NoAddress(ValueError):
    def __init__(self, text: Text) -> None:
        super().__init__(text.render())
        self.text = text


def endpoint_for(
    vm: VirtualMachine,
    port: int,
    policy_vm: PolicyVm | None,
    grant: Grant | None,
    prefer: str = "auto",
    gates: dict[int, int] | None = None,
) -> Endpoint:
    """The host and port to connect to for ``port`` of ``vm``.

    Behind an Azure Firewall: the firewall's address and the grant's mapped port. Otherwise the
    public address, or the private one when the user prefers it (VPN, peering), when the VM is
    tagged as reached privately, or when it has no public address. ``gates`` is the demo
    emulator's map of VM ports to its local port gates (see SEED.md).
    """
    if policy_vm is not None and policy_vm.firewall_ip:
        mapped = grant.mapped_port if grant is not None and grant.mapped_port else port
        return Endpoint(policy_vm.firewall_ip, _gate(gates, mapped), "firewall")
    private = prefer == "private" or (
        prefer == "auto" and (vm.reached_privately or not vm.public_ip)
    )
    host = vm.private_ip if private else vm.public_ip
    if not host:
        host = vm.public_ip or vm.private_ip
        private = host == vm.private_ip
    if not host:
        raise NoAddress(
            Text(
                C,
                QT_TRANSLATE_NOOP(
                    C, "{vm} has neither a public nor a private address to connect to."
                ),
                {"vm": vm.name},
            )
        )
    return Endpoint(host, _gate(gates, port), "private" if private else "public")


def _gate(gates: dict[int, int] | None, port: int) -> int:
    return gates.get(port, port) if gates else port


@dataclass(frozen=True)
class ConnectLink:
    """``jitdesk://connect/<subscription-id>/<resource-group>/<vm-name>?port=N``."""

    subscription_id: str
    resource_group: str
    vm_name: str
    port: int | None = None

    @property
    def vm_id(self) -> str:
        return (
            f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}"
            f"/providers/Microsoft.Compute/virtualMachines/{self.vm_name}"
        )


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.()\-]{0,89}$")
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def parse_link(text: str) -> ConnectLink:
    """Parse a jitdesk:// link strictly; raise ValueError saying what is wrong with it.

    Links come from outside (a browser, a chat message): every part is checked against what
    Azure allows, and nothing in them is ever passed to a command."""
    parts = urlsplit(text.strip())
    if parts.scheme.lower() != "jitdesk" or parts.netloc.lower() != "connect":
        raise ValueError("only jitdesk://connect/<subscription>/<resource-group>/<vm> links")
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if len(segments) != 3:
        raise ValueError("the link needs a subscription id, a resource group and a VM name")
    subscription, group, vm = segments
    if not _GUID.match(subscription):
        raise ValueError(f"{subscription!r} is not a subscription id")
    if not _NAME.match(group) or not _NAME.match(vm):
        raise ValueError("the resource group or VM name has characters Azure does not allow")
    query = parse_qs(parts.query, strict_parsing=False)
    port: int | None = None
    if "port" in query:
        value = query["port"][0]
        if not value.isdigit() or not 1 <= int(value) <= 65535:
            raise ValueError(f"port={value!r} is not a port number")
        port = int(value)
    return ConnectLink(subscription, group, vm, port)
