"""The demo's VPN scenario: Fabrikam's plant servers are reached over a site-to-site VPN on
their private addresses, so their JIT rules allow the on-premises ranges, never ``*``."""

from __future__ import annotations

import ipaddress

from arm_testkit import COMPUTE, JIT, SUB_PLANT, ArmClient, policy_path, vm_id

from jitdesk.emulator import Seed

SCADA = policy_path("rg-plant-scada", "westeurope", "default", sub=SUB_PLANT)
VPN_VMS = ["scada-hist-01", "mes-app-01", "mes-db-01", "hmi-ws-01"]


def test_the_vpn_servers_carry_the_reach_tag_and_nothing_else_does(arm: ArmClient) -> None:
    vms = arm.items(
        f"/subscriptions/{SUB_PLANT}/providers/Microsoft.Compute/virtualMachines?{COMPUTE}"
    )
    status_only = arm.items(
        f"/subscriptions/{SUB_PLANT}/providers/Microsoft.Compute/virtualMachines"
        f"?{COMPUTE}&statusOnly=true"
    )

    tagged = [vm["name"] for vm in vms if vm.get("tags", {}).get("jitdesk-reach") == "private"]
    assert tagged == VPN_VMS
    assert [vm["name"] for vm in vms if vm["name"] not in tagged] == ["edge-gw-01"]
    assert all("tags" not in vm for vm in status_only)


def test_the_vpn_policy_allows_on_premises_ranges_only(arm: ArmClient, demo_seed: Seed) -> None:
    policy = arm.get(f"{SCADA}?{JIT}").body
    sources = [
        prefix
        for vm in policy["properties"]["virtualMachines"]
        for port in vm["ports"]
        for prefix in port.get(
            "allowedSourceAddressPrefixes", [port.get("allowedSourceAddressPrefix")]
        )
    ]
    groups = [g for t in demo_seed.tenants for s in t.subscriptions for g in s.resource_groups]
    vpn_groups = [g.name for g in groups if any(vm.reach == "private" for vm in g.vms)]

    assert sources and "*" not in sources
    assert all(ipaddress.ip_network(prefix).is_private for prefix in sources)
    assert "192.168.40.0/24" in sources and "192.168.41.0/24" in sources
    assert vpn_groups == ["rg-plant-scada"]


def test_my_address_as_azure_sees_it_is_refused_and_the_vpn_range_accepted(
    arm: ArmClient,
) -> None:
    vm = vm_id("rg-plant-scada", "mes-app-01", sub=SUB_PLANT)

    mine = arm.send(
        "POST",
        f"{SCADA}/initiate?{JIT}",
        {"virtualMachines": [{"id": vm, "ports": [{"number": 22, "duration": "PT1H"}]}]},
    )
    vpn = arm.send(
        "POST",
        f"{SCADA}/initiate?{JIT}",
        {
            "virtualMachines": [
                {
                    "id": vm,
                    "ports": [
                        {
                            "number": 22,
                            "duration": "PT8H",
                            "allowedSourceAddressPrefix": "192.168.40.0/24",
                        }
                    ],
                }
            ]
        },
    )

    assert (mine.status, mine.error_code) == (400, "InvalidSourceAddress")
    assert "'127.0.0.1'" in mine.body["error"]["message"]
    assert "'192.168.40.0/24'" in mine.body["error"]["message"]
    assert vpn.status == 202
    assert vpn.body["virtualMachines"][0]["ports"][0]["allowedSourceAddressPrefix"] == (
        "192.168.40.0/24"
    )
