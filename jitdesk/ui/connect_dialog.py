"""Connect, as the user follows it: access asked for, the port probed, the client started."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jitdesk.app.tasks import TaskRunner
from jitdesk.domain.text import Text
from jitdesk.services.connect import Cancelled, ConnectFailed, ConnectOutcome, Step
from jitdesk.ui.texts import tr_text

logger = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries progress reports from the worker thread to the dialog (queued)."""

    step = Signal(object, object)


class ConnectDialog(QDialog):
    """Runs one Connect in the background and shows each step; Cancel stops the wait."""

    finishedConnect = Signal(object)  # ConnectOutcome on success, None otherwise

    def __init__(
        self,
        vm_name: str,
        work: Callable[[Callable[[Step, Text], None], Callable[[], bool]], ConnectOutcome],
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        """``work(report, cancelled)`` does the connecting on a worker thread."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to {vm}").format(vm=vm_name))
        self.setMinimumWidth(520)
        self._work = work
        self._runner = runner
        self._cancel = threading.Event()
        self.outcome: ConnectOutcome | None = None
        self.steps: list[str] = []

        self.heading = QLabel(self.tr("Connecting to {vm}").format(vm=vm_name))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.command = QLabel()
        self.command.setWordWrap(True)
        self.command.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.command.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.retry = QPushButton(self.tr("Try again"))
        self.retry.hide()
        self.buttons.addButton(self.retry, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self._cancel_or_close)
        self.retry.clicked.connect(self.start)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.command)
        layout.addWidget(self.buttons)

        self._relay = _Relay(self)
        self._relay.step.connect(self._on_step)

    def start(self) -> None:
        """Begin (or try again) in the background."""
        self._cancel.clear()
        self.retry.hide()
        self.progress.show()
        self.status.setStyleSheet("")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

        def report(step: Step, text: Text) -> None:
            self._relay.step.emit(step, text)

        self._runner.run(
            lambda: self._work(report, self._cancel.is_set), self._on_done, self._on_error
        )

    def _on_step(self, step: Step, text: Text) -> None:
        line = tr_text(text)
        self.steps.append(line)
        self.status.setText(line)

    def _on_done(self, outcome: ConnectOutcome) -> None:
        self.outcome = outcome
        self.progress.hide()
        if outcome.plan is not None:
            self.command.setText(outcome.plan.display)
            self.command.show()
        self.finishedConnect.emit(outcome)
        self.accept()

    def _on_error(self, error: Exception) -> None:
        self.progress.hide()
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Close"))
        if isinstance(error, Cancelled):
            self.finishedConnect.emit(None)
            super().reject()
            return
        if isinstance(error, ConnectFailed):
            text = tr_text(error.text)
        else:
            logger.error("Connect failed", exc_info=error)
            text = self.tr("Connect failed: {error}").format(error=error)
        self.status.setText(text)
        self.status.setStyleSheet("color: #b71c1c;")
        self.retry.show()
        self.finishedConnect.emit(None)

    def _cancel_or_close(self) -> None:
        self.reject()

    def reject(self) -> None:
        """Cancel, Escape and the window's close button: stop a running Connect first (the
        dialog closes when the worker has stopped), else close."""
        if self.progress.isVisible():
            self._cancel.set()
            self.status.setText(self.tr("Cancelling…"))
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.progress.isVisible():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
