"""The VM table: a model of rows joined from the inventory, and the proxy that filters it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase

from jitdesk.domain.clock import Clock
from jitdesk.domain.jit_state import JitState, JitStateKind
from jitdesk.domain.model import Tenant, VirtualMachine
from jitdesk.domain.text import QT_TRANSLATE_NOOP
from jitdesk.domain.wording import (
    OS_LABELS,
    POWER_LABELS,
    format_remaining,
    label,
    reason_text,
    state_label,
)
from jitdesk.services.inventory import SubscriptionInventory
from jitdesk.ui.resources import icon
from jitdesk.ui.texts import local_time, tr_text

AnyIndex = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

STATE_ICONS = {
    JitStateKind.OPEN: "state-open",
    JitStateKind.CLOSED: "state-closed",
    JitStateKind.NOT_CONFIGURED: "state-not-configured",
    JitStateKind.UNSUPPORTED: "state-unsupported",
    JitStateKind.UNKNOWN: "state-unknown",
}

STATE_ORDER = {
    JitStateKind.OPEN: 0,
    JitStateKind.CLOSED: 1,
    JitStateKind.NOT_CONFIGURED: 2,
    JitStateKind.UNKNOWN: 3,
    JitStateKind.UNSUPPORTED: 4,
}


class Column(IntEnum):
    NAME = 0
    JIT = 1
    OPEN_PORTS = 2
    POWER = 3
    ADDRESS = 4
    OS = 5
    RESOURCE_GROUP = 6
    REGION = 7
    SUBSCRIPTION = 8


HEADERS = {
    Column.NAME: QT_TRANSLATE_NOOP("VmTableModel", "Name"),
    Column.JIT: QT_TRANSLATE_NOOP("VmTableModel", "JIT state"),
    Column.OPEN_PORTS: QT_TRANSLATE_NOOP("VmTableModel", "Open ports · time left"),
    Column.POWER: QT_TRANSLATE_NOOP("VmTableModel", "Power"),
    Column.ADDRESS: QT_TRANSLATE_NOOP("VmTableModel", "Address"),
    Column.OS: QT_TRANSLATE_NOOP("VmTableModel", "OS"),
    Column.RESOURCE_GROUP: QT_TRANSLATE_NOOP("VmTableModel", "Resource group"),
    Column.REGION: QT_TRANSLATE_NOOP("VmTableModel", "Region"),
    Column.SUBSCRIPTION: QT_TRANSLATE_NOOP("VmTableModel", "Subscription"),
}

CLOSING_SOON_SECONDS = 5 * 60


@dataclass
class VmRow:
    vm: VirtualMachine
    inventory: SubscriptionInventory
    tenant: Tenant | None
    state: JitState
    haystack: str = ""  # what the search box matches, lower case; built by the model

    @property
    def key(self) -> str:
        return self.vm.id.key


class VmTableModel(QAbstractTableModel):
    """All VMs loaded so far. Rows arrive per subscription; states are re-derived on each tick."""

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._rows: list[VmRow] = []
        self._tenants: dict[str, Tenant] = {}
        self._sort_column = Column.NAME
        self._descending = False
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    # --- feeding -----------------------------------------------------------------------------

    def set_tenants(self, tenants: list[Tenant]) -> None:
        self._tenants = {t.tenant_id: t for t in tenants}

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def put_subscription(self, inventory: SubscriptionInventory) -> None:
        """Replace the rows of ``inventory``'s subscription with its fresh VMs."""
        self.put_subscriptions([inventory])

    def put_subscriptions(self, inventories: list[SubscriptionInventory]) -> None:
        """Replace the rows of several subscriptions at once: one insert and one sort for a
        batch, which keeps a load of a hundred subscriptions linear."""
        replaced = {i.subscription.subscription_id.lower() for i in inventories}
        now = self._clock.now()
        kept = [
            r
            for r in self._rows
            if r.inventory.subscription.subscription_id.lower() not in replaced
        ]
        fresh = []
        for inventory in inventories:
            tenant = self._tenants.get(inventory.subscription.tenant_id)
            for vm in inventory.vms:
                row = VmRow(vm, inventory, tenant, inventory.state_of(vm, now))
                self._index_row(row)
                fresh.append(row)
        if len(kept) == len(self._rows):
            if fresh:
                start = len(self._rows)
                self.beginInsertRows(QModelIndex(), start, start + len(fresh) - 1)
                self._rows.extend(fresh)
                self.endInsertRows()
                self._resort()
            return
        self.beginResetModel()
        self._rows = kept + fresh
        self._rows.sort(key=self._key_function(), reverse=self._descending)
        self.endResetModel()

    # --- sorting (here, not in the proxy: a Python key sort of 10,000 rows takes milliseconds,
    # a proxy calling back into Python for every comparison takes most of a second) ----------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = Column(column)
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._resort()

    def _key_function(self) -> Any:
        column = self._sort_column
        return lambda row: self._sort_key(row, column)

    def _resort(self) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self._rows[i.row()], i.column()) for i in persistent]
        self._rows.sort(key=self._key_function(), reverse=self._descending)
        position = {id(row): n for n, row in enumerate(self._rows)}
        moved = [self.index(position[id(row)], column) for row, column in held]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def tick(self) -> None:
        """Re-derive the state of rows whose grants count down; refresh their cells."""
        now = self._clock.now()
        for number, row in enumerate(self._rows):
            if row.state.kind is not JitStateKind.OPEN:
                continue
            previous = row.state.kind
            row.state = row.inventory.state_of(row.vm, now)
            if row.state.kind is not previous:
                self._index_row(row)
            self.dataChanged.emit(
                self.index(number, Column.JIT), self.index(number, Column.OPEN_PORTS)
            )

    def _index_row(self, row: VmRow) -> None:
        """Precompute the searchable text: typing must not re-render every cell of every row."""
        texts = [self._display(row, c) for c in Column if c is not Column.OPEN_PORTS]
        row.haystack = " ".join([*texts, row.vm.private_ip or "", row.vm.public_ip or ""]).lower()

    def rows(self) -> list[VmRow]:
        return list(self._rows)

    def row_at(self, row: int) -> VmRow:
        return self._rows[row]

    def find(self, key: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.key == key), -1)

    # --- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("VmTableModel", HEADERS[Column(section)])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DecorationRole and column == Column.JIT:
            return icon(STATE_ICONS[row.state.kind])
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.JIT, Column.OPEN_PORTS):
            return self._state_tooltip(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.ADDRESS:
            if row.vm.public_ip:
                return self.tr("Public address; private: {ip}").format(
                    ip=row.vm.private_ip or self.tr("none")
                )
            return self.tr("Private address (the VM has no public one)")
        if role == Qt.ItemDataRole.FontRole and column == Column.OPEN_PORTS:
            return self._mono
        if role == Qt.ItemDataRole.FontRole and column == Column.NAME:
            font = QFont()
            font.setBold(row.state.kind is JitStateKind.OPEN)
            return font
        closing = column == Column.OPEN_PORTS and self._closing_soon(row)
        if role == Qt.ItemDataRole.ForegroundRole and closing:
            return QBrush(QColor("#c62828"))
        return None

    # --- cells ---------------------------------------------------------------------------------

    def _closing_soon(self, row: VmRow) -> bool:
        end = row.state.next_end
        return end is not None and (end - self._clock.now()).total_seconds() < CLOSING_SOON_SECONDS

    def open_ports_text(self, row: VmRow) -> str:
        now = self._clock.now()
        parts = [f"{p.number} {format_remaining(p.end_time - now)}" for p in row.state.open_ports]
        return ", ".join(parts)

    def _display(self, row: VmRow, column: Column) -> str:
        vm = row.vm
        if column == Column.NAME:
            return vm.name
        if column == Column.JIT:
            return tr_text(state_label(row.state))
        if column == Column.OPEN_PORTS:
            return self.open_ports_text(row)
        if column == Column.POWER:
            return tr_text(label(POWER_LABELS, vm.power_state))
        if column == Column.ADDRESS:
            return vm.address or ""
        if column == Column.OS:
            return tr_text(label(OS_LABELS, vm.os_type))
        if column == Column.RESOURCE_GROUP:
            return vm.resource_group
        if column == Column.REGION:
            return vm.location
        return row.inventory.subscription.display_name

    def _sort_key(self, row: VmRow, column: Column) -> Any:
        if column == Column.JIT:
            return f"{STATE_ORDER[row.state.kind]}:{row.vm.name.lower()}"
        if column == Column.OPEN_PORTS:
            end = row.state.next_end
            return end.timestamp() if end else float("inf")
        if column == Column.ADDRESS:
            octets = (row.vm.address or "").split(".")
            return ".".join(p.zfill(3) for p in octets) if len(octets) == 4 else "~"
        return self._display(row, column).lower()

    def _state_tooltip(self, row: VmRow) -> str:
        state = row.state
        if state.reason is not None:
            return tr_text(reason_text(state.reason))
        if state.kind is JitStateKind.OPEN:
            lines = [
                self.tr("Port {port} open for {source} until {end}, requested by {who}").format(
                    port=p.number,
                    source=", ".join(p.source_prefixes) or self.tr("the requester's address"),
                    end=local_time(p.end_time),
                    who=p.requestor,
                )
                for p in state.open_ports
            ]
            return "\n".join(lines)
        if state.kind is JitStateKind.CLOSED and state.policy is not None:
            policy_vm = state.policy.vm(row.vm.id)
            ports = ", ".join(str(p.number) for p in policy_vm.ports) if policy_vm else ""
            return self.tr("JIT is on; ports {ports} can be requested.").format(ports=ports)
        if state.kind is JitStateKind.NOT_CONFIGURED:
            return self.tr("JIT is not enabled on this VM.")
        return ""


class VmFilterProxy(QSortFilterProxyModel):
    """Filters by scope (a tenant or a subscription) and by the words typed in the search box."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._tenant: str | None = None
        self._subscription: str | None = None
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's job; this proxy only filters."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = [w for w in text.lower().split() if w]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_scope(self, tenant_id: str | None, subscription_id: str | None) -> None:
        self.beginFilterChange()
        self._tenant = tenant_id.lower() if tenant_id else None
        self._subscription = subscription_id.lower() if subscription_id else None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, VmTableModel)
        row = model.row_at(source_row)
        sub = row.inventory.subscription
        if self._subscription and sub.subscription_id.lower() != self._subscription:
            return False
        if self._tenant and sub.tenant_id.lower() != self._tenant:
            return False
        if not self._words:
            return True
        return all(word in row.haystack for word in self._words)
