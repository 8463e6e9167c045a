"""Inventory answers: VMs (full and status-only), classic VMs, network, pricing, locations."""

from __future__ import annotations

from typing import Any

from arm_testkit import COMPUTE, NETWORK, SUB_DEV, SUB_PROD, ArmClient

SUB = f"/subscriptions/{SUB_PROD}"


def _by_name(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in items}


def test_full_vms_carry_the_model_and_no_instance_view(arm: ArmClient) -> None:
    vms = _by_name(arm.items(f"{SUB}/providers/Microsoft.Compute/virtualMachines?{COMPUTE}"))
    web = vms["vm-web-01"]["properties"]
    sql = vms["sql-prod-01"]["properties"]

    assert len(vms) == 15
    assert all("instanceView" not in vm["properties"] for vm in vms.values())
    assert web["hardwareProfile"]["vmSize"] == "Standard_D2s_v5"
    assert web["storageProfile"]["osDisk"]["osType"] == "Linux"
    assert sql["storageProfile"]["osDisk"]["osType"] == "Windows"
    assert web["osProfile"]["computerName"] == "vm-web-01"
    assert web["provisioningState"] == "Succeeded"
    assert len(web["vmId"]) == 36
    nic = web["networkProfile"]["networkInterfaces"][0]
    assert nic["id"].endswith(
        "/resourceGroups/rg-prod-web/providers/Microsoft.Network/networkInterfaces/vm-web-01-nic"
    )
    assert nic["properties"]["primary"] is True
    assert vms["vm-web-01"]["type"] == "Microsoft.Compute/virtualMachines"


def test_status_only_vms_carry_power_state_and_nothing_else(arm: ArmClient) -> None:
    full = _by_name(arm.items(f"{SUB}/providers/Microsoft.Compute/virtualMachines?{COMPUTE}"))
    vms = _by_name(
        arm.items(f"{SUB}/providers/Microsoft.Compute/virtualMachines?{COMPUTE}&statusOnly=TRUE")
    )

    power = {
        name: vm["properties"]["instanceView"]["statuses"][1]["code"] for name, vm in vms.items()
    }
    assert power["vm-web-01"] == "PowerState/running"
    assert power["vm-web-03"] == "PowerState/deallocated"
    assert power["vm-batch-gwc-01"] == "PowerState/stopped"
    for name, vm in vms.items():
        assert set(vm) == {"id", "name", "type", "location"} | {"properties"}
        assert set(vm["properties"]) == {"vmId", "instanceView"}
        assert vm["properties"]["vmId"] == full[name]["properties"]["vmId"]
        assert vm["properties"]["instanceView"]["statuses"][0]["code"] == (
            "ProvisioningState/succeeded"
        )


def test_get_vm_with_instance_view_and_the_instance_view_call(arm: ArmClient) -> None:
    path = (
        f"{SUB}/resourceGroups/rg-prod-gwc/providers/Microsoft.Compute/virtualMachines/"
        "vm-batch-gwc-01"
    )

    plain = arm.get(f"{path}?{COMPUTE}")
    expanded = arm.get(f"{path}?{COMPUTE}&$expand=instanceView")
    view = arm.get(f"{path}/instanceView?{COMPUTE}")

    assert "instanceView" not in plain.body["properties"]
    statuses = expanded.body["properties"]["instanceView"]["statuses"]
    assert statuses[1]["displayStatus"] == "VM stopped"
    assert view.body["statuses"] == statuses


def test_nics_show_addresses_and_where_the_nsg_is(arm: ArmClient) -> None:
    nics = _by_name(arm.items(f"{SUB}/providers/Microsoft.Network/networkInterfaces?{NETWORK}"))

    def ip(name: str) -> dict[str, Any]:
        config: dict[str, Any] = nics[name]["properties"]["ipConfigurations"][0]["properties"]
        return config

    assert ip("vm-web-01-nic")["privateIPAddress"] == "10.10.1.4"
    assert ip("vm-web-01-nic")["publicIPAddress"]["id"].endswith("/publicIPAddresses/vm-web-01-pip")
    assert "publicIPAddress" not in ip("vm-api-01-nic")
    assert "publicIPAddress" not in ip("vm-ops-01-nic")
    assert nics["vm-web-01-nic"]["properties"]["networkSecurityGroup"]["id"].endswith(
        "/networkSecurityGroups/vm-web-01-nsg"
    )
    assert "networkSecurityGroup" not in nics["vm-tools-01-nic"]["properties"]
    assert "networkSecurityGroup" not in nics["vm-api-01-nic"]["properties"]
    assert nics["vm-api-01-nic"]["properties"]["virtualMachine"]["id"].endswith("/vm-api-01")
    assert ip("vm-api-01-nic")["subnet"]["id"].endswith(
        "/virtualNetworks/rg-prod-web-vnet/subnets/snet-api"
    )


def test_public_ips_and_their_back_pointers(arm: ArmClient) -> None:
    pips = _by_name(arm.items(f"{SUB}/providers/Microsoft.Network/publicIPAddresses?{NETWORK}"))
    single = arm.get(
        f"{SUB}/resourceGroups/rg-prod-web/providers/Microsoft.Network/publicIPAddresses/"
        f"vm-web-01-pip?{NETWORK}"
    )

    assert "vm-api-01-pip" not in pips and "vm-ops-01-pip" not in pips
    assert pips["vm-web-01-pip"]["properties"]["ipAddress"] == "127.20.1.11"
    assert pips["vm-web-01-pip"]["properties"]["publicIPAllocationMethod"] == "Static"
    assert pips["vm-web-01-pip"]["properties"]["ipConfiguration"]["id"].endswith(
        "/networkInterfaces/vm-web-01-nic/ipConfigurations/ipconfig1"
    )
    assert single.body == pips["vm-web-01-pip"]
    addresses = [p["properties"]["ipAddress"] for p in pips.values()]
    assert all(a.startswith("127.") and a != "127.0.0.1" for a in addresses)


def test_vnets_show_subnet_prefixes_and_subnet_nsgs(arm: ArmClient) -> None:
    vnets = _by_name(arm.items(f"{SUB}/providers/Microsoft.Network/virtualNetworks?{NETWORK}"))
    hub = vnets["rg-hub-weu-vnet"]["properties"]
    subnets = {s["name"]: s["properties"] for s in hub["subnets"]}

    assert hub["addressSpace"]["addressPrefixes"] == ["10.0.0.0/16"]
    assert subnets["snet-workload"]["addressPrefix"] == "10.0.2.0/24"
    assert subnets["snet-workload"]["networkSecurityGroup"]["id"].endswith(
        "/networkSecurityGroups/rg-hub-weu-vnet-snet-workload-nsg"
    )
    assert "networkSecurityGroup" not in subnets["snet-tools"]
    assert "networkSecurityGroup" not in subnets["snet-jump"]


def test_classic_vms_are_listed_with_their_instance_view(arm: ArmClient) -> None:
    classic = arm.items(
        f"{SUB}/providers/Microsoft.ClassicCompute/virtualMachines?api-version=2017-04-01"
    )
    none = arm.items(
        f"/subscriptions/{SUB_DEV}/providers/Microsoft.ClassicCompute/virtualMachines"
        "?api-version=2017-04-01"
    )

    assert [vm["name"] for vm in classic] == ["legacy-erp-01"]
    vm = classic[0]
    assert vm["type"] == "Microsoft.ClassicCompute/virtualMachines"
    assert vm["properties"]["hardwareProfile"]["size"] == "Medium"
    assert vm["properties"]["instanceView"]["status"] == "ReadyRole"
    assert vm["properties"]["instanceView"]["privateIpAddress"] == "10.30.9.4"
    assert vm["properties"]["instanceView"]["publicIpAddresses"] == ["127.20.1.42"]
    assert none == []


def test_pricing_tells_plan_two_from_free(arm: ArmClient) -> None:
    version = "api-version=2024-01-01"
    prod = arm.get(f"{SUB}/providers/Microsoft.Security/pricings/VirtualMachines?{version}")
    dev = arm.get(
        f"/subscriptions/{SUB_DEV}/providers/Microsoft.Security/pricings/virtualmachines?{version}"
    )
    listing = arm.get(f"{SUB}/providers/Microsoft.Security/pricings?{version}")

    assert prod.body["properties"]["pricingTier"] == "Standard"
    assert prod.body["properties"]["subPlan"] == "P2"
    assert prod.body["properties"]["enablementTime"].endswith("Z")
    assert prod.body["properties"]["freeTrialRemainingTime"] == "PT0S"
    assert dev.body["properties"]["pricingTier"] == "Free"
    assert "subPlan" not in dev.body["properties"]
    assert dev.body["properties"]["freeTrialRemainingTime"] == "P30D"
    assert dev.body["id"].endswith("/providers/Microsoft.Security/pricings/VirtualMachines")
    assert listing.body["value"][0] == prod.body
    assert "nextLink" not in listing.body
    assert {p["type"] for p in listing.body["value"]} == {"Microsoft.Security/pricings"}


def test_security_location_is_the_home_region_only(arm: ArmClient) -> None:
    version = "api-version=2015-06-01-preview"
    dev = arm.items(f"/subscriptions/{SUB_DEV}/providers/Microsoft.Security/locations?{version}")
    other = arm.get(f"{SUB}/providers/Microsoft.Security/locations/northeurope?{version}")

    assert [loc["name"] for loc in dev] == ["northeurope"]
    assert other.status == 404
