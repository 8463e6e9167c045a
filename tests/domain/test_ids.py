"""Resource ids: parsing, the parts jitdesk reads from them, and case-insensitive identity."""

from __future__ import annotations

import dataclasses

import pytest

from jitdesk.domain.errors import InvalidResourceId
from jitdesk.domain.ids import ResourceId, id_key, same_resource

SUB = "20ff7fc3-e762-44dd-bd96-b71116dcdc23"
VM_ID = f"/subscriptions/{SUB}/resourceGroups/myRg1/providers/Microsoft.Compute/virtualMachines/vm1"
POLICY_ID = (
    f"/subscriptions/{SUB}/resourceGroups/myRg1/providers/Microsoft.Security"
    "/locations/westeurope/jitNetworkAccessPolicies/default"
)


# --- parsing ------------------------------------------------------------------------------------


def test_vm_id_parts() -> None:
    vm = ResourceId.parse(VM_ID)

    assert vm.subscription_id == SUB
    assert vm.resource_group == "myRg1"
    assert vm.namespace == "Microsoft.Compute"
    assert vm.types == ("virtualMachines",)
    assert vm.names == ("vm1",)
    assert vm.name == "vm1"
    assert vm.resource_type == "Microsoft.Compute/virtualMachines"
    assert str(vm) == VM_ID
    assert vm.text == VM_ID


def test_policy_id_parts() -> None:
    policy = ResourceId.parse(POLICY_ID)

    assert policy.subscription_id == SUB
    assert policy.resource_group == "myRg1"
    assert policy.namespace == "Microsoft.Security"
    assert policy.types == ("locations", "jitNetworkAccessPolicies")
    assert policy.names == ("westeurope", "default")
    assert policy.name == "default"
    assert policy.resource_type == "Microsoft.Security/locations/jitNetworkAccessPolicies"


def test_name_of_finds_the_name_after_a_segment_type_whatever_its_case() -> None:
    policy = ResourceId.parse(POLICY_ID)

    assert policy.name_of("locations") == "westeurope"
    assert policy.name_of("LOCATIONS") == "westeurope"
    assert policy.name_of("jitnetworkaccesspolicies") == "default"
    assert policy.name_of("virtualMachines") is None
    assert policy.name_of("resourceGroups") is None  # the scope is not a typed segment


def test_is_type_ignores_case() -> None:
    vm = ResourceId.parse(VM_ID)

    assert vm.is_type("microsoft.compute/VIRTUALMACHINES")
    assert not vm.is_type("Microsoft.Compute/virtualMachineScaleSets")
    assert not vm.is_type("Microsoft.Compute")


def test_policy_id_without_resource_group() -> None:
    text = f"/subscriptions/{SUB}/providers/Microsoft.Security/locations/westeurope"

    parsed = ResourceId.parse(text)

    assert parsed.resource_group is None
    assert parsed.namespace == "Microsoft.Security"
    assert parsed.name == "westeurope"
    assert parsed.resource_type == "Microsoft.Security/locations"


def test_nested_resource_type_joins_every_type() -> None:
    subnet = ResourceId.parse(
        f"/subscriptions/{SUB}/resourceGroups/rg1/providers/Microsoft.Network"
        "/virtualNetworks/rg1-vnet/subnets/default"
    )

    assert subnet.resource_type == "Microsoft.Network/virtualNetworks/subnets"
    assert subnet.name == "default"
    assert subnet.name_of("virtualNetworks") == "rg1-vnet"


def test_subscription_scope() -> None:
    scope = ResourceId.parse(f"/subscriptions/{SUB}")

    assert scope.subscription_id == SUB
    assert scope.resource_group is None
    assert scope.namespace is None
    assert scope.types == ()
    assert scope.names == ()
    assert scope.name == SUB
    assert scope.resource_type == ""
    assert scope.name_of("locations") is None


def test_resource_group_scope() -> None:
    scope = ResourceId.parse(f"/subscriptions/{SUB}/resourceGroups/RG-WEB")

    assert scope.resource_group == "RG-WEB"
    assert scope.name == "RG-WEB"
    assert scope.resource_type == ""


def test_resource_group_segment_is_recognised_in_any_case() -> None:
    parsed = ResourceId.parse(
        f"/subscriptions/{SUB}/resourcegroups/rg-web/providers/Microsoft.Compute/virtualMachines/a"
    )

    assert parsed.resource_group == "rg-web"
    assert parsed.resource_type == "Microsoft.Compute/virtualMachines"


@pytest.mark.parametrize(
    "text",
    [VM_ID + "/", "  " + VM_ID + "  ", VM_ID[1:], VM_ID + "//"],
    ids=["trailing-slash", "whitespace", "no-leading-slash", "double-trailing-slash"],
)
def test_slashes_and_whitespace_around_an_id_do_not_matter(text: str) -> None:
    parsed = ResourceId.parse(text)

    assert parsed.name == "vm1"
    assert parsed.resource_type == "Microsoft.Compute/virtualMachines"
    assert parsed == ResourceId.parse(VM_ID)
    assert hash(parsed) == hash(ResourceId.parse(VM_ID))


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "does not start with /subscriptions/{id}"),
        ("   ", "does not start with /subscriptions/{id}"),
        ("/", "does not start with /subscriptions/{id}"),
        ("vm1", "does not start with /subscriptions/{id}"),
        ("/subscriptions", "does not start with /subscriptions/{id}"),
        ("/subscriptions/", "does not start with /subscriptions/{id}"),
        ("/tenants/83abe5cd-bcc3-441a-bd86-e6a75360cecc", "does not start with"),
        ("/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", "does not start"),
        (f"/subscriptions/{SUB}/resourceGroups", "the resource group name is missing"),
        (f"/subscriptions/{SUB}/resourceGroups/", "the resource group name is missing"),
        (f"/subscriptions/{SUB}/resourceGroups/rg/providers", "expected /providers/{namespace}"),
        (
            f"/subscriptions/{SUB}/resourceGroups/rg/Microsoft.Compute/virtualMachines/vm1",
            "expected /providers/{namespace}",
        ),
        (f"/subscriptions/{SUB}/locations/westeurope", "expected /providers/{namespace}"),
        (
            f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines",
            "a resource type has no name",
        ),
        (
            f"/subscriptions/{SUB}/providers/Microsoft.Security/locations/westeurope"
            "/jitNetworkAccessPolicies",
            "a resource type has no name",
        ),
    ],
)
def test_bad_ids_raise_with_a_reason(text: str, why: str) -> None:
    with pytest.raises(InvalidResourceId) as caught:
        ResourceId.parse(text)

    assert why in caught.value.why
    assert caught.value.text == text
    assert repr(text) in str(caught.value)
    assert isinstance(caught.value, ValueError)


# --- identity -----------------------------------------------------------------------------------

UPPER = (
    f"/subscriptions/{SUB.upper()}/resourceGroups/RG-WEB"
    "/providers/Microsoft.Compute/virtualMachines/VM-01"
)
LOWER = (
    f"/subscriptions/{SUB}/resourcegroups/rg-web/providers/microsoft.compute/virtualmachines/vm-01"
)


def test_ids_differing_only_in_case_are_equal_and_hash_alike() -> None:
    upper, lower = ResourceId.parse(UPPER), ResourceId.parse(LOWER)

    assert upper == lower
    assert hash(upper) == hash(lower)
    assert len({upper, lower}) == 1
    assert {upper: "found"}[lower] == "found"


def test_equal_ids_keep_their_own_spelling() -> None:
    upper, lower = ResourceId.parse(UPPER), ResourceId.parse(LOWER)

    assert upper.resource_group == "RG-WEB"
    assert lower.resource_group == "rg-web"
    assert str(upper) == UPPER


@pytest.mark.parametrize(
    "other",
    [
        UPPER.replace("VM-01", "VM-02"),
        UPPER.replace("RG-WEB", "RG-DB"),
        UPPER.replace(SUB.upper(), "00000000-0000-0000-0000-000000000000"),
        UPPER.replace("virtualMachines", "virtualMachineScaleSets"),
    ],
    ids=["name", "group", "subscription", "type"],
)
def test_ids_naming_another_resource_differ(other: str) -> None:
    assert ResourceId.parse(UPPER) != ResourceId.parse(other)


def test_an_id_is_not_equal_to_its_text() -> None:
    assert ResourceId.parse(VM_ID) != VM_ID


def test_an_id_is_immutable() -> None:
    vm = ResourceId.parse(VM_ID)

    with pytest.raises(dataclasses.FrozenInstanceError):
        vm.key = "/other"  # type: ignore[misc]


def test_id_key_normalises_case_and_slashes() -> None:
    assert id_key(UPPER) == LOWER.lower()
    assert id_key(" " + LOWER.lstrip("/") + "/ ") == LOWER.lower()
    assert ResourceId.parse(UPPER).key == id_key(LOWER)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (UPPER, LOWER, True),
        (UPPER + "/", LOWER, True),
        (UPPER, LOWER.replace("vm-01", "vm-02"), False),
        (UPPER, UPPER + "/extensions/x", False),
    ],
)
def test_same_resource(a: str, b: str, same: bool) -> None:
    assert same_resource(a, b) is same
    assert same_resource(b, a) is same
