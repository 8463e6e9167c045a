"""Telling the user something while they may be looking elsewhere: the tray's balloon or
toast where there is a system tray, a banner in the window where there is none."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSystemTrayIcon, QWidget


class Notifier(Protocol):
    def notify(self, title: str, text: str, grant_key: str | None) -> None:
        """Show a short message; ``grant_key`` says which grant a click should extend."""
        ...


class Banner(QFrame):
    """The in-window notice: text, an "Extend…" button when it is about a grant, and Dismiss."""

    extendRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("grantBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#grantBanner { background: #fff4d6; border: 1px solid #e0b84c; border-radius: 4px; }"
            "#grantBanner QLabel { color: #4a3b00; }"
        )
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.extend_button = QPushButton(self.tr("Extend…"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self.hide)
        self.extend_button.clicked.connect(self._extend)
        layout = QHBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.extend_button)
        layout.addWidget(self.dismiss_button)
        self._grant_key: str | None = None
        self.hide()

    def show_notice(self, title: str, text: str, grant_key: str | None) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self._grant_key = grant_key
        self.extend_button.setVisible(grant_key is not None)
        self.show()

    def _extend(self) -> None:
        if self._grant_key is not None:
            self.extendRequested.emit(self._grant_key)


class WindowNotifier:
    """Notices as a banner in the main window; used where no system tray exists."""

    def __init__(self, banner: Banner) -> None:
        self.banner = banner
        self.shown: list[tuple[str, str, str | None]] = []

    def notify(self, title: str, text: str, grant_key: str | None) -> None:
        self.shown.append((title, text, grant_key))
        self.banner.show_notice(title, text, grant_key)


class TrayNotifier(QObject):
    """Notices as the tray icon's message (a desktop notification or a balloon). A click on it
    asks to extend the grant it was about. The window banner shows the same text, so nothing
    is lost where the desktop suppresses tray messages."""

    def __init__(
        self, tray: QSystemTrayIcon, banner: WindowNotifier, on_click: Callable[[str], None]
    ) -> None:
        super().__init__(tray)
        self.tray = tray
        self.window = banner
        self._last_key: str | None = None
        self._on_click = on_click
        tray.messageClicked.connect(self._clicked)

    def notify(self, title: str, text: str, grant_key: str | None) -> None:
        self._last_key = grant_key
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 15_000)
        self.window.notify(title, text, grant_key)

    def _clicked(self) -> None:
        if self._last_key is not None:
            self._on_click(self._last_key)
