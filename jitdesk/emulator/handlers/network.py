"""Network interfaces, public IP addresses and virtual networks (Microsoft.Network)."""

from __future__ import annotations

from jitdesk.emulator import errors
from jitdesk.emulator.context import Context, Listing, Reply
from jitdesk.emulator.shapes import network as shapes

NIC_READ = "Microsoft.Network/networkInterfaces/read"
PIP_READ = "Microsoft.Network/publicIPAddresses/read"
VNET_READ = "Microsoft.Network/virtualNetworks/read"


def list_nics(ctx: Context) -> Listing:
    """Every NIC of a subscription."""
    record = ctx.subscription()
    ctx.require(NIC_READ, record)
    return Listing(record.vms, shapes.network_interface)


def list_public_ips(ctx: Context) -> Listing:
    """Every public IP address of a subscription."""
    record = ctx.subscription()
    ctx.require(PIP_READ, record)
    return Listing([vm for vm in record.vms if vm.network.public_ip_id], shapes.public_ip_address)


def list_vnets(ctx: Context) -> Listing:
    """Every virtual network of a subscription."""
    record = ctx.subscription()
    ctx.require(VNET_READ, record)
    return Listing([shapes.virtual_network(vnet) for _, vnet in record.vnets])


def get_nic(ctx: Context) -> Reply:
    """One NIC by resource group and name."""
    record = ctx.subscription()
    group = ctx.group(record)
    ctx.require(NIC_READ, record, group.name)
    name = ctx.params["name"].lower()
    for vm in record.vms:
        if vm.resource_group == group.name and vm.network.nic_name.lower() == name:
            return Reply(shapes.network_interface(vm))
    raise errors.resource_not_found(
        "Microsoft.Network/networkInterfaces", ctx.params["name"], group.name
    )


def get_public_ip(ctx: Context) -> Reply:
    """One public IP address by resource group and name."""
    record = ctx.subscription()
    group = ctx.group(record)
    ctx.require(PIP_READ, record, group.name)
    name = ctx.params["name"].lower()
    for vm in record.vms:
        pip_name = vm.network.public_ip_name
        if vm.resource_group == group.name and pip_name and pip_name.lower() == name:
            return Reply(shapes.public_ip_address(vm))
    raise errors.resource_not_found(
        "Microsoft.Network/publicIPAddresses", ctx.params["name"], group.name
    )


def get_vnet(ctx: Context) -> Reply:
    """One virtual network by resource group and name."""
    record = ctx.subscription()
    group = ctx.group(record)
    ctx.require(VNET_READ, record, group.name)
    name = ctx.params["name"].lower()
    for group_name, vnet in record.vnets:
        if group_name == group.name and vnet.name.lower() == name:
            return Reply(shapes.virtual_network(vnet))
    raise errors.resource_not_found(
        "Microsoft.Network/virtualNetworks", ctx.params["name"], group.name
    )
