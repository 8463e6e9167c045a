"""JIT policy reads: lookups, denials, and request statuses derived from the emulator clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from arm_testkit import COMPUTE, JIT, NOW, SUB_CORP, SUB_PLANT, SUB_PROD, USER, ArmClient

from jitdesk.emulator import EmulatorClock

PROVIDER = "providers/Microsoft.Security"


def _policy(arm: ArmClient, group: str, region: str, name: str, sub: str = SUB_PROD) -> Any:
    answer = arm.get(
        f"/subscriptions/{sub}/resourceGroups/{group}/{PROVIDER}/locations/{region}/"
        f"jitNetworkAccessPolicies/{name}?{JIT}"
    )
    assert answer.status == 200, answer.body
    return answer.body


def _port_states(policy: Any, vm_name: str, number: int) -> list[tuple[str, str, str]]:
    """(requestor, status, statusReason) of every request port for one VM and port, oldest first."""
    return [
        (request["requestor"], port["status"], port["statusReason"])
        for request in policy["properties"]["requests"]
        for vm in request["virtualMachines"]
        if vm["id"].endswith(f"/virtualMachines/{vm_name}")
        for port in vm["ports"]
        if port["number"] == number
    ]


def test_a_missing_policy_is_policy_not_found(arm: ArmClient) -> None:
    answer = arm.get(
        f"/subscriptions/{SUB_PROD}/resourceGroups/rg-prod-data/{PROVIDER}/locations/westeurope/"
        f"jitNetworkAccessPolicies/default?{JIT}"
    )

    assert answer.status == 404
    assert answer.error_code == "PolicyNotFound"
    assert "'default'" in answer.body["error"]["message"]
    assert "rg-prod-data" in answer.body["error"]["message"]


def test_policies_are_found_by_their_own_names(arm: ArmClient) -> None:
    policy = _policy(arm, "RG-PROD-DATA", "WestEurope", "SQL-Servers")

    assert policy["name"] == "sql-servers"
    assert policy["location"] == "westeurope"
    assert policy["id"].endswith(
        "/resourceGroups/rg-prod-data/providers/Microsoft.Security/locations/westeurope/"
        "jitNetworkAccessPolicies/sql-servers"
    )
    # The seed spells sql-prod-02 in capitals inside the policy, as Azure's APIs sometimes do.
    assert [vm["id"].rsplit("/", 1)[1] for vm in policy["properties"]["virtualMachines"]] == [
        "sql-prod-01",
        "SQL-PROD-02",
    ]


def test_lists_narrow_by_region_and_resource_group(arm: ArmClient) -> None:
    base = f"/subscriptions/{SUB_PROD}"

    everything = arm.items(f"{base}/{PROVIDER}/jitNetworkAccessPolicies?{JIT}")
    in_gwc = arm.items(
        f"{base}/{PROVIDER}/locations/germanywestcentral/jitNetworkAccessPolicies?{JIT}"
    )
    in_hub = arm.items(
        f"{base}/resourceGroups/rg-hub-weu/{PROVIDER}/jitNetworkAccessPolicies?{JIT}"
    )
    hub_neu = arm.items(
        f"{base}/resourceGroups/rg-hub-weu/{PROVIDER}/locations/northeurope/"
        f"jitNetworkAccessPolicies?{JIT}"
    )

    assert len(everything) == 5
    assert [p["id"].split("/")[4] for p in in_gwc] == ["rg-prod-gwc"]
    assert [p["id"].split("/")[4] for p in in_hub] == ["rg-hub-weu"]
    assert hub_neu == []


def test_policy_reads_in_the_denied_subscription_answer_403(arm: ArmClient) -> None:
    targets = [
        f"/subscriptions/{SUB_CORP}/{PROVIDER}/jitNetworkAccessPolicies?{JIT}",
        f"/subscriptions/{SUB_CORP}/{PROVIDER}/locations/westeurope/jitNetworkAccessPolicies?{JIT}",
        f"/subscriptions/{SUB_CORP}/resourceGroups/rg-corp-apps/{PROVIDER}/locations/westeurope/"
        f"jitNetworkAccessPolicies/default?{JIT}",
    ]

    answers = [arm.get(target) for target in targets]

    assert [a.status for a in answers] == [403, 403, 403]
    message = answers[0].body["error"]["message"]
    assert message.startswith(f"The client '{USER}' with object id '")
    assert (
        "does not have authorization to perform action "
        "'Microsoft.Security/locations/jitNetworkAccessPolicies/read' over scope "
        f"'/subscriptions/{SUB_CORP}' or the scope is invalid. If access was recently granted, "
        "please refresh your credentials."
    ) in message
    assert all(a.error_code == "AuthorizationFailed" for a in answers)
    assert "retry-after" not in answers[0].headers
    vms = arm.items(
        f"/subscriptions/{SUB_CORP}/providers/Microsoft.Compute/virtualMachines?{COMPUTE}"
    )
    assert len(vms) == 4


def test_an_initiate_denial_does_not_hide_the_policy(arm: ArmClient) -> None:
    policy = _policy(arm, "rg-plant-gwc", "germanywestcentral", "jit-edge", sub=SUB_PLANT)

    assert policy["properties"]["virtualMachines"][0]["ports"][0]["allowedSourceAddressPrefix"] == (
        "192.0.2.0/24"
    )


def test_an_open_request_expires_when_the_clock_passes_its_end(
    arm: ArmClient, clock: EmulatorClock
) -> None:
    before = _port_states(_policy(arm, "rg-prod-web", "westeurope", "default"), "vm-web-01", 22)
    clock.advance(timedelta(hours=1, minutes=39))
    still_open = _port_states(_policy(arm, "rg-prod-web", "westeurope", "default"), "vm-web-01", 22)
    clock.advance(timedelta(minutes=1))
    after = _port_states(_policy(arm, "rg-prod-web", "westeurope", "default"), "vm-web-01", 22)

    assert before == still_open == [(USER, "Initiated", "UserRequested")]
    assert after == [(USER, "Revoked", "Expired")]


def test_a_newer_request_for_the_same_port_supersedes_the_older(
    arm: ArmClient, clock: EmulatorClock
) -> None:
    states = _port_states(_policy(arm, "rg-prod-web", "westeurope", "default"), "vm-api-02", 3389)
    clock.set(NOW + timedelta(hours=4))
    later = _port_states(_policy(arm, "rg-prod-web", "westeurope", "default"), "vm-api-02", 3389)

    assert states == [
        (USER, "Revoked", "NewerRequestInitiated"),
        (USER, "Initiated", "UserRequested"),
    ]
    assert later == [(USER, "Revoked", "NewerRequestInitiated"), (USER, "Revoked", "Expired")]


def test_moving_the_clock_back_before_the_newer_request_reopens_the_older(
    arm: ArmClient, clock: EmulatorClock
) -> None:
    clock.set(NOW - timedelta(minutes=30))

    states = _port_states(_policy(arm, "rg-prod-web", "westeurope", "default"), "vm-api-02", 3389)

    assert states[0] == (USER, "Initiated", "UserRequested")


def test_history_mixes_people_and_keeps_justifications(arm: ArmClient) -> None:
    policy = _policy(arm, "rg-prod-web", "westeurope", "default")
    requests = policy["properties"]["requests"]

    assert {r["requestor"] for r in requests} == {USER, "priya.shah@contoso.example"}
    assert all(r["justification"] for r in requests)
    assert requests[0]["startTimeUtc"] == "2025-03-13T06:30:00.0000000Z"
    assert _port_states(policy, "vm-web-02", 22) == [
        ("priya.shah@contoso.example", "Revoked", "Expired")
    ]


def test_a_vm_behind_a_firewall_has_its_address_and_mapped_ports(arm: ArmClient) -> None:
    policy = _policy(arm, "rg-hub-weu", "westeurope", "default")
    machines = {vm["id"].rsplit("/", 1)[1]: vm for vm in policy["properties"]["virtualMachines"]}
    ops_ports = [
        port
        for request in policy["properties"]["requests"]
        for vm in request["virtualMachines"]
        if vm["id"].endswith("/vm-ops-01")
        for port in vm["ports"]
    ]

    assert machines["vm-ops-01"]["publicIpAddress"] == "127.20.1.40"
    assert "publicIpAddress" not in machines["jump-weu-01"]
    assert machines["jump-weu-01"]["ports"][0]["maxRequestAccessDuration"] == "P1D"
    assert [(p["number"], p["mappedPort"]) for p in ops_ports] == [(3389, 50001)]


def test_policy_rules_show_each_kind_of_source(arm: ArmClient) -> None:
    policy = _policy(arm, "rg-prod-web", "westeurope", "default")
    rules = {
        (vm["id"].rsplit("/", 1)[1], port["number"]): port
        for vm in policy["properties"]["virtualMachines"]
        for port in vm["ports"]
    }

    assert rules[("vm-web-01", 22)]["allowedSourceAddressPrefix"] == "*"
    assert rules[("vm-api-01", 3389)]["allowedSourceAddressPrefix"] == "10.0.0.0/8"
    assert rules[("vm-api-02", 5986)]["allowedSourceAddressPrefixes"] == [
        "198.51.100.0/24",
        "203.0.113.0/24",
    ]
    assert "allowedSourceAddressPrefix" not in rules[("vm-api-02", 5986)]
