"""The "Open grants" view: the user's open access across every tenant, and other people's
grants on the same VMs, counting down."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jitdesk.domain.clock import Clock
from jitdesk.domain.grants import Grant
from jitdesk.domain.wording import format_remaining
from jitdesk.ui.tables import readonly_table
from jitdesk.ui.texts import local_time

CLOSING_SOON = timedelta(minutes=5)
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class GrantsView(QWidget):
    extendRequested = Signal(object)  # Grant
    connectRequested = Signal(object)  # Grant
    showRequested = Signal(object)  # Grant

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._mine: list[Grant] = []
        self._others: list[Grant] = []
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        self.mine_label = QLabel()
        self.mine_table = readonly_table(
            [
                self.tr("VM"),
                self.tr("Port"),
                self.tr("Time left"),
                self.tr("Ends"),
                self.tr("Source"),
                self.tr("Subscription"),
            ],
            selectable=True,
        )
        self.extend_button = QPushButton(self.tr("Extend…"))
        self.connect_button = QPushButton(self.tr("Connect"))
        self.show_button = QPushButton(self.tr("Show VM"))
        for button, signal in (
            (self.extend_button, self.extendRequested),
            (self.connect_button, self.connectRequested),
            (self.show_button, self.showRequested),
        ):
            button.clicked.connect(lambda _=False, s=signal: self._emit_selected(s))
        buttons = QHBoxLayout()
        buttons.addWidget(self.extend_button)
        buttons.addWidget(self.connect_button)
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        self.mine_table.itemSelectionChanged.connect(self._update_buttons)
        self.mine_table.doubleClicked.connect(lambda _i: self._emit_selected(self.extendRequested))

        self.others_label = QLabel(self.tr("Other people's open access on the same VMs"))
        self.others_table = readonly_table(
            [
                self.tr("VM"),
                self.tr("Port"),
                self.tr("Time left"),
                self.tr("Ends"),
                self.tr("Source"),
                self.tr("Requested by"),
            ],
            selectable=True,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.mine_label)
        layout.addWidget(self.mine_table, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.others_label)
        layout.addWidget(self.others_table, 1)
        self.set_grants([], [])

    def set_grants(self, mine: list[Grant], others: list[Grant]) -> None:
        selected = self.selected()
        self._mine = sorted(mine, key=lambda g: g.end_time)
        self._others = sorted(others, key=lambda g: g.end_time)
        self._fill(self.mine_table, self._mine, last=lambda g: g.subscription.display_name)
        self._fill(self.others_table, self._others, last=lambda g: g.requestor)
        if selected is not None:
            for row, grant in enumerate(self._mine):
                if grant.key == selected.key:
                    self.mine_table.selectRow(row)
        self.mine_label.setText(
            self.tr("Your open access ({n})").format(n=len(self._mine))
            if self._mine
            else self.tr("You have no open access. Select a VM and press Enter to ask for it.")
        )
        self.others_label.setVisible(bool(self._others))
        self.others_table.setVisible(bool(self._others))
        self._update_buttons()

    def _fill(self, table: QTableWidget, grants: list[Grant], last) -> None:  # type: ignore[no-untyped-def]
        table.setRowCount(len(grants))
        for row, grant in enumerate(grants):
            port = str(grant.port) + (f" → {grant.mapped_port}" if grant.mapped_port else "")
            cells = [
                grant.vm.name,
                port,
                "",
                local_time(grant.end_time, with_date=True),
                ", ".join(grant.source_prefixes) or "-",
                last(grant),
            ]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(KEY_ROLE, grant.key)
                if column == 2:
                    item.setFont(self._mono)
                table.setItem(row, column, item)
        self.tick()

    def tick(self) -> None:
        """Recount every "time left" cell from the absolute end times."""
        now = self.clock.now()
        for table, grants in ((self.mine_table, self._mine), (self.others_table, self._others)):
            for row, grant in enumerate(grants):
                item = table.item(row, 2)
                if item is None:
                    continue
                left = grant.time_left(now)
                item.setText(format_remaining(left))
                soon = left <= CLOSING_SOON
                item.setForeground(QBrush(QColor("#c62828")) if soon else QBrush())

    def selected(self) -> Grant | None:
        rows = {i.row() for i in self.mine_table.selectedIndexes()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self._mine[row] if row < len(self._mine) else None

    def _emit_selected(self, signal) -> None:  # type: ignore[no-untyped-def]
        grant = self.selected()
        if grant is not None:
            signal.emit(grant)

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.extend_button, self.connect_button, self.show_button):
            button.setEnabled(chosen)
