"""Loading the inventory: tenants, subscriptions, VMs, JIT policies and Defender plans.

Subscriptions load in parallel and, within one, the eight listings it needs run in parallel
too; each subscription is reported as soon as it is complete, and a failure stays with the
subscription (or tenant) it belongs to.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from jitdesk.cloud import adapters
from jitdesk.cloud.adapters import Json, NetworkIndex
from jitdesk.domain.errors import CloudError, ServiceDetails, UnreadableAnswer
from jitdesk.domain.jit_state import JitState, derive_jit_state
from jitdesk.domain.model import (
    JitPolicy,
    PlanStatus,
    PolicyIndex,
    Subscription,
    Tenant,
    VirtualMachine,
)
from jitdesk.domain.text import QT_TRANSLATE_NOOP

logger = logging.getLogger(__name__)

PARTS_CONTEXT = "Inventory"
PARTS = {
    "states": QT_TRANSLATE_NOOP(PARTS_CONTEXT, "power states"),
    "nics": QT_TRANSLATE_NOOP(PARTS_CONTEXT, "network interfaces"),
    "pips": QT_TRANSLATE_NOOP(PARTS_CONTEXT, "public IP addresses"),
    "vnets": QT_TRANSLATE_NOOP(PARTS_CONTEXT, "virtual networks"),
}


class InventorySource(Protocol):
    """What the inventory needs from Azure (see :class:`jitdesk.cloud.gateway.AzureGateway`)."""

    def list_tenants(self) -> list[Tenant]: ...
    def list_subscriptions(self, tenant_id: str) -> list[Subscription]: ...
    def list_virtual_machines(self, sub: Subscription) -> list[Json]: ...
    def list_power_states(self, sub: Subscription) -> list[Json]: ...
    def list_network_interfaces(self, sub: Subscription) -> list[Json]: ...
    def list_public_ips(self, sub: Subscription) -> list[Json]: ...
    def list_virtual_networks(self, sub: Subscription) -> list[Json]: ...
    def list_classic_vms(self, sub: Subscription) -> list[Json]: ...
    def list_jit_policies(self, sub: Subscription) -> list[JitPolicy]: ...
    def defender_plan(self, sub: Subscription) -> PlanStatus: ...


@dataclass(frozen=True)
class SubscriptionInventory:
    """Everything known about one subscription after a load; errors are kept, not raised."""

    subscription: Subscription
    vms: tuple[VirtualMachine, ...] = ()
    policies: PolicyIndex | None = None
    policy_error: CloudError | None = None
    plan: PlanStatus = PlanStatus.UNKNOWN
    plan_error: CloudError | None = None
    error: CloudError | None = None
    seconds: float = 0.0
    incomplete: tuple[tuple[str, CloudError], ...] = ()
    """Listings that failed while the VMs loaded (e.g. network interfaces): VMs are shown
    without what those would have added, and the user is told."""

    def state_of(self, vm: VirtualMachine, now: datetime) -> JitState:
        return derive_jit_state(vm, self.policies, self.policy_error, self.plan, now)

    def policy_for(self, vm: VirtualMachine) -> JitPolicy | None:
        return self.policies.policy_for(vm.id) if self.policies else None


@dataclass
class Inventory:
    """A complete load, as the command line prints it."""

    tenants: list[Tenant] = field(default_factory=list)
    subscriptions: list[SubscriptionInventory] = field(default_factory=list)
    tenant_errors: dict[str, CloudError] = field(default_factory=dict)
    error: CloudError | None = None


class InventoryListener(Protocol):
    """Receives a load's results. Called on worker threads, in no fixed order across tenants."""

    def tenants_loaded(self, tenants: list[Tenant]) -> None: ...
    def subscriptions_loaded(self, tenant: Tenant, subscriptions: list[Subscription]) -> None: ...
    def subscription_loaded(self, inventory: SubscriptionInventory) -> None: ...
    def tenant_failed(self, tenant: Tenant, error: CloudError) -> None: ...
    def load_failed(self, error: CloudError) -> None: ...
    def load_finished(self) -> None: ...


class LoadHandle:
    """A running load; :meth:`cancel` stops reporting (calls in flight finish silently)."""

    def __init__(self) -> None:
        self._cancelled = threading.Event()
        self._done = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def finish(self) -> None:
        """Mark the load as over; called by the service when it has nothing more to report."""
        self._done.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the load has finished; for scripts and tests, never the GUI thread."""
        return self._done.wait(timeout)


class InventoryService:
    """Loads inventories through an :class:`InventorySource` on its own thread pools."""

    def __init__(self, source: InventorySource, max_calls: int = 16, max_subscriptions: int = 8):
        self.source = source
        self._calls = ThreadPoolExecutor(max_calls, thread_name_prefix="arm-call")
        self._subscriptions = ThreadPoolExecutor(max_subscriptions, thread_name_prefix="arm-sub")

    def shutdown(self) -> None:
        """Stop the pools; waits for calls in flight. Call once, when the app quits."""
        self._subscriptions.shutdown(wait=True, cancel_futures=True)
        self._calls.shutdown(wait=True, cancel_futures=True)

    def load(self, listener: InventoryListener) -> LoadHandle:
        """Start a full load and return at once; results go to ``listener`` as they arrive."""
        handle = LoadHandle()
        # Its own thread: the load waits on the pools, so it must not occupy a place in one.
        threading.Thread(
            target=self._run, args=(listener, handle), name="inventory-load", daemon=True
        ).start()
        return handle

    def load_all(self) -> Inventory:
        """Load everything and return it. Blocks; for the command line and tests."""
        collector = _Collector()
        self.load(collector).wait()
        return collector.result()

    # --- the work ------------------------------------------------------------------------------

    def _run(self, listener: InventoryListener, handle: LoadHandle) -> None:
        try:
            self._load(listener, handle)
        except Exception as error:  # the listener must hear that the load is over
            logger.exception("loading the inventory failed")
            if not handle.cancelled:
                details = ServiceDetails(message=str(error) or type(error).__name__)
                listener.load_failed(UnreadableAnswer(details, "load the inventory"))
        finally:
            handle.finish()

    def _load(self, listener: InventoryListener, handle: LoadHandle) -> None:
        try:
            tenants = self.source.list_tenants()
        except CloudError as error:
            logger.warning("listing tenants failed: %s", error)
            if not handle.cancelled:
                listener.load_failed(error)
            return
        if handle.cancelled:
            return
        listener.tenants_loaded(tenants)
        tenant_futures = [self._calls.submit(self._tenant_subscriptions, t) for t in tenants]
        pending: list[Future[SubscriptionInventory]] = []
        for tenant, future in zip(tenants, tenant_futures, strict=True):
            try:
                subscriptions = future.result()
            except CloudError as error:
                logger.warning(
                    "listing subscriptions of tenant %s failed: %s", tenant.tenant_id, error
                )
                if not handle.cancelled:
                    listener.tenant_failed(tenant, error)
                continue
            if handle.cancelled:
                break
            listener.subscriptions_loaded(tenant, subscriptions)
            for sub in subscriptions:
                pending.append(self._subscriptions.submit(self._report, sub, listener, handle))
        for sub_future in pending:
            sub_future.result()
        if not handle.cancelled:
            listener.load_finished()

    def _tenant_subscriptions(self, tenant: Tenant) -> list[Subscription]:
        return self.source.list_subscriptions(tenant.tenant_id)

    def _report(
        self, sub: Subscription, listener: InventoryListener, handle: LoadHandle
    ) -> SubscriptionInventory:
        try:
            inventory = self.load_subscription(sub)
        except Exception as error:
            logger.exception("subscription %s could not be read", sub.subscription_id)
            unreadable = UnreadableAnswer(ServiceDetails(message=str(error)), "read inventory")
            inventory = SubscriptionInventory(sub, error=unreadable)
        if not handle.cancelled:
            listener.subscription_loaded(inventory)
        return inventory

    def load_subscription(self, sub: Subscription) -> SubscriptionInventory:
        """Load one subscription's listings in parallel and join them. Blocks."""
        started = time.perf_counter()
        source = self.source
        calls: dict[str, Callable[[Subscription], Any]] = {
            "vms": source.list_virtual_machines,
            "states": source.list_power_states,
            "nics": source.list_network_interfaces,
            "pips": source.list_public_ips,
            "vnets": source.list_virtual_networks,
            "classic": source.list_classic_vms,
            "policies": source.list_jit_policies,
            "plan": source.defender_plan,
        }
        futures = {name: self._calls.submit(fn, sub) for name, fn in calls.items()}
        results: dict[str, Any] = {}
        errors: dict[str, CloudError] = {}
        for name, future in futures.items():
            try:
                results[name] = future.result()
            except CloudError as error:
                errors[name] = error
        seconds = time.perf_counter() - started

        if "vms" in errors:
            return SubscriptionInventory(sub, error=errors["vms"], seconds=seconds)
        incomplete = tuple(
            (PARTS[name], errors[name])
            for name in ("states", "nics", "pips", "vnets")
            if name in errors
        )
        for name in ("states", "nics", "pips", "vnets", "classic"):
            if name in errors:
                logger.warning(
                    "%s of subscription %s failed, shown without it: %s",
                    name,
                    sub.subscription_id,
                    errors[name],
                )
        net = NetworkIndex(
            results.get("nics", []), results.get("pips", []), results.get("vnets", [])
        )
        states = adapters.power_states(results.get("states", []))
        vms = [adapters.vm_from_json(item, states, net) for item in results["vms"]]
        vms += [adapters.classic_vm_from_json(item) for item in results.get("classic", [])]
        vms.sort(key=lambda vm: vm.name.lower())
        policy_error = errors.get("policies")
        policies = None if policy_error else PolicyIndex(tuple(results["policies"]))
        return SubscriptionInventory(
            subscription=sub,
            vms=tuple(vms),
            policies=policies,
            policy_error=policy_error,
            plan=results.get("plan", PlanStatus.UNKNOWN),
            plan_error=errors.get("plan"),
            seconds=seconds,
            incomplete=incomplete,
        )


class _Collector:
    """A listener that gathers a load into an :class:`Inventory`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._inventory = Inventory()

    def tenants_loaded(self, tenants: list[Tenant]) -> None:
        self._inventory.tenants = list(tenants)

    def subscriptions_loaded(self, tenant: Tenant, subscriptions: list[Subscription]) -> None:
        pass

    def subscription_loaded(self, inventory: SubscriptionInventory) -> None:
        with self._lock:
            self._inventory.subscriptions.append(inventory)

    def tenant_failed(self, tenant: Tenant, error: CloudError) -> None:
        with self._lock:
            self._inventory.tenant_errors[tenant.tenant_id] = error

    def load_failed(self, error: CloudError) -> None:
        self._inventory.error = error

    def load_finished(self) -> None:
        pass

    def result(self) -> Inventory:
        order = {t.tenant_id: i for i, t in enumerate(self._inventory.tenants)}
        self._inventory.subscriptions.sort(
            key=lambda s: (
                order.get(s.subscription.tenant_id, 99),
                s.subscription.display_name.casefold(),
            )
        )
        return self._inventory
