"""Showing an Azure error: plain words first, the ids for a support ticket one click away."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from jitdesk.domain.errors import CloudError
from jitdesk.domain.wording import explain_error
from jitdesk.ui.texts import tr_text


def support_details(error: CloudError) -> str:
    """What support needs: operation, status, code, Azure's own message and the two ids."""
    d = error.details
    lines = [
        f"Operation: {error.operation or '-'}",
        f"HTTP status: {d.status if d.status is not None else '-'}",
        f"Error code: {d.code or '-'}",
        f"Request id (x-ms-request-id): {d.request_id or '-'}",
        f"Correlation id (x-ms-correlation-request-id): {d.correlation_id or '-'}",
        f"Message from Azure: {d.message or '-'}",
    ]
    return "\n".join(lines)


def show_error(parent: QWidget | None, title: str, error: CloudError) -> None:
    """A modal message: what happened and what to do; details and a copy button for support."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(title)
    box.setInformativeText(tr_text(explain_error(error)))
    details = support_details(error)
    box.setDetailedText(details)
    copy = box.addButton(
        QCoreApplication.translate("ErrorBox", "Copy details"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
    box.exec()
