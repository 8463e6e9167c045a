"""InventoryService over an in-memory source: joining, error placement, parallel reporting.

The fakes synchronise with events and barriers, never with sleeps. Every wait has a timeout
(``WAIT``) so that a broken service fails the test instead of hanging the run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from jitdesk.cloud.adapters import Json
from jitdesk.domain.errors import (
    CloudError,
    NetworkError,
    PermissionDenied,
    ServiceDetails,
    ServiceUnavailable,
)
from jitdesk.domain.ids import ResourceId
from jitdesk.domain.jit_state import JitStateKind, StateReason
from jitdesk.domain.model import (
    JitPolicy,
    PlanStatus,
    PolicyVm,
    PortRule,
    PowerState,
    Protocol,
    Subscription,
    Tenant,
)
from jitdesk.services.inventory import InventoryService, SubscriptionInventory

WAIT = 10.0  # seconds; only ever reached when the code under test is broken
NOW = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)

HOME = Tenant("11111111-1111-4111-8111-111111111111", "Contoso")
GUEST = Tenant("22222222-2222-4222-8222-222222222222", "Fabrikam", is_guest=True)
PROD = Subscription("aaaaaaaa-0000-4000-8000-000000000001", "Prod", HOME.tenant_id)
DEV = Subscription("aaaaaaaa-0000-4000-8000-000000000002", "Dev", HOME.tenant_id)
LAB = Subscription("bbbbbbbb-0000-4000-8000-000000000003", "Lab", GUEST.tenant_id)


def forbidden(what: str) -> PermissionDenied:
    return PermissionDenied(ServiceDetails(status=403, code="AuthorizationFailed"), what)


def unavailable(what: str) -> ServiceUnavailable:
    return ServiceUnavailable(ServiceDetails(status=503, code="ServiceUnavailable"), what)


def rg(sub: Subscription) -> str:
    return f"/subscriptions/{sub.subscription_id}/resourceGroups/RG-WEB/providers"


def vm_json(sub: Subscription, name: str, nic: str | None = None) -> Json:
    props: dict[str, Any] = {"storageProfile": {"osDisk": {"osType": "Linux"}}}
    if nic:
        props["networkProfile"] = {
            "networkInterfaces": [{"id": nic, "properties": {"primary": True}}]
        }
    return {
        "id": f"{rg(sub)}/Microsoft.Compute/virtualMachines/{name}",
        "location": "westeurope",
        "properties": props,
    }


def nic_json(sub: Subscription, name: str, ip: str) -> Json:
    return {
        "id": f"{rg(sub)}/Microsoft.Network/networkInterfaces/{name}",
        "properties": {
            "networkSecurityGroup": {"id": f"{rg(sub)}/Microsoft.Network/networkSecurityGroups/n"},
            "ipConfigurations": [
                {"properties": {"primary": True, "privateIPAddress": ip}},
            ],
        },
    }


def running(vm: Json) -> Json:
    """A ``statusOnly`` item for ``vm``, its id in other casing as ARM may send it."""
    statuses = [{"code": "ProvisioningState/succeeded"}, {"code": "PowerState/running"}]
    return {"id": str(vm["id"]).lower(), "properties": {"instanceView": {"statuses": statuses}}}


def policy_for(sub: Subscription, *vm_names: str) -> JitPolicy:
    rules = (PortRule(22, Protocol.TCP, ("*",), timedelta(hours=3)),)
    return JitPolicy(
        id=ResourceId.parse(
            f"{rg(sub)}/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/default"
        ),
        vms=tuple(
            PolicyVm(ResourceId.parse(f"{rg(sub)}/Microsoft.Compute/virtualMachines/{n}"), rules)
            for n in vm_names
        ),
    )


@dataclass
class World:
    """What the fake source answers, per tenant and per subscription.

    A value that is an exception is raised instead of returned; a callable is called with the
    subscription first (so a test can block or synchronise inside a listing).
    """

    tenants: list[Tenant] | CloudError = field(default_factory=lambda: [HOME])
    subscriptions: dict[str, list[Subscription] | CloudError] = field(default_factory=dict)
    vms: dict[str, Any] = field(default_factory=dict)
    states: dict[str, Any] = field(default_factory=dict)
    nics: dict[str, Any] = field(default_factory=dict)
    classic: dict[str, Any] = field(default_factory=dict)
    policies: dict[str, Any] = field(default_factory=dict)
    plans: dict[str, Any] = field(default_factory=dict)


class FakeSource:
    """An in-memory :class:`jitdesk.services.inventory.InventorySource`."""

    home_tenant_id: str | None = HOME.tenant_id

    def __init__(self, world: World, tenants_gate: threading.Event | None = None) -> None:
        self.world = world
        self.tenants_gate = tenants_gate
        self.tenants_listing = threading.Event()

    @staticmethod
    def _answer(table: dict[str, Any], sub: Subscription, default: Any) -> Any:
        value = table.get(sub.subscription_id, default)
        if callable(value):
            value = value(sub)
        if isinstance(value, Exception):
            raise value
        return value

    def list_tenants(self) -> list[Tenant]:
        self.tenants_listing.set()
        if self.tenants_gate is not None:
            assert self.tenants_gate.wait(WAIT), "the test never opened the tenants gate"
        if isinstance(self.world.tenants, Exception):
            raise self.world.tenants
        return list(self.world.tenants)

    def list_subscriptions(self, tenant_id: str) -> list[Subscription]:
        value = self.world.subscriptions.get(tenant_id, [])
        if isinstance(value, Exception):
            raise value
        return list(value)

    def list_virtual_machines(self, sub: Subscription) -> list[Json]:
        return list(self._answer(self.world.vms, sub, []))

    def list_power_states(self, sub: Subscription) -> list[Json]:
        return list(self._answer(self.world.states, sub, []))

    def list_network_interfaces(self, sub: Subscription) -> list[Json]:
        return list(self._answer(self.world.nics, sub, []))

    def list_public_ips(self, sub: Subscription) -> list[Json]:
        return []

    def list_virtual_networks(self, sub: Subscription) -> list[Json]:
        return []

    def list_classic_vms(self, sub: Subscription) -> list[Json]:
        return list(self._answer(self.world.classic, sub, []))

    def list_jit_policies(self, sub: Subscription) -> list[JitPolicy]:
        return list(self._answer(self.world.policies, sub, []))

    def defender_plan(self, sub: Subscription) -> PlanStatus:
        plan: PlanStatus = self._answer(self.world.plans, sub, PlanStatus.PLAN_2)
        return plan


class Recorder:
    """An :class:`InventoryListener` that records every call, thread-safely."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls: list[tuple[str, Any]] = []
        self.loaded: dict[str, SubscriptionInventory] = {}
        self.reported: dict[str, threading.Event] = {}
        self.finished = threading.Event()

    def _record(self, name: str, *args: Any) -> None:
        with self.lock:
            self.calls.append((name, args))

    def names(self) -> list[str]:
        with self.lock:
            return [name for name, _ in self.calls]

    def reported_event(self, sub: Subscription) -> threading.Event:
        with self.lock:
            return self.reported.setdefault(sub.subscription_id, threading.Event())

    def tenants_loaded(self, tenants: list[Tenant]) -> None:
        self._record("tenants_loaded", tenants)

    def subscriptions_loaded(self, tenant: Tenant, subscriptions: list[Subscription]) -> None:
        self._record("subscriptions_loaded", tenant, subscriptions)

    def subscription_loaded(self, inventory: SubscriptionInventory) -> None:
        self._record("subscription_loaded", inventory)
        with self.lock:
            self.loaded[inventory.subscription.subscription_id] = inventory
        self.reported_event(inventory.subscription).set()

    def tenant_failed(self, tenant: Tenant, error: CloudError) -> None:
        self._record("tenant_failed", tenant, error)

    def load_failed(self, error: CloudError) -> None:
        self._record("load_failed", error)

    def load_finished(self) -> None:
        self._record("load_finished")
        self.finished.set()


@pytest.fixture
def make_service() -> Iterator[Callable[..., InventoryService]]:
    """Build services over fake sources; shut them all down after the test."""
    services: list[InventoryService] = []

    def make(source: FakeSource, **kwargs: Any) -> InventoryService:
        service = InventoryService(source, **kwargs)
        services.append(service)
        return service

    yield make
    for service in services:
        service.shutdown()


def load(service: InventoryService) -> Recorder:
    recorder = Recorder()
    handle = service.load(recorder)
    assert handle.wait(WAIT), "the load never finished"
    return recorder


# --- a full load --------------------------------------------------------------------------------


def test_load_all_joins_vms_network_power_and_policies(make_service: Callable) -> None:
    web = vm_json(PROD, "vm-web-01", nic=f"{rg(PROD)}/Microsoft.Network/networkInterfaces/nic1")
    world = World(
        subscriptions={HOME.tenant_id: [PROD]},
        vms={PROD.subscription_id: [web]},
        states={PROD.subscription_id: [running(web)]},
        nics={PROD.subscription_id: [nic_json(PROD, "NIC1", "10.0.0.4")]},
        policies={PROD.subscription_id: [policy_for(PROD, "VM-WEB-01")]},
    )

    inventory = make_service(FakeSource(world)).load_all()

    assert inventory.error is None
    assert inventory.tenant_errors == {}
    assert inventory.tenants == [HOME]
    (prod,) = inventory.subscriptions
    assert prod.subscription == PROD
    assert prod.error is None
    assert prod.plan is PlanStatus.PLAN_2
    (vm,) = prod.vms
    assert vm.name == "vm-web-01"
    assert vm.power_state is PowerState.RUNNING
    assert vm.private_ip == "10.0.0.4"
    assert vm.has_nsg
    assert prod.policy_for(vm) is not None
    assert prod.state_of(vm, NOW).kind is JitStateKind.CLOSED


def test_load_all_sorts_subscriptions_by_tenant_then_name(make_service: Callable) -> None:
    world = World(
        tenants=[HOME, GUEST],
        subscriptions={HOME.tenant_id: [PROD, DEV], GUEST.tenant_id: [LAB]},
    )

    inventory = make_service(FakeSource(world)).load_all()

    assert [s.subscription.display_name for s in inventory.subscriptions] == ["Dev", "Prod", "Lab"]


def test_load_all_sorts_subscription_names_without_regard_to_case(
    make_service: Callable,
) -> None:
    dev = Subscription("aaaaaaaa-0000-4000-8000-000000000004", "dev", HOME.tenant_id)
    world = World(subscriptions={HOME.tenant_id: [PROD, dev]})

    inventory = make_service(FakeSource(world)).load_all()

    assert [s.subscription.display_name for s in inventory.subscriptions] == ["dev", "Prod"]


def test_vms_are_sorted_by_name_without_regard_to_case(make_service: Callable) -> None:
    names = ["vm-b", "VM-C", "vm-a"]
    world = World(
        subscriptions={HOME.tenant_id: [PROD]},
        vms={PROD.subscription_id: [vm_json(PROD, n) for n in names]},
    )

    (prod,) = make_service(FakeSource(world)).load_all().subscriptions

    assert [vm.name for vm in prod.vms] == ["vm-a", "vm-b", "VM-C"]


def test_classic_vms_are_listed_as_unsupported(make_service: Callable) -> None:
    classic = {
        "id": f"{rg(PROD)}/Microsoft.ClassicCompute/virtualMachines/old-vm",
        "location": "westeurope",
        "properties": {"instanceView": {"status": "ReadyRole", "privateIpAddress": "10.1.0.4"}},
    }
    world = World(
        subscriptions={HOME.tenant_id: [PROD]},
        vms={PROD.subscription_id: [vm_json(PROD, "new-vm")]},
        classic={PROD.subscription_id: [classic]},
    )

    (prod,) = make_service(FakeSource(world)).load_all().subscriptions

    old = next(vm for vm in prod.vms if vm.name == "old-vm")
    assert old.is_classic
    assert old.power_state is PowerState.RUNNING
    assert prod.state_of(old, NOW).reason is StateReason.CLASSIC_VM


# --- errors stay where they belong --------------------------------------------------------------


def test_vm_listing_failure_stays_with_its_subscription(make_service: Callable) -> None:
    failure = unavailable("list vms")
    world = World(
        subscriptions={HOME.tenant_id: [PROD, DEV]},
        vms={PROD.subscription_id: failure, DEV.subscription_id: [vm_json(DEV, "vm-dev")]},
    )

    inventory = make_service(FakeSource(world)).load_all()

    by_id = {s.subscription.subscription_id: s for s in inventory.subscriptions}
    assert by_id[PROD.subscription_id].error is failure
    assert by_id[PROD.subscription_id].vms == ()
    assert by_id[PROD.subscription_id].policies is None
    assert by_id[DEV.subscription_id].error is None
    assert [vm.name for vm in by_id[DEV.subscription_id].vms] == ["vm-dev"]
    assert inventory.error is None


def test_forbidden_policies_keep_the_vms_and_read_as_unknown(make_service: Callable) -> None:
    failure = forbidden("list policies")
    world = World(
        subscriptions={HOME.tenant_id: [PROD]},
        vms={PROD.subscription_id: [vm_json(PROD, "vm-web-01")]},
        policies={PROD.subscription_id: failure},
    )

    (prod,) = make_service(FakeSource(world)).load_all().subscriptions

    assert prod.error is None
    assert prod.policy_error is failure
    assert prod.policies is None
    (vm,) = prod.vms
    assert prod.policy_for(vm) is None
    result = prod.state_of(vm, NOW)
    assert (result.kind, result.reason) == (JitStateKind.UNKNOWN, StateReason.POLICIES_FORBIDDEN)


def test_plan_failure_is_kept_and_the_plan_reads_unknown(make_service: Callable) -> None:
    failure = forbidden("read pricing")
    world = World(
        subscriptions={HOME.tenant_id: [PROD]},
        vms={PROD.subscription_id: [vm_json(PROD, "vm-web-01")]},
        plans={PROD.subscription_id: failure},
    )

    (prod,) = make_service(FakeSource(world)).load_all().subscriptions

    assert prod.plan is PlanStatus.UNKNOWN
    assert prod.plan_error is failure
    assert prod.error is None
    assert len(prod.vms) == 1


def test_secondary_listing_failures_leave_the_vms_without_those_details(
    make_service: Callable,
) -> None:
    web = vm_json(PROD, "vm-web-01", nic=f"{rg(PROD)}/Microsoft.Network/networkInterfaces/nic1")
    world = World(
        subscriptions={HOME.tenant_id: [PROD]},
        vms={PROD.subscription_id: [web]},
        states={PROD.subscription_id: unavailable("power states")},
        nics={PROD.subscription_id: NetworkError(ServiceDetails(message="reset"))},
        classic={PROD.subscription_id: forbidden("classic vms")},
    )

    (prod,) = make_service(FakeSource(world)).load_all().subscriptions

    assert prod.error is None
    (vm,) = prod.vms
    assert vm.power_state is PowerState.UNKNOWN
    assert vm.private_ip is None
    assert not vm.has_nsg


def test_failed_tenant_is_reported_while_the_others_load(make_service: Callable) -> None:
    failure = forbidden("list subscriptions")
    world = World(
        tenants=[GUEST, HOME],
        subscriptions={GUEST.tenant_id: failure, HOME.tenant_id: [PROD]},
        vms={PROD.subscription_id: [vm_json(PROD, "vm-web-01")]},
    )
    service = make_service(FakeSource(world))

    recorder = load(service)

    assert ("tenant_failed", (GUEST, failure)) in recorder.calls
    assert ("subscriptions_loaded", (HOME, [PROD])) in recorder.calls
    assert set(recorder.loaded) == {PROD.subscription_id}
    assert recorder.names()[-1] == "load_finished"
    assert recorder.names().count("load_finished") == 1
    inventory = service.load_all()
    assert inventory.tenant_errors == {GUEST.tenant_id: failure}
    assert [s.subscription for s in inventory.subscriptions] == [PROD]


def test_tenant_listing_failure_fails_the_load(make_service: Callable) -> None:
    failure = NetworkError(ServiceDetails(message="no route to host"))
    service = make_service(FakeSource(World(tenants=failure)))

    recorder = load(service)

    assert recorder.calls == [("load_failed", (failure,))]
    inventory = service.load_all()
    assert inventory.error is failure
    assert inventory.tenants == []
    assert inventory.subscriptions == []


# --- parallel and streaming ---------------------------------------------------------------------


def test_subscriptions_load_in_parallel(make_service: Callable) -> None:
    both_listing = threading.Barrier(2, timeout=WAIT)

    def meet(sub: Subscription) -> list[Json]:
        both_listing.wait()  # BrokenBarrierError unless both listings run at the same time
        return [vm_json(sub, f"vm-{sub.display_name.lower()}")]

    world = World(
        subscriptions={HOME.tenant_id: [PROD, DEV]},
        vms={PROD.subscription_id: meet, DEV.subscription_id: meet},
    )

    inventory = make_service(FakeSource(world)).load_all()

    assert [s.error for s in inventory.subscriptions] == [None, None]
    assert sorted(vm.name for s in inventory.subscriptions for vm in s.vms) == ["vm-dev", "vm-prod"]


def test_listings_of_one_subscription_run_in_parallel(make_service: Callable) -> None:
    vms_and_policies = threading.Barrier(2, timeout=WAIT)

    def vms(sub: Subscription) -> list[Json]:
        vms_and_policies.wait()
        return [vm_json(sub, "vm-web-01")]

    def policies(sub: Subscription) -> list[JitPolicy]:
        vms_and_policies.wait()
        return [policy_for(sub, "vm-web-01")]

    world = World(
        subscriptions={HOME.tenant_id: [PROD]},
        vms={PROD.subscription_id: vms},
        policies={PROD.subscription_id: policies},
    )

    (prod,) = make_service(FakeSource(world)).load_all().subscriptions

    assert prod.error is None
    assert prod.state_of(prod.vms[0], NOW).kind is JitStateKind.CLOSED


def test_each_subscription_is_reported_as_soon_as_it_is_complete(make_service: Callable) -> None:
    recorder = Recorder()
    dev_reported = recorder.reported_event(DEV)

    def prod_waits_for_dev(sub: Subscription) -> list[Json]:
        if not dev_reported.wait(WAIT):
            raise unavailable("Dev was not reported before Prod finished")
        return [vm_json(sub, "vm-prod")]

    world = World(
        subscriptions={HOME.tenant_id: [PROD, DEV]},
        vms={PROD.subscription_id: prod_waits_for_dev, DEV.subscription_id: [vm_json(DEV, "d")]},
    )
    service = make_service(FakeSource(world))

    assert service.load(recorder).wait(WAIT)

    loaded = [
        args[0].subscription for name, args in recorder.calls if name == "subscription_loaded"
    ]
    assert loaded == [DEV, PROD]
    assert recorder.loaded[PROD.subscription_id].error is None
    assert recorder.finished.is_set()


def test_cancelled_load_reports_nothing_more(make_service: Callable) -> None:
    gate = threading.Event()
    source = FakeSource(World(subscriptions={HOME.tenant_id: [PROD]}), tenants_gate=gate)
    service = make_service(source)
    recorder = Recorder()

    handle = service.load(recorder)
    assert source.tenants_listing.wait(WAIT)
    handle.cancel()
    gate.set()

    assert handle.wait(WAIT)
    assert handle.cancelled
    assert recorder.calls == []


# --- known defects ------------------------------------------------------------------------------


def test_load_finishes_with_a_single_subscription_thread(make_service: Callable) -> None:
    world = World(subscriptions={HOME.tenant_id: [PROD]})
    service = make_service(FakeSource(world), max_subscriptions=1)
    recorder = Recorder()

    handle = service.load(recorder)

    # Bounded wait instead of WAIT: this test is expected to time out until the fix.
    assert handle.wait(2.0), "load deadlocked"
    assert recorder.finished.is_set()
    assert set(recorder.loaded) == {PROD.subscription_id}


def test_unreadable_answer_stays_with_its_subscription(make_service: Callable) -> None:
    world = World(
        subscriptions={HOME.tenant_id: [PROD, DEV]},
        vms={
            PROD.subscription_id: [{"id": "vm-without-arm-id", "location": "westeurope"}],
            DEV.subscription_id: [vm_json(DEV, "vm-dev")],
        },
    )
    recorder = Recorder()

    assert make_service(FakeSource(world)).load(recorder).wait(WAIT)

    assert set(recorder.loaded) == {PROD.subscription_id, DEV.subscription_id}
    assert recorder.finished.is_set()


def test_a_load_that_crashes_still_ends_and_says_so():
    from jitdesk.services.inventory import InventoryService

    class Broken:
        def list_tenants(self):
            raise KeyError("tenantId")

    class Listener:
        def __init__(self):
            self.failed = []
            self.finished = 0

        def tenants_loaded(self, tenants): ...
        def subscriptions_loaded(self, tenant, subs): ...
        def subscription_loaded(self, inventory): ...
        def tenant_failed(self, tenant, error): ...

        def load_failed(self, error):
            self.failed.append(error)

        def load_finished(self):
            self.finished += 1

    service = InventoryService(Broken())
    listener = Listener()
    try:
        assert service.load(listener).wait(10)
    finally:
        service.shutdown()
    [error] = listener.failed
    assert "tenantId" in error.details.message
