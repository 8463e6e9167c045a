"""JIT policy PUT (create or replace) and DELETE: answers, history kept, every refusal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from arm_testkit import (
    JIT,
    SUB_DEV,
    SUB_PROD,
    USER,
    ArmClient,
    demo_data,
    deny,
    policy_path,
    vm_id,
)

from jitdesk.emulator import Emulator, EmulatorClock

WEB = policy_path("rg-prod-web", "westeurope", "default")
DATA = policy_path("rg-prod-data", "westeurope", "default")
SSH = {"number": 22, "protocol": "TCP", "allowedSourceAddressPrefix": "*"}


def rule(**changes: Any) -> dict[str, Any]:
    return {**SSH, "maxRequestAccessDuration": "PT3H", **changes}


def body(*vms: tuple[str, str], **port: Any) -> dict[str, Any]:
    """A policy body as the SDK sends it (no location): each VM with one rule."""
    return {
        "kind": "Basic",
        "properties": {
            "virtualMachines": [{"id": vm_id(g, name), "ports": [rule(**port)]} for g, name in vms]
        },
    }


def test_put_replaces_the_vm_list_and_keeps_the_history(arm: ArmClient) -> None:
    history = arm.get(f"{WEB}?{JIT}").body["properties"]["requests"]

    answer = arm.send(
        "PUT",
        f"{WEB}?{JIT}",
        body(("rg-prod-web", "vm-web-01"), maxRequestAccessDuration="PT1H"),
    )
    stored = arm.get(f"{WEB}?{JIT}").body
    dropped = arm.send(
        "POST",
        f"{WEB}/initiate?{JIT}",
        {
            "virtualMachines": [
                {
                    "id": vm_id("rg-prod-web", "vm-web-02"),
                    "ports": [{"number": 22, "duration": "PT1H"}],
                }
            ]
        },
    )

    assert answer.status == 200
    assert answer.body == stored
    assert [vm["id"] for vm in stored["properties"]["virtualMachines"]] == [
        vm_id("rg-prod-web", "vm-web-01")
    ]
    assert stored["properties"]["virtualMachines"][0]["ports"] == [
        rule(maxRequestAccessDuration="PT1H")
    ]
    assert stored["properties"]["requests"] == history
    assert (stored["name"], stored["location"], stored["kind"]) == (
        "default",
        "westeurope",
        "Basic",
    )
    assert stored["properties"]["provisioningState"] == "Succeeded"
    assert answer.headers["x-ms-ratelimit-remaining-subscription-writes"].isdigit()
    assert dropped.error_code == "VmNotInPolicy"


def test_put_creates_a_policy_where_there_was_none(arm: ArmClient) -> None:
    sent = body(("rg-prod-data", "vm-etl-01"))
    del sent["kind"]
    before = arm.get(f"{DATA}?{JIT}")

    answer = arm.send("PUT", f"{DATA.replace('westeurope', 'WestEurope')}?{JIT}", sent)
    listed = arm.items(
        f"/subscriptions/{SUB_PROD}/resourceGroups/rg-prod-data/providers/Microsoft.Security/"
        f"jitNetworkAccessPolicies?{JIT}"
    )

    assert before.status == 404
    assert answer.status == 200
    assert answer.body == {
        "id": DATA,
        "name": "default",
        "type": "Microsoft.Security/locations/jitNetworkAccessPolicies",
        "kind": "Basic",
        "location": "westeurope",
        "properties": {
            "virtualMachines": [{"id": vm_id("rg-prod-data", "vm-etl-01"), "ports": [rule()]}],
            "requests": [],
            "provisioningState": "Succeeded",
        },
    }
    assert sorted(p["name"] for p in listed) == ["default", "sql-servers"]


def test_a_firewall_address_is_kept_when_the_body_leaves_it_out(arm: ArmClient) -> None:
    hub = policy_path("rg-hub-weu", "westeurope", "default")
    sent = body(("rg-hub-weu", "vm-ops-01"), number=3389)

    machines = arm.send("PUT", f"{hub}?{JIT}", sent).body["properties"]["virtualMachines"]

    assert machines[0]["publicIpAddress"] == "127.20.1.40"


def test_a_new_policy_can_be_initiated_at_once(arm: ArmClient) -> None:
    sent = body(("rg-prod-data", "vm-etl-01"), allowedSourceAddressPrefix="127.0.0.1")
    arm.send("PUT", f"{DATA}?{JIT}", sent)

    answer = arm.send(
        "POST",
        f"{DATA}/initiate?{JIT}",
        {
            "virtualMachines": [
                {
                    "id": vm_id("rg-prod-data", "vm-etl-01"),
                    "ports": [{"number": 22, "duration": "PT1H"}],
                }
            ]
        },
    )

    assert answer.status == 202, answer.body
    assert answer.body["virtualMachines"][0]["ports"][0]["allowedSourceAddressPrefix"] == (
        "127.0.0.1"
    )


LONG_NAME = "a-custom-policy-name-that-is-long-enough-to-fail"  # 48 + len("vm-etl-01") = 57

REFUSALS = [
    pytest.param(DATA, b"{oops", "InvalidRequestContent", "not valid JSON", id="not-json"),
    pytest.param(
        DATA, {"kind": "Basic"}, "InvalidJitPolicy", "'properties.virtualMachines'", id="no-vms"
    ),
    pytest.param(
        DATA,
        {"properties": {"virtualMachines": [{"id": vm_id("rg-prod-data", "vm-etl-01")}]}},
        "InvalidJitPolicy",
        "'properties.virtualMachines[0].ports' must list at least one port rule.",
        id="no-ports",
    ),
    pytest.param(
        DATA,
        body(("rg-prod-data", "vm-etl-01"), number=70000),
        "InvalidPortNumber",
        "'properties.virtualMachines[0].ports[0].number' must be a port number from 0 to 65535, "
        "got 70000.",
        id="port-out-of-range",
    ),
    pytest.param(
        DATA,
        body(("rg-prod-data", "vm-etl-01"), protocol="ICMP"),
        "InvalidProtocol",
        "'properties.virtualMachines[0].ports[0].protocol' must be one of TCP, UDP, *; got 'ICMP'.",
        id="bad-protocol",
    ),
    pytest.param(
        DATA,
        body(("rg-prod-data", "vm-etl-01"), allowedSourceAddressPrefixes=["10.0.0.0/8"]),
        "InvalidSourceAddressPrefix",
        "must set exactly one of 'allowedSourceAddressPrefix' and "
        "'allowedSourceAddressPrefixes'; it sets both.",
        id="both-source-fields",
    ),
    pytest.param(
        DATA,
        body(("rg-prod-data", "vm-etl-01"), allowedSourceAddressPrefix=None),
        "InvalidSourceAddressPrefix",
        "it sets neither.",
        id="no-source-field",
    ),
    pytest.param(
        DATA,
        body(("rg-prod-data", "vm-etl-01"), allowedSourceAddressPrefix="office"),
        "InvalidSourceAddressPrefix",
        "'office' is not '*', an IP address or a CIDR range.",
        id="malformed-source",
    ),
    pytest.param(
        DATA,
        body(("rg-prod-data", "vm-etl-01"), maxRequestAccessDuration="PT4M"),
        "InvalidMaxRequestAccessDuration",
        "must be an ISO 8601 duration from PT5M to P1D; got 'PT4M'.",
        id="max-below-five-minutes",
    ),
    pytest.param(
        DATA,
        body(("rg-prod-data", "vm-etl-01"), maxRequestAccessDuration="PT25H"),
        "InvalidMaxRequestAccessDuration",
        "got 'PT25H'.",
        id="max-above-one-day",
    ),
    pytest.param(
        DATA,
        body(("rg-prod-web", "vm-web-01")),
        "VmOutsidePolicyScope",
        f"Virtual machine '{vm_id('rg-prod-web', 'vm-web-01')}' is in resource group "
        "'rg-prod-web' of subscription",
        id="vm-of-another-group",
    ),
    pytest.param(
        DATA,
        {
            "properties": {
                "virtualMachines": [
                    {"id": vm_id("rg-prod-data", "vm-etl-01", sub=SUB_DEV), "ports": [rule()]}
                ]
            }
        },
        "VmOutsidePolicyScope",
        f"of subscription '{SUB_DEV}'",
        id="vm-of-another-subscription",
    ),
    pytest.param(
        policy_path("rg-prod-data", "northeurope", "default"),
        body(("rg-prod-data", "vm-etl-01")),
        "VmOutsidePolicyScope",
        "Virtual machine 'vm-etl-01' is in region 'westeurope', but the policy is in 'northeurope'",
        id="vm-of-another-region",
    ),
    pytest.param(
        DATA,
        body(("rg-prod-data", "vm-etl-99")),
        "VirtualMachineNotFound",
        "Virtual machine 'vm-etl-99' was not found in resource group 'rg-prod-data'",
        id="vm-does-not-exist",
    ),
    pytest.param(
        policy_path("rg-ops-neu", "northeurope", "default"),
        {
            "properties": {
                "virtualMachines": [
                    {
                        "id": (
                            f"/subscriptions/{SUB_PROD}/resourceGroups/rg-ops-neu/providers/"
                            "Microsoft.ClassicCompute/virtualMachines/legacy-erp-01"
                        ),
                        "ports": [rule()],
                    }
                ]
            }
        },
        "InvalidJitPolicy",
        "is a classic virtual machine; just-in-time VM access supports only Azure Resource "
        "Manager VMs",
        id="classic-vm",
    ),
    pytest.param(
        policy_path("rg-prod-data", "westeurope", LONG_NAME),
        body(("rg-prod-data", "vm-etl-01")),
        "PolicyNameTooLong",
        f"The policy name '{LONG_NAME}' and the VM name 'vm-etl-01' have 57 characters "
        "together; a custom policy name and a VM name may have at most 56.",
        id="names-over-56-characters",
    ),
    pytest.param(
        DATA,
        body(("rg-prod-data", "sql-prod-01")),
        "VmInAnotherPolicy",
        "Virtual machine 'sql-prod-01' is already in just-in-time network access policy "
        f"'{policy_path('rg-prod-data', 'westeurope', 'sql-servers')}'",
        id="vm-already-in-another-policy",
    ),
    pytest.param(
        DATA,
        body(("rg-prod-data", "vm-etl-01"), ("rg-prod-data", "VM-ETL-01")),
        "InvalidJitPolicy",
        "appears twice",
        id="same-vm-twice",
    ),
]


@pytest.mark.parametrize(("path", "sent", "code", "message"), REFUSALS)
def test_put_refusals(arm: ArmClient, path: str, sent: Any, code: str, message: str) -> None:
    before = arm.items(
        f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/jitNetworkAccessPolicies?{JIT}"
    )

    answer = arm.send("PUT", f"{path}?{JIT}", sent)

    assert (answer.status, answer.error_code) == (400, code), answer.body
    assert message in answer.body["error"]["message"]
    assert "retry-after" not in answer.headers
    after = arm.items(
        f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/jitNetworkAccessPolicies?{JIT}"
    )
    assert after == before


def test_only_a_custom_policy_name_counts_towards_56_characters(clock: EmulatorClock) -> None:
    long_vm = "vm-with-a-long-name-for-the-policy-name-rule-00001"
    data = demo_data()
    group = data["tenants"][0]["subscriptions"][0]["resource_groups"][1]
    group["vms"].append(
        {"name": long_vm, "os": "Linux", "private_ip": "10.10.3.20", "subnet": "snet-data"}
    )
    sent = body(("rg-prod-data", long_vm))
    six, seven = (policy_path("rg-prod-data", "westeurope", n) for n in ("jit-56", "jit-057"))
    with Emulator(data, clock=clock) as emu:
        client = ArmClient(emu)
        fits = client.send("PUT", f"{six}?{JIT}", sent)
        too_long = client.send("PUT", f"{seven}?{JIT}", sent)
        client.request("DELETE", f"{six}?{JIT}")
        default = client.send("PUT", f"{DATA}?{JIT}", sent)
        client.close()

    assert (group["name"], len(long_vm)) == ("rg-prod-data", 50)
    assert fits.status == 200, fits.body
    assert (too_long.status, too_long.error_code) == (400, "PolicyNameTooLong")
    assert "have 57 characters together" in too_long.body["error"]["message"]
    assert default.status == 200, default.body


def test_delete_answers_200_then_204(arm: ArmClient) -> None:
    hub = policy_path("rg-hub-weu", "westeurope", "default")

    first = arm.request("DELETE", f"{hub}?{JIT}")
    gone = arm.get(f"{hub}?{JIT}")
    second = arm.request("DELETE", f"{hub}?{JIT}")

    assert (first.status, first.body) == (200, None)
    assert gone.status == 404
    assert (second.status, second.body) == (204, None)
    assert first.headers["x-ms-ratelimit-remaining-subscription-writes"].isdigit()
    assert first.headers["x-ms-ratelimit-remaining-subscription-deletes"].isdigit()
    assert len(second.headers["x-ms-request-id"]) == 36


def test_a_deleted_vm_can_join_another_policy(arm: ArmClient) -> None:
    arm.request("DELETE", f"{policy_path('rg-prod-data', 'westeurope', 'sql-servers')}?{JIT}")

    answer = arm.send("PUT", f"{DATA}?{JIT}", body(("rg-prod-data", "sql-prod-01")))

    assert answer.status == 200


def test_jit_needs_defender_for_servers_plan_2(arm: ArmClient) -> None:
    path = policy_path("rg-dev-apps", "northeurope", "default", sub=SUB_DEV)
    sent = {
        "properties": {
            "virtualMachines": [
                {"id": vm_id("rg-dev-apps", "vm-dev-01", sub=SUB_DEV), "ports": [rule()]}
            ]
        }
    }

    answer = arm.send("PUT", f"{path}?{JIT}", sent)

    assert (answer.status, answer.error_code) == (409, "DefenderForServersPlan2Required")
    assert "requires Microsoft Defender for Servers Plan 2" in answer.body["error"]["message"]
    assert "'Contoso Development'" in answer.body["error"]["message"]
    assert arm.get(f"{path}?{JIT}").status == 404


@pytest.fixture
def denied(clock: EmulatorClock) -> Iterator[ArmClient]:
    """The demo with JIT write and delete denied in rg-prod-web."""
    data = demo_data()
    for action in ("write", "delete"):
        deny(
            data,
            SUB_PROD,
            f"Microsoft.Security/locations/jitNetworkAccessPolicies/{action}",
            "rg-prod-web",
        )
    with Emulator(data, clock=clock) as emu:
        client = ArmClient(emu)
        yield client
        client.close()


def test_write_and_delete_denials_answer_403(denied: ArmClient) -> None:
    put = denied.send("PUT", f"{WEB}?{JIT}", body(("rg-prod-web", "vm-web-01")))
    delete = denied.request("DELETE", f"{WEB}?{JIT}")
    elsewhere = denied.send("PUT", f"{DATA}?{JIT}", body(("rg-prod-data", "vm-etl-01")))

    for answer, action in ((put, "write"), (delete, "delete")):
        assert (answer.status, answer.error_code) == (403, "AuthorizationFailed")
        assert answer.body["error"]["message"].startswith(f"The client '{USER}' with object id")
        assert (
            f"perform action 'Microsoft.Security/locations/jitNetworkAccessPolicies/{action}' "
            f"over scope '{WEB}'"
        ) in answer.body["error"]["message"]
        assert "retry-after" not in answer.headers
    assert (
        denied.get(f"{WEB}?{JIT}")
        .body["properties"]["virtualMachines"][1]["id"]
        .endswith("/vm-web-02")
    )
    assert elsewhere.status == 200
