"""The JIT state of a VM: every branch of :func:`derive_jit_state` and the open-port rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jitdesk.domain.errors import (
    AuthenticationRequired,
    CloudError,
    NetworkError,
    NotFound,
    PermissionDenied,
    ServiceDetails,
    ServiceUnavailable,
    Throttled,
)
from jitdesk.domain.ids import ResourceId
from jitdesk.domain.jit_state import (
    JitState,
    JitStateKind,
    OpenPort,
    StateReason,
    derive_jit_state,
    open_ports,
)
from jitdesk.domain.model import (
    JitPolicy,
    JitRequest,
    PlanStatus,
    PolicyIndex,
    PolicyVm,
    PortRule,
    Protocol,
    RequestPort,
    RequestStatus,
    RequestVm,
    StatusReason,
    VirtualMachine,
)

NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
SUB = "0b5c3ff2-6c1f-4c5e-9a0d-5f0e2d4c9a11"
RG = f"/subscriptions/{SUB}/resourceGroups/RG-WEB/providers"
VM_ID = f"{RG}/Microsoft.Compute/virtualMachines/VM-WEB-01"
# The VM list and the policy spell the same VM differently, as ARM does.
POLICY_VM_ID = VM_ID.lower()
OTHER_VM_ID = VM_ID.replace("VM-WEB-01", "VM-WEB-02")
POLICY_ID = (
    f"/subscriptions/{SUB}/resourceGroups/rg-web/providers/Microsoft.Security"
    "/locations/westeurope/jitNetworkAccessPolicies/default"
)
NSG_ID = f"{RG}/Microsoft.Network/networkSecurityGroups/nsg-web"


def make_vm(*, nsg: bool = True, classic: bool = False, vm_id: str = VM_ID) -> VirtualMachine:
    return VirtualMachine(
        id=ResourceId.parse(vm_id),
        location="westeurope",
        nsg_ids=(NSG_ID,) if nsg else (),
        is_classic=classic,
    )


def rule(number: int) -> PortRule:
    return PortRule(number, Protocol.TCP, ("*",), timedelta(hours=3))


def port(
    number: int,
    end: datetime,
    status: RequestStatus = RequestStatus.INITIATED,
    reason: StatusReason = StatusReason.USER_REQUESTED,
    prefixes: tuple[str, ...] = ("203.0.113.7",),
    mapped_port: int | None = None,
) -> RequestPort:
    return RequestPort(number, end, status, reason, prefixes, mapped_port)


def request(
    requestor: str, start: datetime, *ports: RequestPort, vm_id: str = POLICY_VM_ID
) -> JitRequest:
    return JitRequest(
        requestor=requestor,
        start_time=start,
        vms=(RequestVm(ResourceId.parse(vm_id), ports),),
        justification="patching",
    )


def make_policy(*requests: JitRequest, vm_ids: tuple[str, ...] = (POLICY_VM_ID,)) -> JitPolicy:
    return JitPolicy(
        id=ResourceId.parse(POLICY_ID),
        vms=tuple(PolicyVm(ResourceId.parse(v), (rule(22), rule(3389))) for v in vm_ids),
        requests=requests,
    )


def state(
    vm: VirtualMachine,
    policies: PolicyIndex | None,
    error: CloudError | None = None,
    plan: PlanStatus = PlanStatus.PLAN_2,
    now: datetime = NOW,
) -> JitState:
    return derive_jit_state(vm, policies, error, plan, now)


def index(*policies: JitPolicy) -> PolicyIndex:
    return PolicyIndex(policies)


def forbidden() -> PermissionDenied:
    return PermissionDenied(ServiceDetails(status=403, code="AuthorizationFailed"), "list policies")


# --- unsupported and unknown ------------------------------------------------------------------


def test_classic_vm_is_unsupported() -> None:
    result = state(make_vm(classic=True), index())

    assert result.kind is JitStateKind.UNSUPPORTED
    assert result.reason is StateReason.CLASSIC_VM
    assert not result.can_request


def test_classic_vm_wins_over_every_other_fact() -> None:
    result = state(make_vm(classic=True, nsg=False), None, forbidden(), PlanStatus.OFF)

    assert (result.kind, result.reason) == (JitStateKind.UNSUPPORTED, StateReason.CLASSIC_VM)


def test_forbidden_policies_give_unknown_never_not_configured() -> None:
    result = state(make_vm(), None, forbidden())

    assert result.kind is JitStateKind.UNKNOWN
    assert result.kind is not JitStateKind.NOT_CONFIGURED
    assert result.reason is StateReason.POLICIES_FORBIDDEN
    assert result.policy is None
    assert result.open_ports == ()
    assert not result.can_request


@pytest.mark.parametrize("plan", list(PlanStatus))
@pytest.mark.parametrize("nsg", [True, False])
def test_forbidden_policies_stay_unknown_whatever_the_plan_and_network(
    plan: PlanStatus, nsg: bool
) -> None:
    result = state(make_vm(nsg=nsg), None, forbidden(), plan)

    assert (result.kind, result.reason) == (JitStateKind.UNKNOWN, StateReason.POLICIES_FORBIDDEN)


def test_forbidden_is_unknown_even_if_an_index_is_passed_along() -> None:
    result = state(make_vm(), index(make_policy()), forbidden())

    assert (result.kind, result.reason) == (JitStateKind.UNKNOWN, StateReason.POLICIES_FORBIDDEN)


@pytest.mark.parametrize(
    "error_type", [CloudError, ServiceUnavailable, Throttled, NetworkError, AuthenticationRequired]
)
def test_other_cloud_errors_give_unknown_unavailable(error_type: type[CloudError]) -> None:
    error = error_type(ServiceDetails(status=503, message="try later"), "list policies")

    result = state(make_vm(), None, error)

    assert result.kind is JitStateKind.UNKNOWN
    assert result.reason is StateReason.POLICIES_UNAVAILABLE


def test_not_found_on_the_policy_list_is_unavailable_not_forbidden() -> None:
    result = state(make_vm(), None, NotFound(ServiceDetails(status=404)))

    assert result.reason is StateReason.POLICIES_UNAVAILABLE


def test_no_index_and_no_error_is_unknown_unavailable() -> None:
    result = state(make_vm(), None, None)

    assert (result.kind, result.reason) == (JitStateKind.UNKNOWN, StateReason.POLICIES_UNAVAILABLE)


@pytest.mark.parametrize("plan", [PlanStatus.OFF, PlanStatus.PLAN_1])
def test_missing_plan_without_policy_is_unsupported(plan: PlanStatus) -> None:
    result = state(make_vm(), index(), plan=plan)

    assert (result.kind, result.reason) == (JitStateKind.UNSUPPORTED, StateReason.PLAN_MISSING)
    assert not result.can_request


def test_missing_plan_is_named_before_a_missing_nsg() -> None:
    result = state(make_vm(nsg=False), index(), plan=PlanStatus.OFF)

    assert result.reason is StateReason.PLAN_MISSING


@pytest.mark.parametrize("plan", [PlanStatus.PLAN_2, PlanStatus.UNKNOWN])
def test_no_nsg_and_no_policy_is_unsupported(plan: PlanStatus) -> None:
    result = state(make_vm(nsg=False), index(), plan=plan)

    assert (result.kind, result.reason) == (JitStateKind.UNSUPPORTED, StateReason.NO_NSG)


@pytest.mark.parametrize("plan", [PlanStatus.PLAN_2, PlanStatus.UNKNOWN])
def test_nsg_without_policy_is_not_configured(plan: PlanStatus) -> None:
    result = state(make_vm(), index(make_policy(vm_ids=(OTHER_VM_ID,))), plan=plan)

    assert result.kind is JitStateKind.NOT_CONFIGURED
    assert result.reason is None
    assert result.policy is None
    assert not result.can_request


# --- configured: closed and open ----------------------------------------------------------------


def test_vm_in_policy_without_requests_is_closed() -> None:
    policy = make_policy()

    result = state(make_vm(), index(policy))

    assert result.kind is JitStateKind.CLOSED
    assert result.reason is None
    assert result.policy is policy
    assert result.open_ports == ()
    assert result.next_end is None
    assert result.can_request


def test_vm_id_in_policy_is_found_whatever_its_case() -> None:
    assert POLICY_VM_ID != VM_ID
    policy = make_policy()

    result = state(make_vm(), index(policy))

    assert result.policy is policy
    assert result.kind is JitStateKind.CLOSED


def test_initiated_request_ending_later_is_open() -> None:
    end = NOW + timedelta(hours=2)
    policy = make_policy(request("barbara@contoso.com", NOW - timedelta(hours=1), port(3389, end)))

    result = state(make_vm(), index(policy))

    assert result.kind is JitStateKind.OPEN
    assert result.can_request
    assert result.policy is policy
    assert result.open_ports == (OpenPort(3389, end, "barbara@contoso.com", ("203.0.113.7",)),)
    assert result.next_end == end


def test_initiating_request_counts_as_open() -> None:
    end = NOW + timedelta(minutes=30)
    pending = port(22, end, status=RequestStatus.INITIATING)
    policy = make_policy(request("ann@contoso.com", NOW, pending))

    result = state(make_vm(), index(policy))

    assert result.kind is JitStateKind.OPEN
    assert [p.number for p in result.open_ports] == [22]


def test_open_port_carries_sources_and_firewall_mapping() -> None:
    end = NOW + timedelta(hours=1)
    mapped = port(3389, end, prefixes=("198.51.100.0/24", "203.0.113.7"), mapped_port=50001)
    policy = make_policy(request("ann@contoso.com", NOW, mapped))

    (open_port,) = state(make_vm(), index(policy)).open_ports

    assert open_port.source_prefixes == ("198.51.100.0/24", "203.0.113.7")
    assert open_port.mapped_port == 50001


@pytest.mark.parametrize("end", [NOW - timedelta(seconds=1), NOW], ids=["past", "exactly-now"])
def test_request_whose_end_is_not_ahead_is_closed(end: datetime) -> None:
    policy = make_policy(request("ann@contoso.com", NOW - timedelta(hours=3), port(22, end)))

    result = state(make_vm(), index(policy))

    assert result.kind is JitStateKind.CLOSED
    assert result.open_ports == ()


def test_expired_request_marked_by_azure_is_closed() -> None:
    expired = port(22, NOW - timedelta(minutes=5), RequestStatus.REVOKED, StatusReason.EXPIRED)
    policy = make_policy(request("ann@contoso.com", NOW - timedelta(hours=1), expired))

    assert state(make_vm(), index(policy)).kind is JitStateKind.CLOSED


def test_revoked_request_is_closed_even_before_its_end() -> None:
    revoked = port(22, NOW + timedelta(hours=1), RequestStatus.REVOKED, StatusReason.USER_REQUESTED)
    policy = make_policy(request("ann@contoso.com", NOW - timedelta(hours=1), revoked))

    assert state(make_vm(), index(policy)).kind is JitStateKind.CLOSED


def test_newer_request_supersedes_the_older_one() -> None:
    older_end, newer_end = NOW + timedelta(hours=2), NOW + timedelta(minutes=45)
    superseded = port(
        22, older_end, RequestStatus.REVOKED, StatusReason.NEWER_REQUEST, ("198.51.100.1",)
    )
    policy = make_policy(
        request("ann@contoso.com", NOW - timedelta(hours=1), superseded),
        request("bob@contoso.com", NOW - timedelta(minutes=15), port(22, newer_end)),
    )

    result = state(make_vm(), index(policy))

    assert result.kind is JitStateKind.OPEN
    assert result.open_ports == (OpenPort(22, newer_end, "bob@contoso.com", ("203.0.113.7",)),)


def test_newer_request_wins_even_while_the_older_still_reads_initiated() -> None:
    older_end, newer_end = NOW + timedelta(hours=2), NOW + timedelta(minutes=45)
    policy = make_policy(
        # listed newest first on purpose: the order of the list must not matter
        request("bob@contoso.com", NOW - timedelta(minutes=15), port(22, newer_end)),
        request("ann@contoso.com", NOW - timedelta(hours=1), port(22, older_end)),
    )

    (open_port,) = state(make_vm(), index(policy)).open_ports

    assert open_port.end_time == newer_end
    assert open_port.requestor == "bob@contoso.com"


def test_newer_request_that_ended_closes_the_port_of_an_older_one() -> None:
    policy = make_policy(
        request("ann@contoso.com", NOW - timedelta(hours=1), port(22, NOW + timedelta(hours=2))),
        request(
            "bob@contoso.com", NOW - timedelta(minutes=15), port(22, NOW - timedelta(minutes=1))
        ),
    )

    assert state(make_vm(), index(policy)).kind is JitStateKind.CLOSED


def test_each_port_keeps_its_own_latest_request() -> None:
    ssh_end, rdp_end = NOW + timedelta(hours=2), NOW + timedelta(minutes=20)
    policy = make_policy(
        request("ann@contoso.com", NOW - timedelta(hours=1), port(22, ssh_end)),
        request("bob@contoso.com", NOW - timedelta(minutes=5), port(3389, rdp_end)),
    )

    result = state(make_vm(), index(policy))

    assert [(p.number, p.requestor) for p in result.open_ports] == [
        (22, "ann@contoso.com"),
        (3389, "bob@contoso.com"),
    ]
    assert result.next_end == rdp_end


def test_ports_are_listed_by_number() -> None:
    end = NOW + timedelta(hours=1)
    policy = make_policy(request("ann@contoso.com", NOW, port(3389, end), port(22, end)))

    assert [p.number for p in state(make_vm(), index(policy)).open_ports] == [22, 3389]


def test_another_vms_request_does_not_open_this_vm() -> None:
    other = request("ann@contoso.com", NOW, port(22, NOW + timedelta(hours=1)), vm_id=OTHER_VM_ID)
    policy = make_policy(other, vm_ids=(POLICY_VM_ID, OTHER_VM_ID))

    assert state(make_vm(), index(policy)).kind is JitStateKind.CLOSED
    assert state(make_vm(vm_id=OTHER_VM_ID), index(policy)).kind is JitStateKind.OPEN


def test_the_clock_decides_when_a_grant_ends() -> None:
    end = NOW + timedelta(minutes=10)
    policy = make_policy(request("ann@contoso.com", NOW, port(22, end)))
    vm = make_vm()

    assert state(vm, index(policy), now=end - timedelta(microseconds=1)).kind is JitStateKind.OPEN
    assert state(vm, index(policy), now=end).kind is JitStateKind.CLOSED


@pytest.mark.parametrize("plan", [PlanStatus.OFF, PlanStatus.PLAN_1, PlanStatus.UNKNOWN])
def test_vm_in_policy_shows_its_state_even_when_the_plan_reads_missing(plan: PlanStatus) -> None:
    end = NOW + timedelta(hours=1)
    closed = make_policy()
    opened = make_policy(request("ann@contoso.com", NOW, port(22, end)))

    assert state(make_vm(), index(closed), plan=plan).kind is JitStateKind.CLOSED
    assert state(make_vm(), index(opened), plan=plan).kind is JitStateKind.OPEN


def test_vm_in_policy_without_an_nsg_still_shows_the_policy() -> None:
    # The NSG may be on a subnet jitdesk could not read; the policy is what counts.
    assert state(make_vm(nsg=False), index(make_policy())).kind is JitStateKind.CLOSED


def test_open_ports_helper_matches_the_derived_state() -> None:
    end = NOW + timedelta(hours=1)
    policy = make_policy(request("ann@contoso.com", NOW, port(22, end)))

    assert open_ports(policy, make_vm(), NOW) == state(make_vm(), index(policy)).open_ports
    assert open_ports(policy, make_vm(), end) == ()
