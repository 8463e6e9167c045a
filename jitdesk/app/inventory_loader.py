"""Bridges :class:`jitdesk.services.inventory.InventoryService` to Qt signals."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal

from jitdesk.domain.errors import CloudError
from jitdesk.domain.model import Subscription, Tenant
from jitdesk.services.inventory import InventoryService, LoadHandle, SubscriptionInventory


class _Relay:
    """Listener for one load; stamps each report with its load's number."""

    def __init__(self, loader: InventoryLoader, generation: int) -> None:
        self._loader = loader
        self._generation = generation

    def tenants_loaded(self, tenants: list[Tenant]) -> None:
        self._loader._tenants.emit(self._generation, tenants)

    def subscriptions_loaded(self, tenant: Tenant, subscriptions: list[Subscription]) -> None:
        self._loader._subscriptions.emit(self._generation, tenant, subscriptions)

    def subscription_loaded(self, inventory: SubscriptionInventory) -> None:
        self._loader._subscription.emit(self._generation, inventory)

    def tenant_failed(self, tenant: Tenant, error: CloudError) -> None:
        self._loader._tenant_failed.emit(self._generation, tenant, error)

    def load_failed(self, error: CloudError) -> None:
        self._loader._load_failed.emit(self._generation, error)

    def load_finished(self) -> None:
        self._loader._finished.emit(self._generation)


class InventoryLoader(QObject):
    """Starts loads and re-emits their results on the GUI thread. A new load makes the reports
    of an older one vanish, so a refresh never mixes two loads.
    """

    started = Signal()
    tenantsLoaded = Signal(list)
    subscriptionsLoaded = Signal(object, list)
    subscriptionLoaded = Signal(object)
    tenantFailed = Signal(object, object)
    loadFailed = Signal(object)
    finished = Signal(float)

    _tenants = Signal(int, list)
    _subscriptions = Signal(int, object, list)
    _subscription = Signal(int, object)
    _tenant_failed = Signal(int, object, object)
    _load_failed = Signal(int, object)
    _finished = Signal(int)

    def __init__(self, service: InventoryService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._generation = 0
        self._handle: LoadHandle | None = None
        self._started_at = 0.0
        self.loading = False
        self._tenants.connect(self._on_tenants)
        self._subscriptions.connect(self._on_subscriptions)
        self._subscription.connect(self._on_subscription)
        self._tenant_failed.connect(self._on_tenant_failed)
        self._load_failed.connect(self._on_load_failed)
        self._finished.connect(self._on_finished)

    @property
    def generation(self) -> int:
        """The number of the latest load; a reload started before it is out of date."""
        return self._generation

    def _current(self, generation: int) -> bool:
        return generation == self._generation

    def load(self) -> None:
        """Start a fresh load; returns at once."""
        if self._handle is not None:
            self._handle.cancel()
        self._generation += 1
        self._started_at = time.perf_counter()
        self.loading = True
        self.started.emit()
        self._handle = self.service.load(_Relay(self, self._generation))

    def _on_tenants(self, generation: int, tenants: list[Tenant]) -> None:
        if self._current(generation):
            self.tenantsLoaded.emit(tenants)

    def _on_subscriptions(self, generation: int, tenant: Tenant, subs: list[Subscription]) -> None:
        if self._current(generation):
            self.subscriptionsLoaded.emit(tenant, subs)

    def _on_subscription(self, generation: int, inventory: SubscriptionInventory) -> None:
        if self._current(generation):
            self.subscriptionLoaded.emit(inventory)

    def _on_tenant_failed(self, generation: int, tenant: Tenant, error: CloudError) -> None:
        if self._current(generation):
            self.tenantFailed.emit(tenant, error)

    def _on_load_failed(self, generation: int, error: CloudError) -> None:
        if self._current(generation):
            self.loading = False
            self.loadFailed.emit(error)

    def _on_finished(self, generation: int) -> None:
        if self._current(generation):
            self.loading = False
            self.finished.emit(time.perf_counter() - self._started_at)
