"""Model rules: parsing of Azure's enum strings, policy lookups and request history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jitdesk.domain.ids import ResourceId
from jitdesk.domain.model import (
    JitPolicy,
    JitRequest,
    OsType,
    PlanStatus,
    PolicyIndex,
    PolicyVm,
    PortRule,
    PowerState,
    Protocol,
    RequestPort,
    RequestStatus,
    RequestVm,
    StatusReason,
    VirtualMachine,
)

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
SUB = "0b5c3ff2-6c1f-4c5e-9a0d-5f0e2d4c9a11"
VM_A = (
    f"/subscriptions/{SUB}/resourceGroups/RG-WEB/providers/Microsoft.Compute/virtualMachines/vm-a"
)
VM_B = (
    f"/subscriptions/{SUB}/resourceGroups/RG-WEB/providers/Microsoft.Compute/virtualMachines/vm-b"
)
POLICY = (
    f"/subscriptions/{SUB}/resourceGroups/RG-WEB/providers/Microsoft.Security"
    "/locations/westeurope/jitNetworkAccessPolicies/default"
)


@pytest.mark.parametrize(
    ("text", "os_type"),
    [
        ("Windows", OsType.WINDOWS),
        ("linux", OsType.LINUX),
        ("", OsType.UNKNOWN),
        (None, OsType.UNKNOWN),
        ("BSD", OsType.UNKNOWN),
    ],
)
def test_os_type_parse(text: str | None, os_type: OsType) -> None:
    assert OsType.parse(text) is os_type


@pytest.mark.parametrize(
    ("code", "state"),
    [
        ("PowerState/running", PowerState.RUNNING),
        ("powerstate/Deallocated", PowerState.DEALLOCATED),
        ("PowerState/stopped", PowerState.STOPPED),
        ("PowerState/starting", PowerState.STARTING),
        ("PowerState/hibernated", PowerState.UNKNOWN),
        ("ProvisioningState/succeeded", PowerState.UNKNOWN),
        (None, PowerState.UNKNOWN),
    ],
)
def test_power_state_from_status_code(code: str | None, state: PowerState) -> None:
    assert PowerState.from_status_code(code) is state


@pytest.mark.parametrize(
    ("text", "protocol"), [("TCP", Protocol.TCP), (" udp ", Protocol.UDP), ("*", Protocol.ANY)]
)
def test_protocol_parse(text: str, protocol: Protocol) -> None:
    assert Protocol.parse(text) is protocol


def test_protocol_parse_refuses_unknown_values() -> None:
    with pytest.raises(ValueError, match="ICMP"):
        Protocol.parse("ICMP")


def test_status_parsers_keep_unknown_values_apart() -> None:
    assert RequestStatus.parse("initiating") is RequestStatus.INITIATING
    assert RequestStatus.parse("Pending") is RequestStatus.UNKNOWN
    assert RequestStatus.parse(None) is RequestStatus.UNKNOWN
    assert StatusReason.parse("NewerRequestInitiated") is StatusReason.NEWER_REQUEST
    assert StatusReason.parse("expired") is StatusReason.EXPIRED
    assert StatusReason.parse("Other") is StatusReason.UNKNOWN


def test_only_plan_2_allows_jit() -> None:
    assert [p for p in PlanStatus if p.allows_jit] == [PlanStatus.PLAN_2]


def test_vm_properties_come_from_its_id_and_addresses() -> None:
    vm = VirtualMachine(ResourceId.parse(VM_A), "westeurope", private_ip="10.0.0.4")

    assert (vm.name, vm.resource_group, vm.subscription_id) == ("vm-a", "RG-WEB", SUB)
    assert vm.address == "10.0.0.4"
    assert not vm.has_nsg
    assert (
        VirtualMachine(vm.id, "westeurope", private_ip="10.0.0.4", public_ip="203.0.113.9").address
        == "203.0.113.9"
    )


@pytest.mark.parametrize(
    ("prefixes", "any_source"), [(("*",), True), ((), True), (("203.0.113.0/24",), False)]
)
def test_port_rule_any_source(prefixes: tuple[str, ...], any_source: bool) -> None:
    assert PortRule(22, Protocol.TCP, prefixes, timedelta(hours=3)).allows_any_source is any_source


def _request(requestor: str, start: datetime, vm_id: str, *numbers: int) -> JitRequest:
    ports = tuple(
        RequestPort(
            n, start + timedelta(hours=1), RequestStatus.INITIATED, StatusReason.USER_REQUESTED
        )
        for n in numbers
    )
    return JitRequest(
        requestor, start, (RequestVm(ResourceId.parse(vm_id), ports),), f"by {requestor}"
    )


def _policy(*requests: JitRequest) -> JitPolicy:
    rules = (PortRule(22, Protocol.TCP, ("*",), timedelta(hours=3)),)
    return JitPolicy(
        ResourceId.parse(POLICY),
        (PolicyVm(ResourceId.parse(VM_A), rules), PolicyVm(ResourceId.parse(VM_B), rules)),
        requests,
    )


def test_policy_properties_come_from_its_id() -> None:
    policy = _policy()

    assert (policy.name, policy.location, policy.resource_group) == (
        "default",
        "westeurope",
        "RG-WEB",
    )
    assert policy.vm(ResourceId.parse(VM_A.upper())) is policy.vms[0]
    assert policy.vms[0].port(22) is policy.vms[0].ports[0]
    assert policy.vms[0].port(3389) is None


def test_policy_index_finds_policies_by_id_or_text_whatever_the_case() -> None:
    policy = _policy()
    policies = PolicyIndex((policy,))

    assert policies.policy_for(ResourceId.parse(VM_A.lower())) is policy
    assert policies.policy_for(VM_B.upper() + "/") is policy
    assert policies.policy_for(VM_A.replace("vm-a", "vm-c")) is None


def test_history_is_the_vms_part_of_each_request_newest_first() -> None:
    first = _request("ann@contoso.com", NOW - timedelta(hours=5), VM_A, 22)
    other_vm = _request("bob@contoso.com", NOW - timedelta(hours=3), VM_B, 22)
    latest = _request("cy@contoso.com", NOW - timedelta(hours=1), VM_A.upper(), 22, 3389)
    policies = PolicyIndex((_policy(first, other_vm, latest),))

    history = policies.history_for(ResourceId.parse(VM_A))

    assert [(h.requestor, h.justification) for h in history] == [
        ("cy@contoso.com", "by cy@contoso.com"),
        ("ann@contoso.com", "by ann@contoso.com"),
    ]
    assert [p.number for p in history[0].ports] == [22, 3389]
    assert history[0].start_time == NOW - timedelta(hours=1)


def test_history_of_a_vm_without_policy_is_empty() -> None:
    assert PolicyIndex(()).history_for(ResourceId.parse(VM_A)) == []
