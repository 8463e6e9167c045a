"""Start-up of the window: Qt application, backend, loader, main window."""

from __future__ import annotations

import logging
import signal
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from jitdesk import STARTED, __version__
from jitdesk.app.grant_controller import GrantController
from jitdesk.app.inventory_loader import InventoryLoader
from jitdesk.config.settings import Settings, lead_times
from jitdesk.config.vm_prefs import VmPrefsStore
from jitdesk.domain.clock import Clock, ServerClock, SystemClock
from jitdesk.domain.connect import ConnectLink
from jitdesk.domain.jit_state import JitStateKind
from jitdesk.launch import rdp_file
from jitdesk.services.backend import Backend, ConnectionOptions, open_backend
from jitdesk.services.grants import GrantTracker, WarningLedger
from jitdesk.services.inventory import InventoryService
from jitdesk.ui.main_window import MainWindow
from jitdesk.ui.resources import icon, resource_dir

logger = logging.getLogger(__name__)


def _install_translator(app: QApplication, lang: str | None) -> list[QTranslator]:
    """Install jitdesk's translation and Qt's own (standard buttons, message boxes) for
    ``lang``, else for the first of the user's preferred languages that jitdesk speaks.

    English, the language of the source, needs no file and ends the search: a user who prefers
    English and also reads German gets English (``QTranslator.load`` alone would go on down the
    list and pick German). Returns the installed translators, so that a test can remove them.
    """
    preferred = QLocale(lang) if lang else QLocale.system()
    folder = str(resource_dir() / "i18n")
    for name in preferred.uiLanguages():
        locale = QLocale(name)
        if locale.language() in (QLocale.Language.English, QLocale.Language.C):
            return []
        own = QTranslator()
        if own.load(locale, "jitdesk", "_", folder):
            break
    else:
        return []
    installed = [own]
    qt = QTranslator()
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        installed.append(qt)
    for translator in installed:
        translator.setParent(app)
        app.installTranslator(translator)
    logger.debug("loaded the translation for %s", locale.name())
    return installed


def _save_screenshot(window: MainWindow, path: Path, code: int = 0) -> None:
    """Select a VM with an open grant (the richest detail panel), then save the window."""
    open_rows = [r for r in window.model.rows() if r.state.kind is JitStateKind.OPEN]
    if open_rows:
        richest = max(
            open_rows,
            key=lambda r: (
                len(r.inventory.policies.history_for(r.vm.id)) if r.inventory.policies else 0
            ),
        )
        window.select_vm(richest.vm.name)
    QApplication.processEvents()
    if not window.grab().save(str(path), "PNG"):
        logger.error("could not write the screenshot to %s", path)
        QApplication.exit(1)
        return
    window.close_handler = None  # leaving after a screenshot asks nothing
    seconds = time.perf_counter() - STARTED
    if code:
        print(f"screenshot of the error written to {path}")
    else:
        print(f"screenshot written to {path} (table full {seconds:.2f} s after start)")
    QApplication.exit(code)


@dataclass
class Desktop:
    """The running pieces of the window app, so the screenshot script and tests can reuse the
    same wiring as ``jitdesk`` itself."""

    backend: Backend
    service: InventoryService
    window: MainWindow
    grants: GrantController

    def close(self) -> None:
        self.grants.tray.hide()
        self.service.shutdown()
        self.backend.close()


def build_desktop(
    options: ConnectionOptions,
    settings: Settings | None = None,
    ledger: WarningLedger | None = None,
    clock: Clock | None = None,
    prefs: VmPrefsStore | None = None,
) -> Desktop:
    """Backend, inventory, window and grant tracking, wired; the caller starts the load.

    ``clock`` replaces the server-corrected system clock (tests pass a fake one)."""
    backend = open_backend(options)
    service = InventoryService(backend.gateway)
    loader = InventoryLoader(service)
    settings = settings or Settings()
    clock = clock or ServerClock(SystemClock(), backend.gateway.server_time.offset)
    window = MainWindow(loader, clock, backend.gateway, settings, prefs=prefs)
    chosen = settings  # narrowed names for the closure below (mypy keeps them non-None)
    used_clock = clock

    def make_tracker() -> GrantTracker:
        account = backend.gateway.account()  # known once the tenants have loaded
        return GrantTracker(
            account.username if account else "",
            used_clock,
            lead_times(chosen.get("grants.warn_minutes")),
            ledger or WarningLedger(None),
            refresh_interval=timedelta(seconds=chosen.get("grants.refresh_seconds")),
        )

    grants = GrantController(window, make_tracker, clock, settings)
    window.setWindowTitle(window.windowTitle() + f" — {backend.description}")
    return Desktop(backend, service, window, grants)


def application(lang: str | None = None) -> QApplication:
    """The QApplication, created once, with jitdesk's names, icon and translation."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("jitdesk")
    app.setOrganizationName("jitdesk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("jitdesk"))
    _install_translator(app, lang)
    return app


def _report_unexpected_errors(window: MainWindow) -> None:
    """An exception that escapes a slot goes to the log file and, in words, to the user;
    a windowed build has no terminal where a traceback could be read."""

    def hook(kind: type[BaseException], error: BaseException, trace: Any) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        logger.error("unexpected error", exc_info=(kind, error, trace))
        QMessageBox.critical(
            window,
            QCoreApplication.translate("Application", "Something went wrong"),
            QCoreApplication.translate(
                "Application",
                "jitdesk hit an unexpected error: {error}\n\nThe details are in jitdesk's log "
                "file. Your open access is not affected.",
            ).format(error=error),
        )

    sys.excepthook = hook


def _quit_on_signals(app: QApplication, window: MainWindow) -> None:
    """Ctrl+C in the terminal and SIGTERM end the app cleanly (the demo emulator's files are
    removed), without asking about open grants: a signal means "now"."""

    def quit_now(_signum: int, _frame: object) -> None:
        window.close_handler = None
        QTimer.singleShot(0, app.quit)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, quit_now)
    # Python runs signal handlers only between bytecodes; wake it regularly from Qt's loop.
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def run_gui(
    options: ConnectionOptions,
    screenshot: str | None = None,
    lang: str | None = None,
    link: ConnectLink | None = None,
) -> int:
    """Open the main window and run the event loop until the user quits. With ``link``, the
    window opens at the linked VM and offers to connect once the inventory is loaded."""
    app = application(lang)
    removed = rdp_file.cleanup(timedelta(hours=12))
    if removed:
        logger.info("removed %d old .rdp files", removed)
    desktop = build_desktop(options)
    window = desktop.window
    window.show()
    if link is not None and window.connect_ is not None and not screenshot:
        connector = window.connect_

        def follow_link() -> None:
            window.inventoryShown.disconnect(follow_link)
            connector.connect_link(link)

        window.inventoryShown.connect(follow_link)
    if screenshot:
        target = Path(screenshot)
        window.inventoryShown.connect(
            lambda: QTimer.singleShot(50, lambda: _save_screenshot(window, target))
        )
        window.loader.loadFailed.connect(
            lambda _error: QTimer.singleShot(50, lambda: _save_screenshot(window, target, 1))
        )
    _quit_on_signals(app, window)
    _report_unexpected_errors(window)
    QTimer.singleShot(0, window.loader.load)
    try:
        return app.exec()
    finally:
        desktop.close()
