"""Start-up of the window: Qt application, backend, loader, main window."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from jitdesk import STARTED, __version__
from jitdesk.app.inventory_loader import InventoryLoader
from jitdesk.config.settings import Settings
from jitdesk.domain.clock import SystemClock
from jitdesk.domain.jit_state import JitStateKind
from jitdesk.services.backend import ConnectionOptions, open_backend
from jitdesk.services.inventory import InventoryService
from jitdesk.ui.main_window import MainWindow
from jitdesk.ui.resources import icon, resource_dir

logger = logging.getLogger(__name__)


def _install_translator(app: QApplication, lang: str | None) -> None:
    locale = QLocale(lang) if lang else QLocale.system()
    translator = QTranslator(app)
    folder = resource_dir() / "i18n"
    if translator.load(locale, "jitdesk", "_", str(folder)):
        app.installTranslator(translator)
        logger.debug("loaded translation for %s", locale.name())


def _save_screenshot(window: MainWindow, path: Path) -> None:
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
    seconds = time.perf_counter() - STARTED
    print(f"screenshot written to {path} (table full {seconds:.2f} s after start)")
    QApplication.quit()


def run_gui(
    options: ConnectionOptions, screenshot: str | None = None, lang: str | None = None
) -> int:
    """Open the main window and run the event loop until the user quits."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("jitdesk")
    app.setOrganizationName("jitdesk")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(icon("jitdesk"))
    _install_translator(app, lang)

    backend = open_backend(options)
    service = InventoryService(backend.gateway)
    loader = InventoryLoader(service)
    window = MainWindow(loader, SystemClock(), backend.gateway, Settings())
    window.setWindowTitle(window.windowTitle() + f" — {backend.description}")
    window.show()
    if screenshot:
        target = Path(screenshot)
        window.inventoryShown.connect(
            lambda: QTimer.singleShot(50, lambda: _save_screenshot(window, target))
        )
    QTimer.singleShot(0, loader.load)
    try:
        return app.exec()
    finally:
        service.shutdown()
        backend.close()
