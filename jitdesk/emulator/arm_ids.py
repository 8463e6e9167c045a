"""Builders for ARM resource ids, so every module spells them the same way."""

from __future__ import annotations

import functools
import uuid

_NAMESPACE = uuid.UUID("5d0c9a51-7f1e-4b8e-9a43-6a2f2d9c1e07")


@functools.lru_cache(maxsize=65536)
def stable_guid(*parts: str) -> str:
    """A GUID derived from ``parts`` (case-insensitive), identical on every run."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts).lower()))


def subscription_id(sub: str) -> str:
    return f"/subscriptions/{sub}"


def group_id(sub: str, group: str) -> str:
    return f"/subscriptions/{sub}/resourceGroups/{group}"


def resource_id(sub: str, group: str, provider_type: str, name: str) -> str:
    """``provider_type`` like ``Microsoft.Compute/virtualMachines``."""
    return f"{group_id(sub, group)}/providers/{provider_type}/{name}"


def vm_id(sub: str, group: str, name: str) -> str:
    return resource_id(sub, group, "Microsoft.Compute/virtualMachines", name)


def classic_vm_id(sub: str, group: str, name: str) -> str:
    return resource_id(sub, group, "Microsoft.ClassicCompute/virtualMachines", name)


def nic_id(sub: str, group: str, name: str) -> str:
    return resource_id(sub, group, "Microsoft.Network/networkInterfaces", name)


def public_ip_id(sub: str, group: str, name: str) -> str:
    return resource_id(sub, group, "Microsoft.Network/publicIPAddresses", name)


def vnet_id(sub: str, group: str, name: str) -> str:
    return resource_id(sub, group, "Microsoft.Network/virtualNetworks", name)


def nsg_id(sub: str, group: str, name: str) -> str:
    return resource_id(sub, group, "Microsoft.Network/networkSecurityGroups", name)


def policy_id(sub: str, group: str, region: str, name: str) -> str:
    return resource_id(
        sub, group, "Microsoft.Security/locations", f"{region}/jitNetworkAccessPolicies/{name}"
    )


def security_location_id(sub: str, region: str) -> str:
    return f"/subscriptions/{sub}/providers/Microsoft.Security/locations/{region}"


def pricing_id(sub: str, name: str) -> str:
    return f"/subscriptions/{sub}/providers/Microsoft.Security/pricings/{name}"
