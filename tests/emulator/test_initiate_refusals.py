"""JIT initiate refusals: one per rule, each with its code and message, none changing history."""

from __future__ import annotations

from typing import Any

import pytest
from arm_testkit import JIT, SUB_PLANT, SUB_PROD, USER, ArmClient, policy_path, vm_id

WEB = policy_path("rg-prod-web", "westeurope", "default")
SQL = policy_path("rg-prod-data", "westeurope", "sql-servers")
WEB_01 = vm_id("rg-prod-web", "vm-web-01")
SOURCE = {"allowedSourceAddressPrefix": "203.0.113.7"}


def one(vm: str, **port: Any) -> dict[str, Any]:
    return {"virtualMachines": [{"id": vm, "ports": [port]}]}


REFUSALS = [
    pytest.param(WEB, b"{not json", "InvalidInitiateInput", "not valid JSON", id="not-json"),
    pytest.param(
        WEB, {"justification": "x"}, "InvalidInitiateInput", "'virtualMachines'", id="no-vms"
    ),
    pytest.param(
        WEB,
        one(vm_id("rg-prod-web", "vm-nope"), number=22, duration="PT1H"),
        "VmNotInPolicy",
        f"Virtual machine '{vm_id('rg-prod-web', 'vm-nope')}' is not part of just-in-time "
        "network access policy 'default'.",
        id="vm-not-in-policy",
    ),
    pytest.param(
        WEB,
        one(WEB_01, number=8080, duration="PT1H", **SOURCE),
        "PortNotInPolicy",
        "Port 8080 of virtual machine 'vm-web-01' is not configured in just-in-time network "
        "access policy 'default'. Ports the policy allows: 22.",
        id="port-not-in-policy",
    ),
    pytest.param(
        WEB,
        one(WEB_01, number=22, **SOURCE),
        "InvalidInitiateInput",
        "Only one of fields 'EndTimeUtc' and 'Duration' can be set. "
        "'virtualMachines[0].ports[0]' has neither.",
        id="neither-end-nor-duration",
    ),
    pytest.param(
        WEB,
        one(WEB_01, number=22, duration="PT1H", endTimeUtc="2025-03-14T10:00:00Z"),
        "InvalidInitiateInput",
        "Only one of fields 'EndTimeUtc' and 'Duration' can be set. "
        "'virtualMachines[0].ports[0]' has both.",
        id="both-end-and-duration",
    ),
    pytest.param(
        WEB,
        one(
            WEB_01,
            number=22,
            duration="PT1H",
            allowedSourceAddressPrefix="203.0.113.7",
            allowedSourceAddressPrefixes=["203.0.113.7"],
        ),
        "InvalidInitiateInput",
        "Only one of fields 'allowedSourceAddressPrefix' and 'allowedSourceAddressPrefixes' can "
        "be set. 'virtualMachines[0].ports[0]' has both.",
        id="both-source-fields",
    ),
    pytest.param(
        WEB,
        one(WEB_01, number=22, duration="ninety minutes", **SOURCE),
        "InvalidInitiateInput",
        "'virtualMachines[0].ports[0].duration': 'ninety minutes' is not an ISO 8601 duration",
        id="unreadable-duration",
    ),
    pytest.param(
        WEB,
        one(WEB_01, number=22, duration="PT3H1M", **SOURCE),
        "RequestedDurationTooLong",
        "The requested access time PT3H1M for port 22 of virtual machine 'vm-web-01' is longer "
        "than the policy allows: maxRequestAccessDuration is PT3H.",
        id="duration-too-long",
    ),
    pytest.param(
        WEB,
        one(WEB_01, number=22, endTimeUtc="2025-03-14T12:31:00Z", **SOURCE),
        "RequestedDurationTooLong",
        "The requested access time PT3H1M for port 22",
        id="end-too-late",
    ),
    pytest.param(
        WEB,
        one(WEB_01, number=22, endTimeUtc="2025-03-14T09:00:00Z", **SOURCE),
        "EndTimeInPast",
        "endTimeUtc 2025-03-14T09:00:00.0000000Z for port 22 of virtual machine 'vm-web-01' is "
        "not in the future (the time now is 2025-03-14T09:30:00.0000000Z).",
        id="end-in-the-past",
    ),
    pytest.param(
        SQL,
        one(vm_id("rg-prod-data", "sql-prod-01"), number=3389, duration="PT1H", **SOURCE),
        "InvalidSourceAddress",
        "Requested source address prefix '203.0.113.7' is not a subset of policy's allowed "
        "source address prefixes '203.0.113.0/24'.",
        id="address-inside-an-allowed-cidr",
    ),
    pytest.param(
        SQL,
        one(
            vm_id("rg-prod-data", "sql-prod-01"),
            number=1433,
            duration="PT1H",
            allowedSourceAddressPrefixes=["198.51.100.14", "198.51.100.0/24"],
        ),
        "InvalidSourceAddress",
        "Requested source address prefix '198.51.100.0/24' is not a subset of policy's allowed "
        "source address prefixes '203.0.113.0/24, 198.51.100.14'.",
        id="one-of-several-sources-not-allowed",
    ),
    pytest.param(
        SQL,
        one(vm_id("rg-prod-data", "sql-prod-01"), number=3389, duration="PT1H"),
        "InvalidSourceAddress",
        "Requested source address prefix '127.0.0.1' (no source was given, so the request is "
        "for the address it came from) is not a subset of policy's allowed source address "
        "prefixes '203.0.113.0/24'.",
        id="callers-address-not-allowed",
    ),
    pytest.param(
        SQL,
        one(
            vm_id("rg-prod-data", "sql-prod-01"),
            number=3389,
            duration="PT1H",
            allowedSourceAddressPrefix="*",
        ),
        "InvalidSourceAddress",
        "Requested source address prefix '*' is not a subset",
        id="any-source-on-a-restricted-port",
    ),
    pytest.param(
        WEB,
        one(WEB_01, number=22, duration="PT1H", allowedSourceAddressPrefix="my-laptop"),
        "InvalidSourceAddress",
        "Requested source address prefix 'my-laptop' is not '*', an IP address or a CIDR range.",
        id="not-an-address",
    ),
]


@pytest.mark.parametrize(("path", "body", "code", "message"), REFUSALS)
def test_initiate_refusals(arm: ArmClient, path: str, body: Any, code: str, message: str) -> None:
    before = arm.get(f"{path}?{JIT}").body["properties"]["requests"]

    answer = arm.send("POST", f"{path}/initiate?{JIT}", body)

    assert (answer.status, answer.error_code) == (400, code), answer.body
    assert message in answer.body["error"]["message"]
    assert "retry-after" not in answer.headers
    assert answer.headers["x-ms-ratelimit-remaining-subscription-writes"].isdigit()
    assert arm.get(f"{path}?{JIT}").body["properties"]["requests"] == before


def test_the_checks_run_in_the_documented_order(arm: ArmClient) -> None:
    port_and_time = one(WEB_01, number=8080, duration="P1D", allowedSourceAddressPrefix="x")
    time_and_source = one(WEB_01, number=22, duration="P1D", allowedSourceAddressPrefix="x")
    vm_and_port = {
        "virtualMachines": [
            {"id": WEB_01, "ports": [{"number": 8080, "duration": "PT1H"}]},
            {"id": vm_id("rg-prod-web", "vm-nope"), "ports": [{"number": 22, "duration": "PT1H"}]},
        ]
    }

    codes = [
        arm.send("POST", f"{WEB}/initiate?{JIT}", body).error_code
        for body in (port_and_time, time_and_source, vm_and_port)
    ]

    assert codes == ["PortNotInPolicy", "RequestedDurationTooLong", "VmNotInPolicy"]


def test_an_unknown_policy_is_404_but_a_malformed_body_is_400_first(arm: ArmClient) -> None:
    missing = policy_path("rg-prod-data", "westeurope", "default")
    vm = vm_id("rg-prod-data", "vm-etl-01")

    not_found = arm.send("POST", f"{missing}/initiate?{JIT}", one(vm, number=22, duration="PT1H"))
    malformed = arm.send("POST", f"{missing}/initiate?{JIT}", one(vm, number=22))

    assert (not_found.status, not_found.error_code) == (404, "PolicyNotFound")
    assert "'default'" in not_found.body["error"]["message"]
    assert (malformed.status, malformed.error_code) == (400, "InvalidInitiateInput")


def test_the_seeded_initiate_denial_answers_403(arm: ArmClient) -> None:
    path = policy_path("rg-plant-gwc", "germanywestcentral", "jit-edge", sub=SUB_PLANT)
    body = one(
        vm_id("rg-plant-gwc", "edge-gw-01", sub=SUB_PLANT),
        number=22,
        duration="PT1H",
        allowedSourceAddressPrefix="192.0.2.0/24",
    )

    answer = arm.send("POST", f"{path}/initiate?{JIT}", body)

    assert (answer.status, answer.error_code) == (403, "AuthorizationFailed")
    message = answer.body["error"]["message"]
    assert message.startswith(f"The client '{USER}' with object id '")
    assert (
        "does not have authorization to perform action "
        "'Microsoft.Security/locations/jitNetworkAccessPolicies/initiate/action' over scope "
        f"'{path}' or the scope is invalid."
    ) in message
    assert "retry-after" not in answer.headers
    assert len(answer.headers["x-ms-request-id"]) == 36


def test_an_unknown_resource_group_or_subscription_is_404(arm: ArmClient) -> None:
    body = one(WEB_01, number=22, duration="PT1H")
    group = policy_path("rg-missing", "westeurope", "default")
    sub = policy_path("rg-prod-web", "westeurope", "default", sub=SUB_PROD[:-4] + "0000")

    answers = [arm.send("POST", f"{path}/initiate?{JIT}", body) for path in (group, sub)]

    assert [(a.status, a.error_code) for a in answers] == [
        (404, "ResourceGroupNotFound"),
        (404, "SubscriptionNotFound"),
    ]
