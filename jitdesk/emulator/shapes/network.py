"""Microsoft.Network bodies: network interfaces, public IP addresses and virtual networks.

Shapes follow Microsoft's ``NetworkInterfaceGet`` and ``PublicIpAddressGet`` examples; the seed
decides the values (private and public address, NSG placement).
"""

from __future__ import annotations

from jitdesk.emulator import arm_ids
from jitdesk.emulator.network_layout import VnetLayout
from jitdesk.emulator.shapes import JsonObject
from jitdesk.emulator.world import VmRecord


def _etag(resource_id: str) -> str:
    return f'W/"{arm_ids.stable_guid("etag", resource_id)}"'


def network_interface(record: VmRecord) -> JsonObject:
    """The NIC ``{vm}-nic`` of a VM with its single primary IP configuration."""
    net = record.network
    ip_properties: JsonObject = {
        "provisioningState": "Succeeded",
        "privateIPAddress": record.seed.private_ip,
        "privateIPAllocationMethod": "Dynamic",
        "subnet": {"id": net.subnet_id},
        "primary": True,
        "privateIPAddressVersion": "IPv4",
    }
    if net.public_ip_id is not None:
        ip_properties["publicIPAddress"] = {"id": net.public_ip_id}
    properties: JsonObject = {
        "provisioningState": "Succeeded",
        "resourceGuid": arm_ids.stable_guid("guid", net.nic_id),
        "ipConfigurations": [
            {
                "name": "ipconfig1",
                "id": net.ip_configuration_id,
                "etag": _etag(net.ip_configuration_id),
                "type": "Microsoft.Network/networkInterfaces/ipConfigurations",
                "properties": ip_properties,
            }
        ],
        "dnsSettings": {"dnsServers": [], "appliedDnsServers": []},
        "macAddress": net.mac_address,
        "enableAcceleratedNetworking": False,
        "enableIPForwarding": False,
        "primary": True,
        "virtualMachine": {"id": record.id},
        "nicType": "Standard",
    }
    if net.nic_nsg_id is not None:
        properties["networkSecurityGroup"] = {"id": net.nic_nsg_id}
    return {
        "name": net.nic_name,
        "id": net.nic_id,
        "etag": _etag(net.nic_id),
        "type": "Microsoft.Network/networkInterfaces",
        "location": record.seed.region,
        "properties": properties,
    }


def public_ip_address(record: VmRecord) -> JsonObject:
    """The static public IP ``{vm}-pip``; only call for VMs that have one."""
    net = record.network
    assert net.public_ip_id is not None and net.public_ip_name is not None
    return {
        "name": net.public_ip_name,
        "id": net.public_ip_id,
        "etag": _etag(net.public_ip_id),
        "type": "Microsoft.Network/publicIPAddresses",
        "location": record.seed.region,
        "sku": {"name": "Standard", "tier": "Regional"},
        "properties": {
            "provisioningState": "Succeeded",
            "resourceGuid": arm_ids.stable_guid("guid", net.public_ip_id),
            "ipAddress": record.seed.public_ip,
            "publicIPAddressVersion": "IPv4",
            "publicIPAllocationMethod": "Static",
            "idleTimeoutInMinutes": 4,
            "ipTags": [],
            "ipConfiguration": {"id": net.ip_configuration_id},
        },
    }


def virtual_network(vnet: VnetLayout) -> JsonObject:
    """A derived VNet with its subnets (and their NSGs, when they have one)."""
    subnets = []
    for subnet in vnet.subnets:
        properties: JsonObject = {
            "provisioningState": "Succeeded",
            "addressPrefix": subnet.prefix,
            "ipConfigurations": [{"id": ip} for ip in subnet.ip_configuration_ids],
            "delegations": [],
            "privateEndpointNetworkPolicies": "Disabled",
            "privateLinkServiceNetworkPolicies": "Enabled",
        }
        if subnet.nsg_id is not None:
            properties["networkSecurityGroup"] = {"id": subnet.nsg_id}
        subnets.append(
            {
                "name": subnet.name,
                "id": subnet.id,
                "etag": _etag(subnet.id),
                "type": "Microsoft.Network/virtualNetworks/subnets",
                "properties": properties,
            }
        )
    return {
        "name": vnet.name,
        "id": vnet.id,
        "etag": _etag(vnet.id),
        "type": "Microsoft.Network/virtualNetworks",
        "location": vnet.region,
        "properties": {
            "provisioningState": "Succeeded",
            "resourceGuid": arm_ids.stable_guid("guid", vnet.id),
            "addressSpace": {"addressPrefixes": list(vnet.address_prefixes)},
            "subnets": subnets,
            "virtualNetworkPeerings": [],
            "enableDdosProtection": False,
        },
    }
