"""Microsoft's own example answers, fed through the adapters that read the wire.

The examples come from ``../shared/azure-specs`` (see its README for their upstream paths). A
test here fails when the adapters read a field Azure does not send, or read it wrongly.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from jitdesk.cloud.adapters import (
    NetworkIndex,
    parse_time,
    policy_from_json,
    power_states,
    request_from_json,
    subscription_from_json,
    tenant_from_json,
    vm_from_json,
)
from jitdesk.domain.ids import ResourceId, id_key
from jitdesk.domain.jit_state import JitStateKind, derive_jit_state
from jitdesk.domain.model import (
    JitPolicy,
    JitRequest,
    OsType,
    PlanStatus,
    PolicyIndex,
    PowerState,
    Protocol,
    RequestStatus,
    StatusReason,
    Subscription,
    Tenant,
    VirtualMachine,
)

pytestmark = pytest.mark.specs

JIT = Path("security/Microsoft.Security/stable/2020-01-01/examples/JitNetworkAccessPolicies")
COMPUTE = Path("compute/Microsoft.Compute")
VM_LIST = (
    COMPUTE
    / "ComputeRP/stable/2025-04-01/examples/virtualMachineExamples"
    / "VirtualMachine_ListAll_MinimumSet_Gen.json"
)
INSTANCE_VIEW = COMPUTE / "stable/2021-03-01/examples/GetVirtualMachineInstanceView.json"
NETWORK = Path("network/Microsoft.Network/stable")
RESOURCES = Path("resources/Microsoft.Resources/stable")

SUB = "20ff7fc3-e762-44dd-bd96-b71116dcdc23"
EXAMPLE_VM = (
    f"/subscriptions/{SUB}/resourceGroups/myRg1/providers/Microsoft.Compute/virtualMachines/vm1"
)
EXAMPLE_POLICY = (
    f"/subscriptions/{SUB}/resourceGroups/myRg1/providers/Microsoft.Security"
    "/locations/westeurope/jitNetworkAccessPolicies/default"
)
# 2018-05-17T08:06:45.5691611Z and 09:06:45.5691611Z: seven fraction digits, cut to six.
EXAMPLE_START = datetime(2018, 5, 17, 8, 6, 45, 569161, tzinfo=UTC)
EXAMPLE_END = datetime(2018, 5, 17, 9, 6, 45, 569161, tzinfo=UTC)


def load(azure_specs: Path, relative: Path | str) -> dict[str, Any]:
    path = azure_specs / relative
    assert path.is_file(), f"example missing from azure-specs: {relative}"
    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def response(example: dict[str, Any], status: str = "200") -> Any:
    return example["responses"][status]["body"]


# --- JIT policies -------------------------------------------------------------------------------

LIST_EXAMPLES = [
    "GetJitNetworkAccessPoliciesSubscription_example.json",
    "GetJitNetworkAccessPoliciesSubscriptionLocation_example.json",
    "GetJitNetworkAccessPoliciesResourceGroup_example.json",
    "GetJitNetworkAccessPoliciesResourceGroupLocation_example.json",
]


def policies_of(azure_specs: Path, name: str) -> tuple[dict[str, Any], list[JitPolicy]]:
    """The raw policy JSON items of an example and the adapter's reading of them."""
    example = load(azure_specs, JIT / name)
    body = response(example)
    items = body.get("value", [body])
    return example, [policy_from_json(item) for item in items]


def assert_example_policy(policy: JitPolicy, raw: dict[str, Any]) -> None:
    """The policy all JIT examples describe: vm1 in myRg1/westeurope, ports 22 and 3389."""
    assert str(policy.id) == EXAMPLE_POLICY
    assert policy.id == ResourceId.parse(raw["id"])
    assert policy.id.subscription_id == SUB
    assert policy.name == "default" == raw["name"]
    assert policy.location == "westeurope" == raw["location"]
    assert policy.resource_group == "myRg1"
    assert (
        policy.id.resource_type
        == raw["type"]
        == "Microsoft.Security/locations/jitNetworkAccessPolicies"
    )
    assert policy.kind == "Basic"
    assert policy.provisioning_state == "Succeeded"

    (vm,) = policy.vms
    assert str(vm.vm_id) == EXAMPLE_VM
    assert vm.vm_id.is_type("Microsoft.Compute/virtualMachines")
    assert vm.vm_id.name == "vm1"
    assert vm.firewall_ip is None
    assert [p.number for p in vm.ports] == [22, 3389]
    for rule in vm.ports:
        assert rule.protocol is Protocol.ANY
        assert rule.allowed_source_prefixes == ("*",)
        assert rule.allows_any_source
        assert rule.max_duration == timedelta(hours=3)

    (request,) = policy.requests
    assert request.requestor == "barbara@contoso.com"
    assert request.start_time == EXAMPLE_START
    (request_vm,) = request.vms
    assert request_vm.vm_id == vm.vm_id
    (port,) = request_vm.ports
    assert port.number == 3389
    assert port.end_time == EXAMPLE_END
    assert port.end_time.tzinfo is UTC
    assert port.status is RequestStatus.INITIATED
    assert port.status_reason is StatusReason.USER_REQUESTED
    assert port.source_prefixes == ("192.127.0.2",)
    assert port.mapped_port is None


def test_get_policy_example(azure_specs: Path) -> None:
    example, (policy,) = policies_of(azure_specs, "GetJitNetworkAccessPolicy_example.json")

    assert_example_policy(policy, response(example))
    assert policy.requests[0].justification == "testing a new version of the product"


def test_get_policy_example_matches_its_url_parameters(azure_specs: Path) -> None:
    example, (policy,) = policies_of(azure_specs, "GetJitNetworkAccessPolicy_example.json")
    parameters = example["parameters"]

    assert policy.id.subscription_id == parameters["subscriptionId"]
    assert policy.resource_group == parameters["resourceGroupName"]
    assert policy.location == parameters["ascLocation"]
    assert policy.name == parameters["jitNetworkAccessPolicyName"]


@pytest.mark.parametrize("name", LIST_EXAMPLES)
def test_list_policy_examples(azure_specs: Path, name: str) -> None:
    example, policies = policies_of(azure_specs, name)

    assert len(policies) == len(response(example)["value"]) == 1
    assert_example_policy(policies[0], response(example)["value"][0])
    assert policies[0].requests[0].justification == "testing a new version of the product"


def test_create_policy_example_answer(azure_specs: Path) -> None:
    example, (policy,) = policies_of(azure_specs, "CreateJitNetworkAccessPolicy_example.json")

    assert_example_policy(policy, response(example))
    assert policy.requests[0].justification == ""  # the example's request has none


def test_create_policy_example_request_body_has_the_same_rules(azure_specs: Path) -> None:
    example, (answer,) = policies_of(azure_specs, "CreateJitNetworkAccessPolicy_example.json")
    sent = example["parameters"]["body"]

    # The request body carries no id, name or location; the rules must read the same.
    sent_vms = sent["properties"]["virtualMachines"]
    assert [ResourceId.parse(v["id"]) for v in sent_vms] == [v.vm_id for v in answer.vms]
    sent_requests = [request_from_json(r) for r in sent["properties"]["requests"]]
    assert sent_requests == list(answer.requests)


def test_policy_example_state_over_time(azure_specs: Path) -> None:
    _, (policy,) = policies_of(azure_specs, "GetJitNetworkAccessPolicy_example.json")
    # The VM list spells the VM id in its own casing.
    vm = VirtualMachine(ResourceId.parse(EXAMPLE_VM.upper()), "westeurope")
    policies = PolicyIndex((policy,))

    def kind_at(now: datetime) -> JitStateKind:
        return derive_jit_state(vm, policies, None, PlanStatus.PLAN_2, now).kind

    during = derive_jit_state(vm, policies, None, PlanStatus.PLAN_2, EXAMPLE_START)
    assert during.kind is JitStateKind.OPEN
    (open_port,) = during.open_ports
    assert (open_port.number, open_port.end_time) == (3389, EXAMPLE_END)
    assert open_port.requestor == "barbara@contoso.com"
    assert open_port.source_prefixes == ("192.127.0.2",)
    assert kind_at(EXAMPLE_END - timedelta(microseconds=1)) is JitStateKind.OPEN
    assert kind_at(EXAMPLE_END) is JitStateKind.CLOSED


def test_policy_with_a_list_of_allowed_prefixes(azure_specs: Path) -> None:
    # The portal and the service also use the plural field; derived from the Get example.
    body = copy.deepcopy(
        response(load(azure_specs, JIT / "GetJitNetworkAccessPolicy_example.json"))
    )
    rule = body["properties"]["virtualMachines"][0]["ports"][0]
    del rule["allowedSourceAddressPrefix"]
    rule["allowedSourceAddressPrefixes"] = ["198.51.100.0/24", "203.0.113.7"]
    port = body["properties"]["requests"][0]["virtualMachines"][0]["ports"][0]
    del port["allowedSourceAddressPrefix"]
    port["allowedSourceAddressPrefixes"] = ["203.0.113.7"]

    policy = policy_from_json(body)

    ssh = policy.vms[0].port(22)
    assert ssh is not None
    assert ssh.allowed_source_prefixes == ("198.51.100.0/24", "203.0.113.7")
    assert not ssh.allows_any_source
    assert policy.requests[0].vms[0].ports[0].source_prefixes == ("203.0.113.7",)


def initiate_answer(azure_specs: Path) -> tuple[dict[str, Any], JitRequest]:
    example = load(azure_specs, JIT / "InitiateJitNetworkAccessPolicy_example.json")
    return example, request_from_json(response(example, "202"))


def test_initiate_example_answer(azure_specs: Path) -> None:
    _, request = initiate_answer(azure_specs)

    assert request.requestor == "barbara@contoso.com"
    assert request.justification == "testing a new version of the product"
    assert request.start_time == datetime(2018, 7, 12, 8, 53, 3, 365879, tzinfo=UTC)
    (vm,) = request.vms
    assert vm.vm_id.name == "vm1"
    assert vm.vm_id.resource_group == "myRg1"
    (port,) = vm.ports
    assert port.number == 3389
    assert port.end_time == datetime(2018, 7, 12, 9, 53, 3, 365879, tzinfo=UTC)
    assert port.source_prefixes == ("192.127.0.2",)
    assert port.status_reason is StatusReason.USER_REQUESTED
    assert port.mapped_port is None


def test_initiate_example_status_initiating_is_read_and_counts_as_live(azure_specs: Path) -> None:
    _, request = initiate_answer(azure_specs)
    (port,) = request.vms[0].ports

    # "Initiating" is outside the spec's enum, yet it is what the 202 answer says.
    assert port.status is RequestStatus.INITIATING
    assert port.is_open_at(request.start_time)
    assert not port.is_open_at(port.end_time)


def test_initiate_example_answers_for_another_subscription_than_asked(azure_specs: Path) -> None:
    example, request = initiate_answer(azure_specs)
    asked = ResourceId.parse(example["parameters"]["body"]["virtualMachines"][0]["id"])
    answered = request.vms[0].vm_id

    # A known quirk of the example; ids are compared whole, so these are different VMs.
    assert asked.subscription_id == SUB
    assert answered.subscription_id == "3eeab341-f466-499c-a8be-85427e154baf"
    assert answered != asked
    assert request.ports_for(asked) == ()
    assert request.ports_for(answered) == request.vms[0].ports


def test_arm_time_with_an_offset_is_the_same_instant(azure_specs: Path) -> None:
    _, (policy,) = policies_of(azure_specs, "GetJitNetworkAccessPolicy_example.json")
    written = "2018-05-17T09:06:45.5691611Z"

    assert parse_time(written) == policy.requests[0].vms[0].ports[0].end_time
    assert parse_time(written.replace("Z", "+00:00")) == EXAMPLE_END
    assert parse_time("2018-05-17T09:06:45Z") == EXAMPLE_END.replace(microsecond=0)
    assert parse_time("2018-05-17T11:06:45+02:00") == EXAMPLE_END.replace(microsecond=0)


def test_arm_time_with_fraction_and_offset_is_the_same_instant(azure_specs: Path) -> None:
    assert parse_time("2018-05-17T11:06:45.5691611+02:00") == EXAMPLE_END
    assert parse_time("2018-05-17T04:06:45.569161-05:00") == EXAMPLE_END


# --- virtual machines ---------------------------------------------------------------------------


def test_vm_list_minimum_set_with_placeholder_ids(azure_specs: Path) -> None:
    items = response(load(azure_specs, VM_LIST))["value"]

    vms = [vm_from_json(item, {}, NetworkIndex([], [], [])) for item in items]

    assert len(vms) == 2
    for vm in vms:
        # The example's ids are templates; ResourceId takes any segment text.
        assert vm.id.subscription_id == "{subscriptionId}"
        assert vm.resource_group == "{resourceGroupName}"
        assert vm.name == "{virtualMachineName}"
        assert vm.id.is_type("Microsoft.Compute/virtualMachines")
        assert vm.location == "eastus"
        assert vm.os_type is OsType.UNKNOWN
        assert vm.size == ""
        assert vm.power_state is PowerState.UNKNOWN
        assert (vm.private_ip, vm.public_ip, vm.address) == (None, None, None)
        assert vm.nic_ids == ()
        assert vm.nsg_ids == ()
        assert not vm.has_nsg
        assert not vm.is_classic
    assert vms[0].id == vms[1].id


def status_only(vm_id: str, instance_view: dict[str, Any]) -> dict[str, Any]:
    """One item of a ``statusOnly=true`` listing: the instance view under ``properties``."""
    return {"id": vm_id, "properties": {"instanceView": instance_view}}


def test_power_state_from_the_instance_view_example(azure_specs: Path) -> None:
    view = response(load(azure_specs, INSTANCE_VIEW))
    assert view["statuses"][0]["code"] == "ProvisioningState/succeeded"  # skipped over
    vm_id = response(load(azure_specs, VM_LIST))["value"][0]["id"]

    states = power_states([status_only(vm_id, view)])

    assert states == {id_key(vm_id): PowerState.RUNNING}


def test_vm_list_joined_with_instance_view_whatever_the_id_case(azure_specs: Path) -> None:
    view = response(load(azure_specs, INSTANCE_VIEW))
    item = response(load(azure_specs, VM_LIST))["value"][0]
    states = power_states([status_only(item["id"].upper(), view)])

    vm = vm_from_json(item, states, NetworkIndex([], [], []))

    assert vm.power_state is PowerState.RUNNING


def test_instance_view_without_power_status_is_unknown(azure_specs: Path) -> None:
    view = copy.deepcopy(response(load(azure_specs, INSTANCE_VIEW)))
    view["statuses"] = [s for s in view["statuses"] if not s["code"].startswith("PowerState")]

    states = power_states([status_only(EXAMPLE_VM, view), {"properties": {}}])

    assert states == {id_key(EXAMPLE_VM): PowerState.UNKNOWN}


# --- network: NIC, public IP, NSG ---------------------------------------------------------------

NETWORK_EXAMPLES = [
    ("2021-02-01/examples/NetworkInterfaceGet.json", "2021-02-01/examples/PublicIpAddressGet.json"),
    ("2024-05-01/examples/NetworkInterfaceGet.json", "2024-10-01/examples/PublicIpAddressGet.json"),
]
DOC_ADDRESS = "203.0.113.10"  # RFC 5737 documentation range
NET_RG = "/subscriptions/subid/resourceGroups/rg1/providers"  # the network examples' group


@pytest.fixture(params=NETWORK_EXAMPLES, ids=["2021-02-01", "2024"])
def nic_and_pip(request: pytest.FixtureRequest, azure_specs: Path) -> tuple[dict, dict]:
    nic_file, pip_file = request.param
    return response(load(azure_specs, NETWORK / nic_file)), response(
        load(azure_specs, NETWORK / pip_file)
    )


def vm_of(nic: dict[str, Any], os_type: str = "Linux") -> dict[str, Any]:
    """A VM of the full listing that uses ``nic``, as ARM lists it (NIC ref with ``primary``)."""
    return {
        "id": nic["properties"]["virtualMachine"]["id"],
        "location": nic["location"],
        "properties": {
            "hardwareProfile": {"vmSize": "Standard_B2s"},
            "storageProfile": {"osDisk": {"osType": os_type}},
            "networkProfile": {
                "networkInterfaces": [{"id": nic["id"], "properties": {"primary": True}}]
            },
        },
    }


def primary_config(nic: dict[str, Any]) -> dict[str, Any]:
    configs = nic["properties"]["ipConfigurations"]
    return next(c for c in configs if c["properties"].get("primary"))


def test_network_index_reads_the_examples(nic_and_pip: tuple[dict, dict]) -> None:
    nic, pip = nic_and_pip

    net = NetworkIndex([nic], [pip], [])

    assert set(net.nics) == {id_key(nic["id"])}
    # Both examples are Dynamic addresses not yet allocated: no ipAddress.
    assert net.public_ips == {id_key(pip["id"]): None}
    assert net.subnet_nsgs == {}


def test_vm_joined_with_the_nic_example(nic_and_pip: tuple[dict, dict]) -> None:
    nic, pip = nic_and_pip

    vm = vm_from_json(vm_of(nic, "Windows"), {}, NetworkIndex([nic], [pip], []))

    assert str(vm.id) == f"{NET_RG}/Microsoft.Compute/virtualMachines/vm1"
    assert vm.location == "eastus"
    assert vm.os_type is OsType.WINDOWS
    assert vm.size == "Standard_B2s"
    assert vm.nic_ids == (nic["id"],)
    assert vm.private_ip == "172.20.2.4"  # the primary ip configuration, not ipconfig2
    assert vm.nsg_ids == (f"{NET_RG}/Microsoft.Network/networkSecurityGroups/nsg",)
    assert vm.has_nsg
    # The NIC points at "test-ip", the public IP example is "testDNS-ip" without an address.
    assert vm.public_ip is None
    assert vm.address == "172.20.2.4"


def test_vm_joined_with_an_allocated_public_ip(nic_and_pip: tuple[dict, dict]) -> None:
    nic, pip = nic_and_pip
    allocated = copy.deepcopy(pip)
    allocated["id"] = primary_config(nic)["properties"]["publicIPAddress"]["id"].upper()
    allocated["properties"]["publicIPAllocationMethod"] = "Static"
    allocated["properties"]["ipAddress"] = DOC_ADDRESS

    vm = vm_from_json(vm_of(nic), {}, NetworkIndex([nic], [pip, allocated], []))

    assert vm.public_ip == DOC_ADDRESS
    assert vm.private_ip == "172.20.2.4"
    assert vm.address == DOC_ADDRESS


def test_vm_gets_the_nsg_of_its_subnet_too(nic_and_pip: tuple[dict, dict]) -> None:
    nic, pip = nic_and_pip
    subnet_id = primary_config(nic)["properties"]["subnet"]["id"]
    vnet_id = subnet_id.rsplit("/subnets/", 1)[0]
    subnet_nsg = f"{NET_RG}/Microsoft.Network/networkSecurityGroups/subnet-nsg"
    vnet = {
        "id": vnet_id,
        "properties": {
            "subnets": [
                {
                    "id": subnet_id.upper(),
                    "properties": {"networkSecurityGroup": {"id": subnet_nsg}},
                }
            ]
        },
    }

    vm = vm_from_json(vm_of(nic), {}, NetworkIndex([nic], [pip], [vnet]))

    assert vm.nsg_ids == (nic["properties"]["networkSecurityGroup"]["id"], subnet_nsg)


def second_nic(nic: dict[str, Any], ip: str) -> dict[str, Any]:
    """A copy of the NIC example under another name and address, not primary."""
    other = copy.deepcopy(nic)
    other["id"] = nic["id"] + "-2"
    other["properties"]["primary"] = False
    del other["properties"]["networkSecurityGroup"]
    for config in other["properties"]["ipConfigurations"]:
        config["properties"]["privateIPAddress"] = ip
        config["properties"].pop("publicIPAddress", None)
    return other


def test_vm_with_two_nics_takes_the_address_of_the_primary(
    nic_and_pip: tuple[dict, dict],
) -> None:
    nic, pip = nic_and_pip
    other = second_nic(nic, "172.20.9.9")
    item = vm_of(nic)
    item["properties"]["networkProfile"]["networkInterfaces"] = [
        {"id": other["id"], "properties": {"primary": False}},
        {"id": nic["id"], "properties": {"primary": True}},
    ]

    vm = vm_from_json(item, {}, NetworkIndex([other, nic], [pip], []))

    assert vm.nic_ids == (other["id"], nic["id"])
    assert vm.private_ip == "172.20.2.4"


def test_vm_with_two_nics_and_no_primary_flag_takes_the_first(
    nic_and_pip: tuple[dict, dict],
) -> None:
    nic, pip = nic_and_pip
    other = second_nic(nic, "172.20.9.9")
    item = vm_of(nic)
    item["properties"]["networkProfile"]["networkInterfaces"] = [
        {"id": other["id"]},
        {"id": nic["id"]},
    ]

    vm = vm_from_json(item, {}, NetworkIndex([nic, other], [pip], []))

    assert vm.private_ip == "172.20.9.9"
    assert vm.nsg_ids == (nic["properties"]["networkSecurityGroup"]["id"],)


def test_vm_whose_nic_is_missing_from_the_index_has_no_network(
    nic_and_pip: tuple[dict, dict],
) -> None:
    nic, pip = nic_and_pip

    vm = vm_from_json(vm_of(nic), {}, NetworkIndex([], [pip], []))

    assert vm.nic_ids == (nic["id"],)
    assert (vm.private_ip, vm.public_ip, vm.nsg_ids) == (None, None, ())


# --- subscriptions and tenants ------------------------------------------------------------------

RESOURCE_VERSIONS = ["2021-01-01", "2022-12-01"]
HOME = "83abe5cd-bcc3-441a-bd86-e6a75360cecc"  # the example's "Home" tenant


@pytest.mark.parametrize("version", RESOURCE_VERSIONS)
def test_subscriptions_example(azure_specs: Path, version: str) -> None:
    items = response(load(azure_specs, RESOURCES / version / "examples/GetSubscriptions.json"))

    subscriptions = [subscription_from_json(item) for item in items["value"]]

    assert subscriptions == [
        Subscription(
            subscription_id="291bba3f-e0a5-47bc-a099-3bdcb2a50a05",
            display_name="Example Subscription",
            tenant_id="31c75423-32d6-4322-88b7-c478bdde4858",
            state="Enabled",
        ),
        Subscription(
            subscription_id="72ac930a-f34e-42d8-b06d-dc2a9e12ed71",
            display_name="Example Subscription2",
            tenant_id="2a0ff0de-96b2-4859-bb7c-a430d07a3e0c",
            state="Enabled",
        ),
    ]


def test_single_subscription_example(azure_specs: Path) -> None:
    body = response(load(azure_specs, RESOURCES / "2021-01-01/examples/GetSubscription.json"))

    subscription = subscription_from_json(body)

    assert subscription.subscription_id == "291bba3f-e0a5-47bc-a099-3bdcb2a50a05"
    assert ResourceId.parse(body["id"]).subscription_id == subscription.subscription_id
    assert subscription.display_name == "Example Subscription"
    assert subscription.tenant_id == "31c75423-32d6-4322-88b7-c478bdde4858"
    assert subscription.state == "Enabled"


def tenants_example(azure_specs: Path, version: str) -> list[dict[str, Any]]:
    body = response(load(azure_specs, RESOURCES / version / "examples/GetTenants.json"))
    items: list[dict[str, Any]] = body["value"]
    return items


@pytest.mark.parametrize("version", RESOURCE_VERSIONS)
def test_tenants_example_relative_to_the_home_tenant(azure_specs: Path, version: str) -> None:
    items = tenants_example(azure_specs, version)

    tenants = [tenant_from_json(item, HOME) for item in items]

    assert tenants == [
        Tenant(
            "a70a1586-9c4a-4373-b907-1d310660dbd1",
            "Test_Test_aad50",
            "aad50.ccsctp.net",
            is_guest=True,
        ),
        Tenant(HOME, "Contoso Corp.", "auxteststagemanual.ccsctp.net", is_guest=False),
        Tenant(
            "daea2e9b-847b-4c93-850d-2aa6f2d7af33",
            "TEST_TEST_RDV",
            "rdvmohoro.ccsctp.net",
            is_guest=True,
        ),
    ]


def test_guest_flag_follows_the_given_home_not_the_category(azure_specs: Path) -> None:
    items = tenants_example(azure_specs, "2021-01-01")
    managed_by = items[0]["tenantId"]

    flags = [tenant_from_json(item, managed_by.upper()).is_guest for item in items]

    assert flags == [False, True, True]


def test_no_home_tenant_means_no_guests(azure_specs: Path) -> None:
    items = tenants_example(azure_specs, "2021-01-01")

    assert [tenant_from_json(item, None).is_guest for item in items] == [False, False, False]
