"""Enable JIT on VMs, or edit a VM's JIT rules: ports, protocol, sources, longest grant."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from jitdesk.domain.access import Problem
from jitdesk.domain.model import PortRule, Protocol
from jitdesk.domain.policy_edit import OfferedPort, check_rules
from jitdesk.domain.prefixes import parse_prefixes
from jitdesk.domain.wording import format_duration
from jitdesk.ui.texts import tr_text

GRANTS = (5, 15, 30, 60, 120, 180, 240, 480, 720, 1440)
PROTOCOLS = (Protocol.TCP, Protocol.UDP, Protocol.ANY)


class PolicyDialog(QDialog):
    """Edits the port rules one VM (or several, for "Enable JIT") will have. Writes nothing
    itself: the caller saves :meth:`rules` (read-modify-write, in the background)."""

    def __init__(
        self, title: str, intro: str, offered: list[OfferedPort], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(680)
        heading = QLabel(intro)
        heading.setWordWrap(True)

        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("On"),
                self.tr("Port"),
                self.tr("Protocol"),
                self.tr("Allowed sources (* = any)"),
                self.tr("Longest grant"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        self.new_port = QSpinBox()
        self.new_port.setRange(1, 65535)
        self.new_port.setValue(22)
        self.new_port.setAccessibleName(self.tr("New port number"))
        add = QPushButton(self.tr("Add port"))
        add.setAutoDefault(False)
        add.clicked.connect(
            lambda: self.add_rule(
                PortRule(self.new_port.value(), Protocol.TCP, ("*",), timedelta(hours=3)), True
            )
        )
        remove = QPushButton(self.tr("Remove selected"))
        remove.setAutoDefault(False)
        remove.clicked.connect(self._remove_selected)
        tools = QHBoxLayout()
        tools.addWidget(self.new_port)
        tools.addWidget(add)
        tools.addWidget(remove)
        tools.addStretch(1)

        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setStyleSheet("color: #b71c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(tools)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.buttons)

        for offer in offered:
            self.add_rule(offer.rule, offer.selected)
        self.update_state()

    def add_rule(self, rule: PortRule, selected: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        enabled = QCheckBox()
        enabled.setChecked(selected)
        enabled.toggled.connect(self.update_state)
        port = QSpinBox()
        port.setRange(1, 65535)
        port.setValue(rule.number)
        port.valueChanged.connect(self.update_state)
        protocol = QComboBox()
        for choice in PROTOCOLS:
            protocol.addItem(self.tr("any") if choice is Protocol.ANY else choice.value, choice)
        protocol.setCurrentIndex(PROTOCOLS.index(rule.protocol))
        sources = QLineEdit(", ".join(rule.allowed_source_prefixes))
        sources.textChanged.connect(self.update_state)
        grant = QComboBox()
        minutes = int(rule.max_duration.total_seconds() // 60)
        for value in sorted({*GRANTS, minutes}):
            grant.addItem(tr_text(format_duration(timedelta(minutes=value))), value)
        grant.setCurrentIndex(grant.findData(minutes))
        for column, widget in enumerate((enabled, port, protocol, sources, grant)):
            self.table.setCellWidget(row, column, widget)
        self.update_state()

    def _remove_selected(self) -> None:
        for index in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(index)
        self.update_state()

    def rules(self) -> list[PortRule]:
        """The ticked rules as typed (sources normalised where they parse)."""
        result = []
        for row in range(self.table.rowCount()):
            enabled = self.table.cellWidget(row, 0)
            if not isinstance(enabled, QCheckBox) or not enabled.isChecked():
                continue
            port = self.table.cellWidget(row, 1)
            protocol = self.table.cellWidget(row, 2)
            sources = self.table.cellWidget(row, 3)
            grant = self.table.cellWidget(row, 4)
            assert isinstance(port, QSpinBox) and isinstance(protocol, QComboBox)
            assert isinstance(sources, QLineEdit) and isinstance(grant, QComboBox)
            good, _ = parse_prefixes(sources.text())
            result.append(
                PortRule(
                    port.value(),
                    protocol.currentData(),
                    tuple(good),
                    timedelta(minutes=int(grant.currentData())),
                )
            )
        return result

    def problems(self) -> list[Problem]:
        problems: list[Problem] = []
        for row in range(self.table.rowCount()):
            sources = self.table.cellWidget(row, 3)
            enabled = self.table.cellWidget(row, 0)
            ticked = isinstance(enabled, QCheckBox) and enabled.isChecked()
            if ticked and isinstance(sources, QLineEdit):
                problems += [Problem("source", t) for t in parse_prefixes(sources.text())[1]]
        return problems + check_rules(self.rules())

    def update_state(self) -> None:
        problems = self.problems()
        self.problems_label.setText("\n".join(tr_text(p.text) for p in problems))
        self.problems_label.setVisible(bool(problems))
        self.save_button.setEnabled(not problems)

    def _accept(self) -> None:
        if not self.problems():
            self.accept()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Enter in a cell editor must not save the dialog by accident.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.save_button.hasFocus():
            event.ignore()
            return
        super().keyPressEvent(event)
