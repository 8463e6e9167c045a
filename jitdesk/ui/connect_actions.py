"""Connect from the window: the action, the per-VM connection settings, and deep links."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from jitdesk.app.tasks import TaskRunner
from jitdesk.config.settings import Settings
from jitdesk.config.vm_prefs import VmPrefs, VmPrefsStore
from jitdesk.domain.clock import Clock
from jitdesk.domain.connect import ConnectLink, default_port, protocol_for
from jitdesk.domain.text import Text
from jitdesk.launch.launchers import SETTING_KEYS, LaunchPlan, available_launchers
from jitdesk.launch.targets import UnsafeValue
from jitdesk.services.connect import ConnectOptions, ConnectOutcome, Step, connect
from jitdesk.ui.connect_dialog import ConnectDialog
from jitdesk.ui.texts import tr_text
from jitdesk.ui.vm_table import VmRow

logger = logging.getLogger(__name__)


class ConnectActions(QObject):
    """Connect and Connection settings for the selected VM."""

    def __init__(
        self,
        window: QWidget,
        selected: Callable[[], list[VmRow]],
        all_rows: Callable[[], list[VmRow]],
        gateway: Any,
        runner: TaskRunner,
        settings: Settings,
        prefs: VmPrefsStore,
        clock: Clock,
        reload: Callable[[list[Any]], None],
        status: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self._selected = selected
        self._all_rows = all_rows
        self.gateway = gateway
        self.runner = runner
        self.settings = settings
        self.prefs = prefs
        self.clock = clock
        self._reload = reload
        self._status = status
        self.start: Callable[[LaunchPlan], int] | None = None  # tests record instead
        self.choose: Any = None  # tests replace the launcher choice
        self.last_dialog: ConnectDialog | None = None
        self.connect_action = QAction(self.tr("Connect"), self)
        self.connect_action.setToolTip(
            self.tr("Open access if needed, wait until the port answers, start RDP or SSH")
        )
        self.connect_action.triggered.connect(self.connect_selected)
        self.settings_action = QAction(self.tr("Connection settings…"), self)
        self.settings_action.setToolTip(
            self.tr("User name, address and client for this VM (nothing secret is stored)")
        )
        self.settings_action.triggered.connect(self.edit_prefs)

    def update_enabled(self) -> None:
        rows = self._selected()
        usable = len(rows) == 1 and rows[0].state.can_request
        self.connect_action.setEnabled(usable)
        self.settings_action.setEnabled(len(rows) == 1)

    # --- connect -------------------------------------------------------------------------------

    def connect_selected(self) -> None:
        rows = self._selected()
        if len(rows) == 1:
            self.connect_row(rows[0])

    def connect_row(self, row: VmRow, port: int | None = None) -> None:
        policy = row.state.policy
        if policy is None:
            return
        prefs = self.prefs.get(row.vm.id)
        chosen = port or prefs.port or default_port(row.vm)
        policy_vm = policy.vm(row.vm.id)
        if policy_vm is not None and policy_vm.port(chosen) is None and policy_vm.ports:
            chosen = policy_vm.ports[0].number
        protocol = protocol_for(chosen, row.vm)
        options = ConnectOptions(
            port=chosen,
            prefer=prefs.address,
            username=prefs.username,
            client=prefs.client,
            template=self.settings.get(SETTING_KEYS[protocol]),
            default_minutes=self.settings.get("request.default_minutes"),
            wait=timedelta(seconds=self.settings.get("connect.wait_seconds")),
        )
        sub = row.inventory.subscription

        def work(report: Callable[[Step, Text], None], cancelled: Callable[[], bool]) -> Any:
            # On the worker thread: the first account lookup may ask the emulator.
            account = self.gateway.account()
            username = account.username if account else ""
            extra: dict[str, Any] = {}
            if self.start is not None:
                extra["start"] = self.start
            if self.choose is not None:
                extra["choose"] = self.choose
            return connect(
                self.gateway,
                sub,
                row.vm,
                policy,
                username,
                options,
                self.clock,
                report,
                cancelled,
                **extra,
            )

        dialog = ConnectDialog(row.vm.name, work, self.runner, self.window)
        dialog.finishedConnect.connect(lambda outcome: self._finished(row, outcome))
        _replace_kept(self.last_dialog, dialog)
        self.last_dialog = dialog
        dialog.open()
        dialog.start()

    def _finished(self, row: VmRow, outcome: ConnectOutcome | None) -> None:
        if outcome is None:
            return
        self._reload([row.inventory.subscription])
        command = outcome.plan.display if outcome.plan else ""
        self._status(
            self.tr("Started for {vm} at {host}:{port}: {command}").format(
                vm=row.vm.name,
                host=outcome.endpoint.host,
                port=outcome.endpoint.port,
                command=command,
            )
        )

    def connect_link(self, link: ConnectLink) -> bool:
        """Connect to the VM a jitdesk:// link names, after the user agrees. False when the VM
        is not in the inventory."""
        row = next((r for r in self._all_rows() if r.vm.id.key == link.vm_id.lower()), None)
        if row is None:
            QMessageBox.warning(
                self.window,
                self.tr("Link"),
                self.tr("The link names {vm} in {group}, which your account cannot see.").format(
                    vm=link.vm_name, group=link.resource_group
                ),
            )
            return False
        port = link.port or self.prefs.get(row.vm.id).port or default_port(row.vm)
        if not self.confirm(
            self.tr("Connect?"),
            self.tr(
                "A link asks jitdesk to connect to {vm} on port {port}. Connect now? If the "
                "port is closed, jitdesk will ask Azure to open it for you."
            ).format(vm=row.vm.name, port=port),
        ):
            return False
        self.connect_row(row, port)
        return True

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- per-VM settings -----------------------------------------------------------------------

    def edit_prefs(self) -> None:
        rows = self._selected()
        if len(rows) != 1:
            return
        dialog = PrefsDialog(rows[0], self.prefs.get(rows[0].vm.id), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_prefs_dialog = dialog
        dialog.accepted.connect(lambda: self._save_prefs(rows[0], dialog))
        dialog.open()

    def _save_prefs(self, row: VmRow, dialog: PrefsDialog) -> None:
        self.prefs.set(row.vm.id, dialog.prefs())


def _replace_kept(old: QDialog | None, new: QDialog) -> None:
    """Only the latest finished dialog is kept (tests and late answers read it)."""
    if old is not None and old is not new and not old.isVisible():
        old.deleteLater()


class PrefsDialog(QDialog):
    """User name, address, port and client for one VM. Nothing secret: no password field."""

    def __init__(self, row: VmRow, prefs: VmPrefs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connection settings for {vm}").format(vm=row.vm.name))
        self.username = QLineEdit(prefs.username or "")
        self.username.setPlaceholderText(self.tr("ask when connecting"))
        self.address = QComboBox()
        for value, label in (
            ("auto", self.tr("Automatic (public, or private when reached over a VPN)")),
            ("public", self.tr("Public address ({ip})").format(ip=row.vm.public_ip or "-")),
            ("private", self.tr("Private address ({ip})").format(ip=row.vm.private_ip or "-")),
        ):
            self.address.addItem(label, value)
        self.address.setCurrentIndex(max(0, self.address.findData(prefs.address)))
        self.port = QComboBox()
        self.port.addItem(self.tr("Usual port ({port})").format(port=default_port(row.vm)), None)
        policy_vm = row.state.policy.vm(row.vm.id) if row.state.policy else None
        for rule in policy_vm.ports if policy_vm else ():
            self.port.addItem(str(rule.number), rule.number)
        self.port.setCurrentIndex(max(0, self.port.findData(prefs.port)))
        self.client = QComboBox()
        self.client.addItem(self.tr("Automatic (the first one installed)"), None)
        protocol = protocol_for(prefs.port or default_port(row.vm), row.vm)
        for launcher in available_launchers(protocol):
            self.client.addItem(launcher.name, launcher.name)
        if prefs.client and self.client.findData(prefs.client) < 0:
            self.client.addItem(prefs.client, prefs.client)
        self.client.setCurrentIndex(max(0, self.client.findData(prefs.client)))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.hide()
        form = QFormLayout(self)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Client"), self.client)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def prefs(self) -> VmPrefs:
        return VmPrefs(
            username=self.username.text().strip() or None,
            address=self.address.currentData(),
            port=self.port.currentData(),
            client=self.client.currentData(),
        )

    def _accept(self) -> None:
        try:
            self.prefs()
        except (UnsafeValue, ValueError) as error:
            text = getattr(error, "text", None)
            text = text if isinstance(text, Text) else None
            self.problem.setText(tr_text(text) if text else str(error))
            self.problem.show()
            return
        self.accept()
