"""The main window: scope tree, VM table with search, detail panel, status bar."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from jitdesk.app.inventory_loader import InventoryLoader
from jitdesk.app.tasks import TaskRunner
from jitdesk.cloud.gateway import AzureGateway
from jitdesk.config.settings import Settings
from jitdesk.config.vm_prefs import VmPrefsStore
from jitdesk.domain.clock import Clock
from jitdesk.domain.errors import CloudError
from jitdesk.domain.grants import Grant
from jitdesk.domain.model import Subscription, Tenant
from jitdesk.domain.wording import explain_error
from jitdesk.services.inventory import SubscriptionInventory
from jitdesk.ui.connect_actions import ConnectActions
from jitdesk.ui.detail_panel import DetailPanel
from jitdesk.ui.grants_view import GrantsView
from jitdesk.ui.message_page import MessagePage
from jitdesk.ui.notifier import Banner
from jitdesk.ui.resources import icon
from jitdesk.ui.scope_tree import ScopeTree
from jitdesk.ui.settings_dialog import SettingsDialog
from jitdesk.ui.texts import tr_text
from jitdesk.ui.vm_actions import VmActions
from jitdesk.ui.vm_table import ROW_ROLE, Column, VmFilterProxy, VmRow, VmTableModel

logger = logging.getLogger(__name__)

TICK_MS = 1000
FLUSH_MS = 100  # subscriptions arriving within this time enter the table together


class MainWindow(QMainWindow):
    """Shows the inventory. All loading happens through :class:`InventoryLoader` (never here)."""

    inventoryShown = Signal()  # a load finished and the table shows its result
    inventoryChanged = Signal()  # subscriptions in the table changed (a load or a reload)

    def __init__(
        self,
        loader: InventoryLoader,
        clock: Clock,
        gateway: AzureGateway | None = None,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        prefs: VmPrefsStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.loader = loader
        self.clock = clock
        self.runner = TaskRunner(parent=self)
        self.model = VmTableModel(clock, self)
        self.proxy = VmFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.actions_: VmActions | None = None
        if gateway is not None:
            self.actions_ = VmActions(
                self,
                self.selected_rows,
                self.model.rows,
                self.apply_subscription,
                gateway,
                loader.service,
                self.runner,
                settings or Settings(),
                clock,
            )
        self.connect_: ConnectActions | None = None
        if gateway is not None and self.actions_ is not None:
            self.connect_ = ConnectActions(
                self,
                self.selected_rows,
                self.model.rows,
                gateway,
                self.runner,
                self.actions_.settings,
                prefs or VmPrefsStore(),
                clock,
                self.actions_._reload,
                lambda text: self.statusBar().showMessage(text, 15_000),
            )
            self.actions_.connect_action = self.connect_.connect_action
            self.actions_.extra_actions = (self.connect_.settings_action,)
        self._load_error: CloudError | None = None
        self._subscriptions_total = 0
        self._subscriptions_done = 0
        self._sub_inventories: dict[str, SubscriptionInventory] = {}
        self._scope: tuple[str | None, str | None] = (None, None)

        self.setWindowTitle(self.tr("jitdesk — Azure just-in-time VM access"))
        self.setWindowIcon(icon("jitdesk"))
        self.resize(1360, 840)

        self._build_actions()
        self._build_layout()
        self._connect()

        self._pending: list[SubscriptionInventory] = []
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FLUSH_MS)
        self._flush_timer.timeout.connect(self._flush)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)
        self._ticker.start()
        self._update_view()

    # --- construction --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.setToolTip(self.tr("Load tenants, subscriptions and VMs again (F5)"))
        self.refresh_action.triggered.connect(self.refresh)
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.settings_action.triggered.connect(self.open_settings)
        find = QAction(self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.addAction(find)

    def _build_layout(self) -> None:
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setMovable(False)
        toolbar.addAction(self.refresh_action)
        if self.actions_ is not None:
            toolbar.addSeparator()
            a = self.actions_
            if self.connect_ is not None:
                toolbar.addAction(self.connect_.connect_action)
            for act in (a.request, a.enable, a.edit, a.remove, a.export):
                toolbar.addAction(act)
            toolbar.addSeparator()
            toolbar.addAction(self.settings_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Search by name, group, region, address, state… (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(380)
        self.search.setAccessibleName(self.tr("Search VMs"))
        toolbar.addWidget(self.search)
        self.addToolBar(toolbar)

        self.tree = ScopeTree()
        self.tree.setMinimumWidth(220)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (Column.NAME, 140),
            (Column.JIT, 240),
            (Column.OPEN_PORTS, 150),
            (Column.POWER, 95),
            (Column.ADDRESS, 100),
            (Column.OS, 70),
            (Column.RESOURCE_GROUP, 120),
            (Column.REGION, 120),
        ):
            self.table.setColumnWidth(column, width)

        self.message = MessagePage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.message)

        self.detail = DetailPanel(self.clock)

        self.grants_view = GrantsView(self.clock)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.stack, self.tr("Virtual machines"))
        self.tabs.addTab(self.grants_view, self.tr("Open grants"))
        self.grants_view.showRequested.connect(self.show_grant_vm)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.tabs)
        right.addWidget(self.detail)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        right.setSizes([400, 400])
        right.setChildrenCollapsible(False)

        main = QSplitter(Qt.Orientation.Horizontal)
        main.addWidget(self.tree)
        main.addWidget(right)
        main.setStretchFactor(1, 1)
        main.setSizes([275, 1085])
        self.banner = Banner()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(main, 1)
        self.setCentralWidget(central)

        self.status = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.setFormat(self.tr("%v of %m subscriptions"))
        self.progress.hide()
        bar = QWidget()
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(0, 0, 0, 0)
        bar_layout.addWidget(self.status, 1)
        bar_layout.addWidget(self.progress)
        self.statusBar().addWidget(bar, 1)

    def _connect(self) -> None:
        loader = self.loader
        loader.started.connect(self._on_started)
        loader.tenantsLoaded.connect(self._on_tenants)
        loader.subscriptionsLoaded.connect(self._on_subscriptions)
        loader.subscriptionLoaded.connect(self._on_subscription)
        loader.tenantFailed.connect(self._on_tenant_failed)
        loader.loadFailed.connect(self._on_load_failed)
        loader.finished.connect(self._on_finished)
        self.search.textChanged.connect(self._on_search)
        self.tree.scopeChanged.connect(self._on_scope)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        if self.actions_ is not None:
            self.actions_.bind_table(self.table)
            self.detail.request_button.clicked.connect(self.actions_.request.trigger)
            if self.connect_ is not None:
                self.detail.connect_button.clicked.connect(self.connect_.connect_action.trigger)
            self.detail.plan_button.clicked.connect(self.actions_.plan.trigger)
            self.detail.enable_button.clicked.connect(self.actions_.enable.trigger)
            self.proxy.modelReset.connect(self.actions_.update_enabled)
            self.actions_.update_enabled()
        self.message.button.clicked.connect(self._on_message_button)
        self.proxy.rowsInserted.connect(self._update_view)
        self.proxy.rowsRemoved.connect(self._update_view)
        self.proxy.modelReset.connect(self._update_view)

    # --- loading -------------------------------------------------------------------------------

    def open_settings(self) -> None:
        if self.actions_ is None:
            return
        dialog = SettingsDialog(self.actions_.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_settings_dialog = dialog
        dialog.open()

    def refresh(self) -> None:
        """Reload everything in the background (F5). Keeps the search text and the scope."""
        self.loader.load()

    def _on_started(self) -> None:
        self._load_error = None
        self._subscriptions_total = 0
        self._subscriptions_done = 0
        self._sub_inventories.clear()
        selected = self.detail.current()
        self._reselect = selected.key if selected else None
        self._pending = []
        self._flush_timer.stop()
        self.model.clear()
        self.tree.reset_tree()
        self.refresh_action.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Loading tenants…"))
        self._update_view()

    def _on_tenants(self, tenants: list[Tenant]) -> None:
        self.model.set_tenants(tenants)
        self.tree.set_tenants(tenants)
        self.status.setText(self.tr("Loading subscriptions…"))

    def _on_subscriptions(self, tenant: Tenant, subscriptions: list[Subscription]) -> None:
        self.tree.set_subscriptions(tenant, subscriptions)
        self._subscriptions_total += len(subscriptions)
        self.progress.setRange(0, max(1, self._subscriptions_total))
        self.progress.setValue(self._subscriptions_done)
        self.status.setText(self.tr("Loading VMs…"))

    def _on_subscription(self, inventory: SubscriptionInventory) -> None:
        self._subscriptions_done += 1
        self._sub_inventories[inventory.subscription.subscription_id.lower()] = inventory
        self.progress.setValue(self._subscriptions_done)
        self.tree.set_inventory(inventory)
        self._pending.append(inventory)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        """Put the subscriptions that arrived since the last flush into the table at once."""
        if not self._pending:
            return
        batch, self._pending = self._pending, []
        self.model.put_subscriptions(batch)
        if self._reselect:
            self._select_key(self._reselect)
        self._update_view()
        self.inventoryChanged.emit()

    def inventories(self) -> list[SubscriptionInventory]:
        """Every subscription loaded so far (for the grant tracker)."""
        return list(self._sub_inventories.values())

    def set_grants(self, mine: list[Grant], others: list[Grant]) -> None:
        self.grants_view.set_grants(mine, others)
        self.tabs.setTabText(
            1, self.tr("Open grants ({n})").format(n=len(mine)) if mine else self.tr("Open grants")
        )

    def show_grant_vm(self, grant: Grant) -> None:
        """Bring the window up with the grant's VM selected."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        self.tabs.setCurrentIndex(0)
        self.search.clear()
        self._select_key(grant.vm.id.key)

    def apply_subscription(
        self, inventory: SubscriptionInventory, generation: int | None = None
    ) -> None:
        """Show a subscription reloaded after a change (not part of a full load). A reload
        started before the latest full load (``generation``) is dropped: it would mix two."""
        if generation is not None and generation != self.loader.generation:
            return
        self._sub_inventories[inventory.subscription.subscription_id.lower()] = inventory
        selected = self.detail.current()
        self.tree.set_inventory(inventory)
        self.model.put_subscription(inventory)
        if selected is not None:
            self._select_key(selected.key)
        self._update_view()
        self.inventoryChanged.emit()

    def _on_tenant_failed(self, tenant: Tenant, error: CloudError) -> None:
        self.tree.set_tenant_error(tenant, error)

    def _on_load_failed(self, error: CloudError) -> None:
        self._load_error = error
        self._end_loading()
        self.status.setText(self.tr("Loading failed."))
        self._update_view()

    def _on_finished(self, seconds: float) -> None:
        self._flush_timer.stop()
        self._flush()
        if not self._sized:
            # Fit the columns to the words of the user's language once; later loads keep
            # whatever widths the user has chosen since.
            self._sized = True
            self.table.horizontalHeader().setResizeContentsPrecision(200)
            self.table.resizeColumnsToContents()
        self._end_loading()
        vm_count = self.model.rowCount()
        failed = sum(1 for i in self._sub_inventories.values() if i.error is not None)
        text = self.tr("{vms} VMs in {subs} subscriptions, loaded in {seconds:.1f} s").format(
            vms=vm_count, subs=self._subscriptions_done, seconds=seconds
        )
        if failed:
            text += " — " + (
                self.tr("1 subscription could not be loaded")
                if failed == 1
                else self.tr("{n} subscriptions could not be loaded").format(n=failed)
            )
        self.status.setText(text)
        logger.info(
            "inventory loaded: %d VMs, %d subscriptions, %.2f s",
            vm_count,
            self._subscriptions_done,
            seconds,
        )
        self._update_view()
        self.inventoryChanged.emit()
        self.inventoryShown.emit()

    def _end_loading(self) -> None:
        self.progress.hide()
        self.refresh_action.setEnabled(True)

    # --- view state ----------------------------------------------------------------------------

    def _update_view(self) -> None:
        """Choose between the table and a message that says what is going on."""
        if self.proxy.rowCount() > 0:
            self.stack.setCurrentWidget(self.table)
            return
        m = self.message
        subscription_id = self._scope[1]
        inventory = self._sub_inventories.get(subscription_id.lower()) if subscription_id else None
        if self._load_error is not None:
            m.show_message(
                self.tr("Azure could not be reached"),
                tr_text(explain_error(self._load_error)),
                "error",
                self.tr("Try again"),
            )
        elif inventory is not None and inventory.error is not None:
            m.show_message(
                self.tr("This subscription could not be loaded"),
                tr_text(explain_error(inventory.error)),
                "error",
                self.tr("Try again"),
            )
        elif self.loader.loading:
            m.show_message(
                self.tr("Loading…"),
                self.tr("Reading your tenants, subscriptions and VMs from Azure."),
            )
        elif self.search.text().strip():
            m.show_message(
                self.tr("No VM matches “{text}”").format(text=self.search.text()),
                self.tr(
                    "Check the spelling, or search for part of a name, a resource "
                    "group, a region or an address."
                ),
                None,
                self.tr("Clear search"),
            )
        elif inventory is not None:
            m.show_message(
                self.tr("No virtual machines"),
                self.tr("This subscription has no virtual machines that you can see."),
            )
        elif self.model.rowCount() == 0 and self._subscriptions_done == 0:
            m.show_message(
                self.tr("No subscriptions"),
                self.tr(
                    "Your account can see no Azure subscription. Check that you "
                    "signed in with the right account, or ask an owner for "
                    "Reader access."
                ),
                "warning",
                self.tr("Refresh"),
            )
        else:
            m.show_message(
                self.tr("No virtual machines"), self.tr("There are no virtual machines here.")
            )
        self.stack.setCurrentWidget(self.message)

    def _on_message_button(self) -> None:
        if self.search.text().strip() and self._load_error is None:
            self.search.clear()
        else:
            self.refresh()

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_view()

    def _on_scope(self, tenant_id: str | None, subscription_id: str | None) -> None:
        self._scope = (tenant_id, subscription_id)
        self.proxy.set_scope(tenant_id, subscription_id)
        self._update_view()

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.selected_rows()
        self.detail.show_row(rows[0] if len(rows) == 1 else None)
        if self.actions_ is not None:
            self.actions_.update_enabled()
        if self.connect_ is not None:
            self.connect_.update_enabled()

    def selected_rows(self) -> list[VmRow]:
        indexes = self.table.selectionModel().selectedRows(Column.NAME)
        return [i.data(ROW_ROLE) for i in indexes]

    def _select_key(self, key: str) -> None:
        source_row = self.model.find(key)
        if source_row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self._reselect = None

    def select_vm(self, name: str) -> bool:
        """Select the first VM called ``name`` in the table (for tests and deep links)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, Column.NAME)
            if index.data() == name:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def tick(self) -> None:
        """Once a second: recount the open grants."""
        self.model.tick()
        self.detail.refresh_countdown()
        self.grants_view.tick()

    close_handler: Callable[[QCloseEvent], bool] | None = None
    """Decides what closing the window means (keep running in the tray, ask before quitting);
    returns True when it has handled the event."""

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_handler is not None and self.close_handler(event):
            return
        self._ticker.stop()
        super().closeEvent(event)

    _reselect: str | None = None
    _sized = False
