"""Derive the network resources of a resource group (NICs, public IPs, VNets) from its VMs.

A seed only says which subnet a VM sits in and where its NSG is; this module turns that into
ARM resources: one NIC ``{vm}-nic`` per VM, a public IP ``{vm}-pip`` when it has an address, and
one VNet per resource group and region whose subnets are the /24s the VMs use.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from jitdesk.emulator import arm_ids
from jitdesk.emulator.seed_model import SeedResourceGroup, SeedVm


@dataclass(frozen=True)
class SubnetLayout:
    """A subnet of a derived VNet."""

    name: str
    id: str
    prefix: str
    nsg_id: str | None
    ip_configuration_ids: tuple[str, ...]


@dataclass(frozen=True)
class VnetLayout:
    """A derived virtual network."""

    name: str
    id: str
    region: str
    address_prefixes: tuple[str, ...]
    subnets: tuple[SubnetLayout, ...]


@dataclass(frozen=True)
class VmNetwork:
    """The network resources that belong to one VM."""

    nic_name: str
    nic_id: str
    ip_configuration_id: str
    subnet_id: str
    nic_nsg_id: str | None
    public_ip_name: str | None
    public_ip_id: str | None
    mac_address: str


def _vnet_name(group: SeedResourceGroup, region: str) -> str:
    regions = {vm.region for vm in group.vms}
    return f"{group.name}-vnet" if len(regions) <= 1 else f"{group.name}-{region}-vnet"


def _mac(seed_text: str) -> str:
    digits = arm_ids.stable_guid("mac", seed_text).replace("-", "")[:6].upper()
    return "00-0D-3A-" + "-".join(digits[i : i + 2] for i in range(0, 6, 2))


def layout_group(
    sub: str, group: SeedResourceGroup
) -> tuple[dict[str, VmNetwork], list[VnetLayout]]:
    """Return the per-VM network resources (keyed by lower-case VM name) and the VNets."""
    vm_networks: dict[str, VmNetwork] = {}
    members: dict[tuple[str, str], list[tuple[SeedVm, VmNetwork]]] = {}
    for vm in group.vms:
        vnet = arm_ids.vnet_id(sub, group.name, _vnet_name(group, vm.region))
        nic_name = f"{vm.name}-nic"
        nic = arm_ids.nic_id(sub, group.name, nic_name)
        pip_name = f"{vm.name}-pip" if vm.public_ip else None
        network = VmNetwork(
            nic_name=nic_name,
            nic_id=nic,
            ip_configuration_id=f"{nic}/ipConfigurations/ipconfig1",
            subnet_id=f"{vnet}/subnets/{vm.subnet}",
            nic_nsg_id=(
                arm_ids.nsg_id(sub, group.name, f"{vm.name}-nsg")
                if vm.nsg in ("nic", "both")
                else None
            ),
            public_ip_name=pip_name,
            public_ip_id=arm_ids.public_ip_id(sub, group.name, pip_name) if pip_name else None,
            mac_address=_mac(nic),
        )
        vm_networks[vm.name.lower()] = network
        members.setdefault((vm.region, vm.subnet.lower()), []).append((vm, network))

    vnets: list[VnetLayout] = []
    for region in dict.fromkeys(vm.region for vm in group.vms):
        name = _vnet_name(group, region)
        subnets = []
        for (subnet_region, _), entries in members.items():
            if subnet_region != region:
                continue
            first_vm = entries[0][0]
            prefix = ipaddress.IPv4Network(f"{first_vm.private_ip}/24", strict=False)
            has_nsg = any(vm.nsg in ("subnet", "both") for vm, _ in entries)
            subnets.append(
                SubnetLayout(
                    name=first_vm.subnet,
                    id=entries[0][1].subnet_id,
                    prefix=str(prefix),
                    nsg_id=(
                        arm_ids.nsg_id(sub, group.name, f"{name}-{first_vm.subnet}-nsg")
                        if has_nsg
                        else None
                    ),
                    ip_configuration_ids=tuple(net.ip_configuration_id for _, net in entries),
                )
            )
        spaces = sorted(
            {
                str(ipaddress.IPv4Network(f"{s.prefix.split('/')[0]}/16", strict=False))
                for s in subnets
            }
        )
        vnets.append(
            VnetLayout(
                name=name,
                id=arm_ids.vnet_id(sub, group.name, name),
                region=region,
                address_prefixes=tuple(spaces),
                subnets=tuple(subnets),
            )
        )
    return vm_networks, vnets
