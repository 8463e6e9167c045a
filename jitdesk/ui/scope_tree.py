"""The tree on the left: all subscriptions, tenants, and their subscriptions with badges."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from jitdesk.domain.errors import CloudError, PermissionDenied
from jitdesk.domain.jit_state import StateReason
from jitdesk.domain.model import PlanStatus, Subscription, Tenant
from jitdesk.domain.wording import explain_error, reason_text
from jitdesk.services.inventory import PARTS_CONTEXT, SubscriptionInventory
from jitdesk.ui.resources import icon
from jitdesk.ui.texts import tr_text

SCOPE_ROLE = Qt.ItemDataRole.UserRole + 1


class ScopeTree(QTreeView):
    """Emits :attr:`scopeChanged` with (tenant id, subscription id), either may be None."""

    scopeChanged = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self._tenants: dict[str, QStandardItem] = {}
        self._subscriptions: dict[str, QStandardItem] = {}
        self._counts: dict[str, int] = {}
        self._names: dict[str, str] = {}
        self._all = QStandardItem()
        self.reset_tree()
        self.selectionModel().currentChanged.connect(self._on_current)

    # --- building ------------------------------------------------------------------------------

    def reset_tree(self) -> None:
        """Forget everything; keeps "All subscriptions" selected."""
        self._model.clear()
        self._tenants.clear()
        self._subscriptions.clear()
        self._counts.clear()
        self._all = QStandardItem(self.tr("All subscriptions"))
        self._all.setData(("all", None), SCOPE_ROLE)
        self._model.appendRow(self._all)
        self.setCurrentIndex(self._all.index())

    def set_tenants(self, tenants: list[Tenant]) -> None:
        for tenant in tenants:
            item = QStandardItem(icon("tenant-guest" if tenant.is_guest else "tenant"), "")
            item.setData(("tenant", tenant.tenant_id), SCOPE_ROLE)
            self._names[tenant.tenant_id] = tenant.display_name
            if tenant.is_guest:
                item.setToolTip(
                    self.tr("{name}: you are a guest in this tenant ({domain})").format(
                        name=tenant.display_name, domain=tenant.default_domain
                    )
                )
                self._names[tenant.tenant_id] = self.tr("{name} (guest)").format(
                    name=tenant.display_name
                )
            else:
                item.setToolTip(tenant.default_domain)
            self._tenants[tenant.tenant_id.lower()] = item
            self._all.appendRow(item)
            self._refresh_label(tenant.tenant_id, item)
        self.expandAll()

    def set_subscriptions(self, tenant: Tenant, subscriptions: list[Subscription]) -> None:
        parent = self._tenants.get(tenant.tenant_id.lower())
        if parent is None:
            return
        for sub in sorted(subscriptions, key=lambda s: s.display_name.lower()):
            item = QStandardItem(icon("subscription"), "")
            item.setData(("subscription", sub.subscription_id), SCOPE_ROLE)
            item.setToolTip(self.tr("Loading…"))
            self._names[sub.subscription_id] = sub.display_name
            self._subscriptions[sub.subscription_id.lower()] = item
            parent.appendRow(item)
            self._refresh_label(sub.subscription_id, item, loading=True)
        self.expand(parent.index())

    def set_inventory(self, inventory: SubscriptionInventory) -> None:
        sub = inventory.subscription
        item = self._subscriptions.get(sub.subscription_id.lower())
        if item is None:
            return
        self._counts[sub.subscription_id] = len(inventory.vms)
        notes: list[str] = []
        badge = "subscription"
        if inventory.error is not None:
            badge = "error"
            notes.append(tr_text(explain_error(inventory.error)))
        else:
            if isinstance(inventory.policy_error, PermissionDenied):
                badge = "forbidden"
                notes.append(tr_text(reason_text(StateReason.POLICIES_FORBIDDEN)))
            elif inventory.policy_error is not None:
                badge = "warning"
                notes.append(tr_text(explain_error(inventory.policy_error)))
            for part, error in inventory.incomplete:
                badge = "warning" if badge == "subscription" else badge
                notes.append(
                    self.tr(
                        "The {part} could not be read; VMs are shown without them. {why}"
                    ).format(
                        part=QCoreApplication.translate(PARTS_CONTEXT, part),
                        why=tr_text(explain_error(error)),
                    )
                )
            if inventory.plan in (PlanStatus.OFF, PlanStatus.PLAN_1):
                badge = "warning" if badge == "subscription" else badge
                notes.append(tr_text(reason_text(StateReason.PLAN_MISSING)))
        item.setIcon(icon(badge))
        item.setToolTip("\n\n".join([sub.subscription_id, *notes]))
        item.setData(badge, Qt.ItemDataRole.UserRole + 2)
        self._refresh_label(sub.subscription_id, item)
        parent = item.parent()
        if parent is not None:
            tenant_id = parent.data(SCOPE_ROLE)[1]
            self._counts[tenant_id] = sum(
                self._counts.get(parent.child(r).data(SCOPE_ROLE)[1], 0)
                for r in range(parent.rowCount())
            )
            self._refresh_label(tenant_id, parent)
        self._all.setText(
            self.tr("All subscriptions ({count})").format(
                count=sum(
                    self._counts.get(s.data(SCOPE_ROLE)[1], 0) for s in self._subscriptions.values()
                )
            )
        )

    def set_tenant_error(self, tenant: Tenant, error: CloudError) -> None:
        item = self._tenants.get(tenant.tenant_id.lower())
        if item is not None:
            item.setIcon(icon("error"))
            item.setToolTip(tr_text(explain_error(error)))

    def badge_of(self, subscription_id: str) -> str | None:
        item = self._subscriptions.get(subscription_id.lower())
        return item.data(Qt.ItemDataRole.UserRole + 2) if item is not None else None

    def label_of(self, scope_id: str) -> str:
        item = self._subscriptions.get(scope_id.lower()) or self._tenants.get(scope_id.lower())
        return item.text() if item is not None else ""

    def _refresh_label(self, scope_id: str, item: QStandardItem, loading: bool = False) -> None:
        name = self._names.get(scope_id, scope_id)
        if loading:
            item.setText(self.tr("{name} (loading…)").format(name=name))
        elif scope_id in self._counts:
            item.setText(
                self.tr("{name} ({count})").format(name=name, count=self._counts[scope_id])
            )
        else:
            item.setText(name)

    # --- selection -----------------------------------------------------------------------------

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        scope = current.data(SCOPE_ROLE) if current.isValid() else ("all", None)
        kind, scope_id = scope
        if kind == "tenant":
            self.scopeChanged.emit(scope_id, None)
        elif kind == "subscription":
            self.scopeChanged.emit(None, scope_id)
        else:
            self.scopeChanged.emit(None, None)
