"""The tray icon: at a glance whether grants are open or closing soon, with a menu of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QObject, QPointF, QRectF
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from jitdesk.domain.clock import Clock
from jitdesk.domain.grants import Grant
from jitdesk.domain.wording import format_remaining
from jitdesk.ui.resources import icon

CLOSING_SOON = timedelta(minutes=5)


def tray_state(grants: list[Grant], now_left: Callable[[Grant], timedelta]) -> str:
    """ "idle", "open" or "closing" for the user's grants."""
    if not grants:
        return "idle"
    if any(now_left(g) <= CLOSING_SOON for g in grants):
        return "closing"
    return "open"


def _badge(state: str) -> QIcon:
    base = icon("jitdesk").pixmap(64, 64)
    if state == "idle":
        return QIcon(base)
    pixmap = QPixmap(base)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#ffffff"))
    painter.setBrush(QColor("#2e8b3e" if state == "open" else "#d84315"))
    painter.drawEllipse(QRectF(34, 34, 28, 28))
    painter.setPen(QColor("#ffffff"))
    if state == "closing":
        painter.drawLine(QPointF(48, 40), QPointF(48, 50))
        painter.drawPoint(QPointF(48, 55))
    painter.end()
    return QIcon(pixmap)


class TrayController(QObject):
    """Owns the tray icon when the desktop has a tray; does nothing harmful when it has none."""

    def __init__(
        self,
        clock: Clock,
        grants: Callable[[], list[Grant]],
        open_window: Callable[[], None],
        connect: Callable[[Grant], None],
        extend: Callable[[Grant], None],
        quit_app: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self._grants = grants
        self._open_window = open_window
        self._connect = connect
        self._extend = extend
        self._quit = quit_app
        self.available = QSystemTrayIcon.isSystemTrayAvailable()
        self.icon = QSystemTrayIcon(_badge("idle"), self)
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.state = "idle"
        self.rebuild_menu()
        self.update()
        if self.available:
            self.icon.show()

    def _left(self, grant: Grant) -> timedelta:
        return grant.time_left(self.clock.now())

    def update(self) -> None:
        """Icon and tooltip for the current grants; cheap, called on each tick."""
        grants = sorted(self._grants(), key=lambda g: g.end_time)
        state = tray_state(grants, self._left)
        if state != self.state:
            self.icon.setIcon(_badge(state))
            self.state = state
        if not grants:
            self.icon.setToolTip(self.tr("jitdesk — no access open"))
            return
        first = grants[0]
        self.icon.setToolTip(
            self.tr("jitdesk — {vm}:{port} closes in {left}{more}").format(
                vm=first.vm.name,
                port=first.port,
                left=format_remaining(self._left(first)),
                more=self.tr(" (+{n} more)").format(n=len(grants) - 1) if len(grants) > 1 else "",
            )
        )

    def rebuild_menu(self) -> None:
        """Rebuilt each time the menu opens, so the times in it are current."""
        self.menu.clear()
        grants = sorted(self._grants(), key=lambda g: g.end_time)
        if not grants:
            none = self.menu.addAction(self.tr("No access open"))
            none.setEnabled(False)
        by_vm: dict[str, list[Grant]] = {}
        for grant in grants:
            by_vm.setdefault(grant.vm.id.key, []).append(grant)
        for vm_grants in by_vm.values():
            first = vm_grants[0]
            ports = ", ".join(str(g.port) for g in vm_grants)
            title = self.tr("{vm} ({ports}) — {left}").format(
                vm=first.vm.name, ports=ports, left=format_remaining(self._left(first))
            )
            sub = self.menu.addMenu(title)
            connect = QAction(self.tr("Connect"), sub)
            connect.triggered.connect(lambda _=False, g=first: self._connect(g))
            extend = QAction(self.tr("Extend…"), sub)
            extend.triggered.connect(lambda _=False, g=first: self._extend(g))
            sub.addAction(connect)
            sub.addAction(extend)
        self.menu.addSeparator()
        open_action = self.menu.addAction(self.tr("Open jitdesk"))
        open_action.triggered.connect(self._open_window)
        quit_action = self.menu.addAction(self.tr("Quit"))
        quit_action.triggered.connect(self._quit)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self._open_window()

    def hide(self) -> None:
        self.icon.hide()
