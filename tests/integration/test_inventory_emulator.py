"""The inventory service through the real ARM pipeline against the HTTPS emulator."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from jitdesk.domain.errors import InvalidRequest, PermissionDenied
from jitdesk.domain.jit_state import JitStateKind, StateReason
from jitdesk.services.inventory import Inventory, InventoryService


def _load(backend) -> Inventory:
    service = InventoryService(backend.gateway)
    try:
        return service.load_all()
    finally:
        service.shutdown()


def _snapshot(inventory: Inventory) -> dict[str, tuple]:
    now = datetime.now(UTC)
    return {
        vm.id.key: (vm.private_ip, vm.public_ip, vm.power_state, sub.state_of(vm, now).kind)
        for sub in inventory.subscriptions
        for vm in sub.vms
    }


def _by_name(inventory: Inventory, name: str):
    for sub in inventory.subscriptions:
        for vm in sub.vms:
            if vm.name == name:
                return sub, vm
    raise AssertionError(f"no VM {name!r}")


def test_pages_of_one_give_the_same_inventory_as_whole_pages(demo_backend):
    whole = _snapshot(_load(demo_backend))
    demo_backend.emulator.clear_requests()
    demo_backend.emulator.page_size = 1

    paged = _snapshot(_load(demo_backend))

    assert paged == whole
    assert len(paged) == 30
    followed = [r for r in demo_backend.emulator.requests if "$skiptoken" in str(r.query).lower()]
    assert len(followed) > 30


def test_empty_pages_are_followed_to_the_items_behind_them(demo_backend):
    whole = _snapshot(_load(demo_backend))
    demo_backend.emulator.faults.empty_pages = True

    assert _snapshot(_load(demo_backend)) == whole


def test_a_failing_subscription_keeps_its_error_and_the_others_load(demo_backend):
    prod = "f3f0d89d-f6a9-45dc-a23f-dadaf88f8bd9"
    demo_backend.emulator.faults.fail(
        rf"^/subscriptions/{prod}/providers/Microsoft\.Compute/virtualMachines$",
        400,
        "InvalidParameter",
        "Something about the request was wrong.",
    )

    inventory = _load(demo_backend)

    by_id = {s.subscription.subscription_id: s for s in inventory.subscriptions}
    assert isinstance(by_id[prod].error, InvalidRequest)
    assert by_id[prod].error.details.request_id
    assert by_id[prod].vms == ()
    others = [s for sid, s in by_id.items() if sid != prod]
    assert len(others) == 3
    assert all(s.error is None and s.vms for s in others)


def test_a_failed_nic_listing_still_shows_the_vms_without_addresses(demo_backend):
    prod = "f3f0d89d-f6a9-45dc-a23f-dadaf88f8bd9"
    demo_backend.emulator.faults.fail(
        rf"^/subscriptions/{prod}/providers/Microsoft\.Network/networkInterfaces$",
        400,
        "InvalidParameter",
        "No NICs today.",
    )

    sub, vm = _by_name(_load(demo_backend), "vm-web-01")

    assert sub.error is None
    assert vm.private_ip is None


def test_a_vm_id_cased_differently_in_its_policy_is_still_found(demo_backend):
    sub, vm = _by_name(_load(demo_backend), "sql-prod-02")
    policy = sub.policy_for(vm)

    assert policy is not None and policy.name == "sql-servers"
    policy_vm = policy.vm(vm.id)
    assert policy_vm is not None
    assert policy_vm.vm_id.text != vm.id.text
    assert sub.state_of(vm, datetime.now(UTC)).kind is JitStateKind.CLOSED


def test_forbidden_policies_read_as_unknown_never_as_not_configured(demo_backend):
    sub, vm = _by_name(_load(demo_backend), "fab-dc-01")

    assert isinstance(sub.policy_error, PermissionDenied)
    assert sub.policy_error.action == "Microsoft.Security/locations/jitNetworkAccessPolicies/read"
    state = sub.state_of(vm, datetime.now(UTC))
    assert (state.kind, state.reason) == (JitStateKind.UNKNOWN, StateReason.POLICIES_FORBIDDEN)


@pytest.mark.parametrize(
    ("name", "kind", "reason"),
    [
        ("vm-web-01", JitStateKind.OPEN, None),
        ("vm-web-02", JitStateKind.CLOSED, None),
        ("vm-etl-01", JitStateKind.NOT_CONFIGURED, None),
        ("legacy-erp-01", JitStateKind.UNSUPPORTED, StateReason.CLASSIC_VM),
        ("vm-tools-01", JitStateKind.UNSUPPORTED, StateReason.NO_NSG),
        ("vm-dev-01", JitStateKind.UNSUPPORTED, StateReason.PLAN_MISSING),
    ],
)
def test_each_state_of_the_demo_world(demo_backend, name, kind, reason):
    sub, vm = _by_name(_load(demo_backend), name)

    state = sub.state_of(vm, datetime.now(UTC))

    assert (state.kind, state.reason) == (kind, reason)


def test_the_guest_tenant_is_marked_and_the_open_grant_has_its_end_time(demo_backend):
    inventory = _load(demo_backend)

    assert {t.display_name: t.is_guest for t in inventory.tenants} == {
        "Contoso": False,
        "Fabrikam": True,
    }
    sub, vm = _by_name(inventory, "vm-web-01")
    state = sub.state_of(vm, datetime.now(UTC))
    [port] = state.open_ports
    assert port.number == 22
    assert port.requestor == "alex.morgan@contoso.example"
    left = (port.end_time - demo_backend.emulator.clock.now()).total_seconds()
    assert 100 * 60 - 60 < left <= 100 * 60


def test_a_firewall_vm_keeps_the_firewall_address_and_mapped_port(demo_backend):
    sub, vm = _by_name(_load(demo_backend), "vm-ops-01")
    policy = sub.policy_for(vm)
    assert policy is not None
    assert policy.vm(vm.id).firewall_ip == "127.20.1.40"
    mapped = [p.mapped_port for e in sub.policies.history_for(vm.id) for p in e.ports]
    assert 50001 in mapped
