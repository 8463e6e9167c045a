"""A calm, centred message for the empty, loading and error states of a view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from jitdesk.ui.resources import icon


class MessagePage(QWidget):
    """A calm, centred message for empty, loading and error states, with one action."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.body.setWordWrap(True)
        # A fixed width lets the label work out its wrapped height; a narrow size hint cut
        # the advice off after the first words.
        self.body.setFixedWidth(520)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton()
        self.button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.icon, self.title, self.body):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._action: object = None

    def show_message(
        self,
        title: str,
        body: str,
        icon_name: str | None = None,
        button: str | None = None,
    ) -> None:
        self.title.setText(title)
        self.body.setText(body)
        # An aligned label in a layout is given its one-line size hint; ask for the wrapped one.
        self.body.setFixedHeight(self.body.heightForWidth(self.body.width()))
        if icon_name:
            self.icon.setPixmap(icon(icon_name).pixmap(48, 48))
            self.icon.show()
        else:
            self.icon.hide()
        self.button.setVisible(button is not None)
        self.button.setText(button or "")
