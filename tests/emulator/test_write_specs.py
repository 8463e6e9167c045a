"""Write answers checked against Microsoft's swagger and examples (../shared/azure-specs)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from arm_testkit import (
    COMMON_TYPES,
    JIT,
    JIT_SWAGGER,
    ArmClient,
    SwaggerValidator,
    policy_path,
    vm_id,
)

from jitdesk.emulator import EmulatorClock

pytestmark = pytest.mark.specs

EXAMPLES = "security/Microsoft.Security/stable/2020-01-01/examples/JitNetworkAccessPolicies"
WEB = policy_path("rg-prod-web", "westeurope", "default")
HUB = policy_path("rg-hub-weu", "westeurope", "default")


def _example(azure_specs: Path, name: str) -> Any:
    return json.loads((azure_specs / EXAMPLES / name).read_text(encoding="utf-8"))


def test_microsofts_initiate_example_needs_open_enums(
    swagger: SwaggerValidator, azure_specs: Path
) -> None:
    answer = _example(azure_specs, "InitiateJitNetworkAccessPolicy_example.json")["responses"]

    body = answer["202"]["body"]

    assert swagger.errors(body, JIT_SWAGGER, "JitNetworkAccessRequest")
    assert swagger.errors(body, JIT_SWAGGER, "JitNetworkAccessRequest", open_enums=True) == []


@pytest.mark.parametrize(
    ("path", "vm", "port"),
    [
        (WEB, vm_id("rg-prod-web", "vm-web-02"), {"allowedSourceAddressPrefix": "203.0.113.7"}),
        (
            WEB,
            vm_id("rg-prod-web", "vm-api-02"),
            {"allowedSourceAddressPrefixes": ["203.0.113.0/24"]},
        ),
        (HUB, vm_id("rg-hub-weu", "vm-ops-01"), {}),
    ],
    ids=["one-source", "listed-sources", "firewall-mapped-port"],
)
def test_the_initiate_answer_validates_like_microsofts_example(
    arm: ArmClient,
    clock: EmulatorClock,
    swagger: SwaggerValidator,
    azure_specs: Path,
    path: str,
    vm: str,
    port: dict[str, Any],
) -> None:
    number = 3389 if "api" in vm or "ops" in vm else 22
    sent = {
        "virtualMachines": [{"id": vm, "ports": [{"number": number, "duration": "PT1H", **port}]}],
        "justification": "spec check",
    }
    example = _example(azure_specs, "InitiateJitNetworkAccessPolicy_example.json")

    answer = arm.send("POST", f"{path}/initiate?{JIT}", sent)
    initiating = arm.get(f"{path}?{JIT}").body
    clock.advance(timedelta(seconds=2))
    initiated = arm.get(f"{path}?{JIT}").body

    assert answer.status == 202, answer.body
    swagger.check(answer.body, JIT_SWAGGER, "JitNetworkAccessRequest", open_enums=True)
    reference = example["responses"]["202"]["body"]
    assert set(answer.body) == set(reference)
    opened = answer.body["virtualMachines"][0]["ports"][0]
    assert opened["status"] == reference["virtualMachines"][0]["ports"][0]["status"]
    # While the rules are being applied the history says Initiating too (open enum); after
    # that every status is one of the swagger's values.
    swagger.check(initiating, JIT_SWAGGER, "JitNetworkAccessPolicy", open_enums=True)
    swagger.check(initiated, JIT_SWAGGER, "JitNetworkAccessPolicy")


def test_the_put_answer_validates_and_has_the_examples_keys(
    arm: ArmClient, swagger: SwaggerValidator, azure_specs: Path
) -> None:
    example = _example(azure_specs, "CreateJitNetworkAccessPolicy_example.json")
    sent = example["parameters"]["body"]
    sent["properties"]["virtualMachines"][0]["id"] = vm_id("rg-prod-data", "vm-etl-01")
    path = policy_path("rg-prod-data", "westeurope", "default")

    answer = arm.send("PUT", f"{path}?{JIT}", sent)

    assert answer.status == 200, answer.body
    swagger.check(answer.body, JIT_SWAGGER, "JitNetworkAccessPolicy")
    reference = example["responses"]["200"]["body"]
    assert set(answer.body) == set(reference)
    assert set(answer.body["properties"]) == set(reference["properties"])
    assert answer.body["properties"]["virtualMachines"] == sent["properties"]["virtualMachines"]
    # The body's "requests" are Microsoft's history, not this policy's: the service keeps its own.
    assert answer.body["properties"]["requests"] == []


def test_write_errors_validate_as_cloud_error(arm: ArmClient, swagger: SwaggerValidator) -> None:
    answers = [
        arm.send("POST", f"{WEB}/initiate?{JIT}", {"virtualMachines": []}),
        arm.send("PUT", f"{WEB}?{JIT}", {"properties": {}}),
        arm.send("PUT", f"{WEB}?{JIT}", b"not json"),
    ]

    assert [a.status for a in answers] == [400, 400, 400]
    for answer in answers:
        swagger.check(answer.body, COMMON_TYPES, "CloudError")
