"""Answers checked against Microsoft's own API descriptions and examples (../shared/azure-specs).

JIT and ASC-location answers validate against the swagger definitions (strictly: no key the
swagger does not define). Resources, compute and network have only examples upstream, so their
answers are compared key by key with those examples.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from arm_testkit import (
    ARM,
    COMPUTE,
    JIT,
    JIT_SWAGGER,
    LOCATIONS_SWAGGER,
    NETWORK,
    SUB_PLANT,
    SUB_PROD,
    ArmClient,
    SwaggerValidator,
)

from jitdesk.emulator import Emulator

pytestmark = pytest.mark.specs

SUBSCRIPTION_SCOPED_JIT = [
    f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/jitNetworkAccessPolicies?{JIT}",
    f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/locations/westeurope/"
    f"jitNetworkAccessPolicies?{JIT}",
    f"/subscriptions/{SUB_PROD}/resourceGroups/rg-hub-weu/providers/Microsoft.Security/"
    f"jitNetworkAccessPolicies?{JIT}",
    f"/subscriptions/{SUB_PLANT}/resourceGroups/rg-plant-gwc/providers/Microsoft.Security/"
    f"locations/germanywestcentral/jitNetworkAccessPolicies?{JIT}",
]
EXAMPLES = "security/Microsoft.Security/stable/2020-01-01/examples/JitNetworkAccessPolicies"


def _ports(policy: dict[str, Any]) -> list[dict[str, Any]]:
    rules = [p for vm in policy["properties"]["virtualMachines"] for p in vm["ports"]]
    opened = [
        p
        for request in policy["properties"]["requests"]
        for vm in request["virtualMachines"]
        for p in vm["ports"]
    ]
    return rules + opened


@pytest.mark.parametrize("target", SUBSCRIPTION_SCOPED_JIT)
def test_jit_lists_validate_against_the_swagger(
    arm: ArmClient, emulator: Emulator, swagger: SwaggerValidator, target: str
) -> None:
    emulator.page_size = 1
    pages = arm.pages(target)

    assert pages[0].status == 200
    for page in pages:
        swagger.check(page.body, JIT_SWAGGER, "JitNetworkAccessPoliciesList")
    policies = [item for page in pages for item in page.body["value"]]
    assert policies
    for policy in policies:
        for port in _ports(policy):
            has_one = "allowedSourceAddressPrefix" in port
            has_many = "allowedSourceAddressPrefixes" in port
            assert has_one != has_many, port
            if "endTimeUtc" in port:
                assert datetime.fromisoformat(port["endTimeUtc"]).tzinfo is not None


def test_jit_get_validates_and_matches_the_example_shape(
    arm: ArmClient, swagger: SwaggerValidator, example: Any
) -> None:
    answer = arm.get(
        f"/subscriptions/{SUB_PROD}/resourceGroups/rg-prod-web/providers/Microsoft.Security/"
        f"locations/westeurope/jitNetworkAccessPolicies/default?{JIT}"
    )

    assert answer.status == 200
    swagger.check(answer.body, JIT_SWAGGER, "JitNetworkAccessPolicy")
    reference = example(f"{EXAMPLES}/GetJitNetworkAccessPolicy_example.json")
    assert set(answer.body) == set(reference)
    assert set(answer.body["properties"]) == set(reference["properties"])
    assert answer.body["type"] == reference["type"]


def test_error_bodies_validate_as_cloud_error(arm: ArmClient, swagger: SwaggerValidator) -> None:
    answer = arm.get(
        f"/subscriptions/{SUB_PROD}/resourceGroups/rg-prod-web/providers/Microsoft.Security/"
        f"locations/westeurope/jitNetworkAccessPolicies/nope?{JIT}"
    )

    assert answer.status == 404
    swagger.check(answer.body, "security/common/v1/types.json", "CloudError")


def test_locations_validate_against_the_swagger(
    arm: ArmClient, swagger: SwaggerValidator, example: Any
) -> None:
    listed = arm.get(
        f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/locations"
        "?api-version=2015-06-01-preview"
    )
    single = arm.get(
        f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/locations/westeurope"
        "?api-version=2015-06-01-preview"
    )

    assert listed.status == single.status == 200
    swagger.check(listed.body, "security/common/v1/types.json", "AscLocationList")
    swagger.check(single.body, "security/common/v1/types.json", "AscLocation")
    reference = example(
        "security/Microsoft.Security/preview/2015-06-01-preview/examples/Locations/"
        "GetLocation_example.json"
    )
    assert set(single.body) == set(reference)
    assert single.body["properties"] == {"homeRegionName": "westeurope"}
    assert LOCATIONS_SWAGGER  # the list definition lives in common types; the file names paths


def test_the_strict_validator_rejects_an_invented_key(swagger: SwaggerValidator) -> None:
    body = {
        "id": "x",
        "name": "default",
        "type": "Microsoft.Security/locations/jitNetworkAccessPolicies",
        "kind": "Basic",
        "location": "westeurope",
        "properties": {"virtualMachines": [], "requests": [], "provisioningState": "Succeeded"},
    }
    assert swagger.errors(body, JIT_SWAGGER, "JitNetworkAccessPolicy") == []

    body["properties"]["virtualMachines"] = [{"id": "vm", "ports": [], "publicIPAddress": "1"}]

    assert swagger.errors(body, JIT_SWAGGER, "JitNetworkAccessPolicy")


def _shape_problems(actual: Any, reference: Any, path: str, extra: set[str]) -> list[str]:
    """Keys of ``actual`` missing from Microsoft's example (unless listed in ``extra``) and
    values whose JSON type differs from the example's."""
    kinds = {bool: "bool", int: "number", float: "number", str: "string", list: "list"}
    if path.endswith("tags"):
        free_form = isinstance(actual, dict) and all(isinstance(v, str) for v in actual.values())
        return [] if free_form else [f"{path}: tags must map names to strings"]
    if isinstance(reference, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object"]
        problems = []
        for key, value in actual.items():
            where = f"{path}.{key}" if path else key
            if key in reference:
                problems += _shape_problems(value, reference[key], where, extra)
            elif where not in extra:
                problems.append(f"{where}: not in Microsoft's example")
        return problems
    if isinstance(reference, list):
        if not isinstance(actual, list):
            return [f"{path}: expected a list"]
        if not reference:
            return []
        return [
            p for item in actual for p in _shape_problems(item, reference[0], f"{path}[]", extra)
        ]
    if reference is not None and kinds.get(type(actual), "object") != kinds.get(type(reference)):
        return [f"{path}: {type(actual).__name__} where the example has {type(reference).__name__}"]
    return []


def test_tenants_and_subscriptions_look_like_the_examples(arm: ArmClient, example: Any) -> None:
    tenants = arm.get(f"/tenants?{ARM}")
    subscriptions = arm.get(f"/subscriptions?{ARM}")
    tenant_example = example(
        "resources/Microsoft.Resources/stable/2022-12-01/examples/GetTenants.json"
    )
    sub_example = example(
        "resources/Microsoft.Resources/stable/2022-12-01/examples/GetSubscriptions.json"
    )

    assert _shape_problems(tenants.body, tenant_example, "", set()) == []
    assert _shape_problems(subscriptions.body, sub_example, "", set()) == []
    required = set(sub_example["value"][0]) - {"tags"}
    assert all(required <= set(item) for item in subscriptions.body["value"])
    tenant_required = set(tenant_example["value"][0])
    assert all(tenant_required <= set(item) for item in tenants.body["value"])


def test_network_answers_look_like_the_examples(arm: ArmClient, example: Any) -> None:
    nics = arm.items(
        f"/subscriptions/{SUB_PROD}/providers/Microsoft.Network/networkInterfaces?{NETWORK}"
    )
    pips = arm.items(
        f"/subscriptions/{SUB_PROD}/providers/Microsoft.Network/publicIPAddresses?{NETWORK}"
    )
    nic_example = example(
        "network/Microsoft.Network/stable/2024-05-01/examples/NetworkInterfaceGet.json"
    )
    pip_example = example(
        "network/Microsoft.Network/stable/2024-10-01/examples/PublicIpAddressGet.json"
    )
    nic_extra = {
        "etag",
        "properties.resourceGuid",
        "properties.nicType",
        "properties.ipConfigurations[].etag",
        "properties.ipConfigurations[].type",
    }
    pip_extra = {"etag", "sku", "properties.resourceGuid", "properties.ipAddress"}

    assert nics and pips
    for nic in nics:
        assert _shape_problems(nic, nic_example, "", nic_extra) == []
    for pip in pips:
        assert _shape_problems(pip, pip_example, "", pip_extra) == []


def test_vm_answers_look_like_the_examples(arm: ArmClient, example: Any) -> None:
    full = arm.items(
        f"/subscriptions/{SUB_PROD}/providers/Microsoft.Compute/virtualMachines?{COMPUTE}"
    )
    status = arm.items(
        f"/subscriptions/{SUB_PROD}/providers/Microsoft.Compute/virtualMachines"
        f"?{COMPUTE}&statusOnly=true"
    )
    minimal = example(
        "compute/Microsoft.Compute/ComputeRP/stable/2025-04-01/examples/virtualMachineExamples/"
        "VirtualMachine_ListAll_MinimumSet_Gen.json"
    )
    instance_view = example(
        "compute/Microsoft.Compute/stable/2021-03-01/examples/GetVirtualMachineInstanceView.json"
    )

    assert all(set(minimal["value"][0]) <= set(vm) for vm in full + status)
    for vm in status:
        statuses = vm["properties"]["instanceView"]["statuses"]
        assert _shape_problems(statuses, instance_view["statuses"], "statuses", set()) == []
        assert [s["code"].split("/")[0] for s in statuses] == ["ProvisioningState", "PowerState"]
