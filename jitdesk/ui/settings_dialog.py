"""The settings dialog, built from the settings registry: one row per declared setting."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jitdesk.config.settings import REGISTRY, C, InvalidSetting, Setting, Settings
from jitdesk.ui.texts import tr_text


def _tr(text: str) -> str:
    return QCoreApplication.translate(C, text)


class SettingsDialog(QDialog):
    """Edits every registered setting; values are saved when the user presses OK."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for setting in REGISTRY:
            editor = self._editor(setting, settings.get(setting.key))
            editor.setToolTip(_tr(setting.help))
            self.editors[setting.key] = editor
            form.addRow(_tr(setting.label), editor)
            hint = QLabel(_tr(setting.help))
            hint.setWordWrap(True)
            hint.setEnabled(False)
            form.addRow("", hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b71c1c;")
        self.problems.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)

    @staticmethod
    def _editor(setting: Setting, value: Any) -> QWidget:
        if setting.kind is bool:
            box = QCheckBox()
            box.setChecked(bool(value))
            return box
        if setting.kind is str:
            return QLineEdit(str(value))
        spin = QSpinBox()
        spin.setRange(setting.minimum or 0, setting.maximum or 1_000_000)
        spin.setValue(int(value))
        return spin

    def value(self, key: str) -> Any:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QLineEdit):
            return editor.text().strip()
        assert isinstance(editor, QSpinBox)
        return editor.value()

    def _save(self) -> None:
        """Check every value first; store them only when all are good (nothing typed is lost)."""
        problems = []
        for setting in REGISTRY:
            if setting.check is not None:
                try:
                    setting.check(self.value(setting.key))
                except InvalidSetting as error:
                    problems.append(f"{_tr(setting.label)}: {tr_text(error.text)}")
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        if problems:
            return
        for setting in REGISTRY:
            value = self.value(setting.key)
            if value != self.settings.get(setting.key):
                self.settings.set(setting.key, value)
        self.accept()
