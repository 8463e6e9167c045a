"""The panel under the table: everything about the selected VM, its policy and its requests."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jitdesk.domain.clock import Clock
from jitdesk.domain.jit_state import JitStateKind, StateReason
from jitdesk.domain.model import PlanStatus, RequestPort, RequestStatus, StatusReason
from jitdesk.domain.text import QT_TRANSLATE_NOOP
from jitdesk.domain.wording import (
    OS_LABELS,
    PLAN_LABELS,
    POWER_LABELS,
    format_duration,
    format_remaining,
    label,
    reason_text,
    state_label,
)
from jitdesk.ui.resources import icon
from jitdesk.ui.tables import readonly_table
from jitdesk.ui.texts import local_time, tr_text
from jitdesk.ui.vm_table import STATE_ICONS, VmRow

STATUS_WORDS = {
    (RequestStatus.REVOKED, StatusReason.EXPIRED): QT_TRANSLATE_NOOP("DetailPanel", "Expired"),
    (RequestStatus.REVOKED, StatusReason.NEWER_REQUEST): QT_TRANSLATE_NOOP(
        "DetailPanel", "Replaced by a newer request"
    ),
    (RequestStatus.REVOKED, StatusReason.USER_REQUESTED): QT_TRANSLATE_NOOP(
        "DetailPanel", "Revoked"
    ),
}

HISTORY_ROWS = 20


def _end_text(start: datetime, end: datetime) -> str:
    """The end time alone when it falls on the day of the request, else with its date."""
    same_day = start.astimezone().date() == end.astimezone().date()
    return local_time(end, with_date=not same_day)


def _fit_height(table: QTableWidget, max_rows: int) -> None:
    """Make a small table exactly as tall as its rows (up to ``max_rows``, then it scrolls)."""
    rows = min(table.rowCount(), max_rows)
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(rows))
    table.setFixedHeight(height)


class DetailPanel(QWidget):
    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._row: VmRow | None = None

        self._title = QLabel()
        font = self._title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self._title.setFont(font)
        self._state_icon = QLabel()
        self._state = QLabel()
        self._state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header = QHBoxLayout()
        header.addWidget(self._title)
        header.addSpacing(12)
        header.addWidget(self._state_icon)
        header.addWidget(self._state)
        header.addStretch(1)
        self.request_button = QPushButton(self.tr("Request access…"))
        self.enable_button = QPushButton(self.tr("Enable JIT…"))
        self.connect_button = QPushButton(self.tr("Connect"))
        header.addWidget(self.enable_button)
        header.addWidget(self.request_button)
        header.addWidget(self.connect_button)

        self.plan_banner = QFrame()
        self.plan_banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.plan_banner.setStyleSheet(
            "QFrame { background: #fff4d6; border: 1px solid #e0b84c; border-radius: 4px; }"
            "QLabel { border: none; color: #4a3b00; }"
        )
        self.plan_text = QLabel()
        self.plan_text.setWordWrap(True)
        self.plan_button = QPushButton(self.tr("Turn on Defender for Servers…"))
        banner_layout = QHBoxLayout(self.plan_banner)
        banner_layout.addWidget(self.plan_text, 1)
        banner_layout.addWidget(self.plan_button)

        self._facts = QFormLayout()
        self._facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        facts_box = QGroupBox(self.tr("Virtual machine"))
        facts_box.setLayout(self._facts)

        self._reason = QLabel()
        self._reason.setWordWrap(True)
        self._policy = QLabel()
        self._policy.setWordWrap(True)
        self._ports = readonly_table(
            [
                self.tr("Port"),
                self.tr("Protocol"),
                self.tr("Allowed sources"),
                self.tr("Longest grant"),
                self.tr("Open now"),
            ],
            selectable=False,
        )
        jit_layout = QVBoxLayout()
        jit_layout.addWidget(self._reason)
        jit_layout.addWidget(self._policy)
        jit_layout.addWidget(self._ports)
        jit_box = QGroupBox(self.tr("Just-in-time access"))
        jit_box.setLayout(jit_layout)

        self._history = readonly_table(
            [
                self.tr("Requested"),
                self.tr("By"),
                self.tr("Ports"),
                self.tr("Source"),
                self.tr("Status"),
                self.tr("Ends"),
                self.tr("Justification"),
            ],
            selectable=False,
        )
        # Long values are shortened (each cell's tooltip has it whole), so the
        # status, end and justification stay in view without scrolling sideways.
        history_header = self._history.horizontalHeader()
        for column, width in ((0, 115), (1, 110), (2, 45), (3, 100), (4, 110), (5, 55)):
            history_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self._history.setColumnWidth(column, width)
        self._history.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._history.setWordWrap(False)
        self._history_empty = QLabel(self.tr("No requests yet."))
        history_layout = QVBoxLayout()
        history_layout.addWidget(self._history_empty)
        history_layout.addWidget(self._history)
        history_box = QGroupBox(self.tr("Recent requests"))
        history_box.setLayout(history_layout)

        right = QVBoxLayout()
        right.addWidget(jit_box)
        right.addWidget(history_box, 1)
        columns = QHBoxLayout()
        columns.addWidget(facts_box, 3)
        columns.addLayout(right, 5)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.plan_banner)
        layout.addLayout(columns, 1)
        self.show_row(None)

    # --- content -------------------------------------------------------------------------------

    def current(self) -> VmRow | None:
        return self._row

    def show_row(self, row: VmRow | None) -> None:
        self._row = row
        self.setEnabled(row is not None)
        while self._facts.rowCount():
            self._facts.removeRow(0)
        self._ports.setRowCount(0)
        self._history.setRowCount(0)
        if row is None:
            self._title.setText(self.tr("No VM selected"))
            self._state.setText(self.tr("Select a VM in the table to see its details."))
            self._state_icon.clear()
            self._reason.hide()
            self._policy.hide()
            self._ports.hide()
            self._history.hide()
            self._history_empty.show()
            self.plan_banner.hide()
            self.request_button.hide()
            self.enable_button.hide()
            self.connect_button.hide()
            return
        vm = row.vm
        sub = row.inventory.subscription
        self._title.setText(vm.name)
        self._state_icon.setPixmap(icon(STATE_ICONS[row.state.kind]).pixmap(16, 16))
        self._state.setText(tr_text(state_label(row.state)))

        tenant = row.tenant.display_name if row.tenant else sub.tenant_id
        self._fact(self.tr("Subscription"), f"{sub.display_name} ({tenant})")
        self._fact(self.tr("Resource group"), vm.resource_group)
        self._fact(self.tr("Region"), vm.location)
        os_text = tr_text(label(OS_LABELS, vm.os_type))
        self._fact(self.tr("OS and size"), f"{os_text} · {vm.size}" if vm.size else os_text)
        self._fact(self.tr("Power"), tr_text(label(POWER_LABELS, vm.power_state)))
        self._fact(self.tr("Private address"), vm.private_ip or self.tr("none"))
        self._fact(self.tr("Public address"), vm.public_ip or self.tr("none"))
        nsgs = "\n".join(n.rsplit("/", 1)[-1] for n in vm.nsg_ids) or self.tr("none")
        self._fact(self.tr("Network security groups"), nsgs)
        self._fact(self.tr("Defender plan"), tr_text(label(PLAN_LABELS, row.inventory.plan)))

        plan_missing = row.inventory.plan in (PlanStatus.OFF, PlanStatus.PLAN_1)
        self.plan_banner.setVisible(plan_missing and not row.vm.is_classic)
        self.plan_text.setText(tr_text(reason_text(StateReason.PLAN_MISSING)))
        self.request_button.setVisible(row.state.can_request)
        self.connect_button.setVisible(row.state.can_request)
        self.enable_button.setVisible(row.state.kind is JitStateKind.NOT_CONFIGURED)
        self._show_jit(row)
        self._show_history(row)

    def refresh_countdown(self) -> None:
        """Update the "open now" cells; cheap, called on each tick."""
        if self._row is not None and self._row.state.kind is JitStateKind.OPEN:
            self._show_jit(self._row)

    def _fact(self, name: str, value: str) -> None:
        field = QLabel(value)
        field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        field.setWordWrap(True)
        self._facts.addRow(name, field)

    def _show_jit(self, row: VmRow) -> None:
        state = row.state
        self._state.setText(tr_text(state_label(state)))
        if state.reason is not None:
            self._reason.setText(tr_text(reason_text(state.reason)))
            self._reason.show()
        elif state.kind is JitStateKind.NOT_CONFIGURED:
            self._reason.setText(
                self.tr(
                    "JIT is not enabled on this VM. Its management ports are governed only "
                    "by its network security group."
                )
            )
            self._reason.show()
        else:
            self._reason.hide()
        policy = state.policy
        policy_vm = policy.vm(row.vm.id) if policy is not None else None
        if policy is None or policy_vm is None:
            self._policy.hide()
            self._ports.hide()
            return
        text = self.tr("Policy “{name}” in {group}, {region}").format(
            name=policy.name, group=policy.resource_group, region=policy.location
        )
        if policy_vm.firewall_ip:
            text += "\n" + self.tr("Reached through the Azure Firewall at {ip}").format(
                ip=policy_vm.firewall_ip
            )
        self._policy.setText(text)
        self._policy.show()
        now = self._clock.now()
        open_by_port = {p.number: p for p in state.open_ports}
        self._ports.setRowCount(len(policy_vm.ports))
        for r, rule in enumerate(policy_vm.ports):
            open_port = open_by_port.get(rule.number)
            cells = [
                str(rule.number),
                rule.protocol.value if rule.protocol.value != "*" else self.tr("any"),
                ", ".join(rule.allowed_source_prefixes).replace("*", self.tr("any source")),
                tr_text(format_duration(rule.max_duration)),
                self.tr("{left} left (until {end})").format(
                    left=format_remaining(open_port.end_time - now),
                    end=local_time(open_port.end_time),
                )
                if open_port
                else "",
            ]
            for c, value in enumerate(cells):
                self._ports.setItem(r, c, QTableWidgetItem(value))
        _fit_height(self._ports, max_rows=6)
        self._ports.show()

    def _status_text(self, port: RequestPort) -> str:
        if port.is_open_at(self._clock.now()):
            return self.tr("Open")
        if port.status in (RequestStatus.INITIATED, RequestStatus.INITIATING):
            return self.tr("Expired")
        words = STATUS_WORDS.get((port.status, port.status_reason))
        return QCoreApplication.translate("DetailPanel", words) if words else port.status.value

    def _show_history(self, row: VmRow) -> None:
        policies = row.inventory.policies
        entries = policies.history_for(row.vm.id)[:HISTORY_ROWS] if policies else []
        self._history_empty.setVisible(not entries)
        self._history.setVisible(bool(entries))
        self._history.setRowCount(len(entries))
        for r, entry in enumerate(entries):
            ports = entry.ports
            sources = sorted({s for p in ports for s in p.source_prefixes})
            cells = [
                local_time(entry.start_time, with_date=True),
                entry.requestor,
                ", ".join(
                    f"{p.number}→{p.mapped_port}" if p.mapped_port else str(p.number) for p in ports
                ),
                ", ".join(sources) or self.tr("requester's address"),
                ", ".join(sorted({self._status_text(p) for p in ports})),
                _end_text(entry.start_time, max(p.end_time for p in ports)),
                entry.justification,
            ]
            for c, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self._history.setItem(r, c, item)
