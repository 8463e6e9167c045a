"""Screenshots of jitdesk's screens on the demo world, for the README and for review.

Run through ``packaging/make-screenshots`` (a real X11 window under Xvfb). Each screen is set
up the way a user would reach it: load, select a VM, open a dialog, type.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from jitdesk.app.inventory_loader import InventoryLoader
from jitdesk.config.settings import Settings
from jitdesk.domain.clock import SystemClock
from jitdesk.services.backend import ConnectionOptions, open_backend
from jitdesk.services.inventory import InventoryService
from jitdesk.ui.main_window import MainWindow
from jitdesk.ui.request_dialog import RequestDialog


def _save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    if not widget.grab().save(str(path), "PNG"):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--suffix", default="en")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)

    app = QApplication(sys.argv[:1])
    backend = open_backend(ConnectionOptions(demo=True))
    service = InventoryService(backend.gateway)
    settings = Settings(args.folder / ".screens-settings.json")
    window = MainWindow(InventoryLoader(service), SystemClock(), backend.gateway, settings)
    window.show()

    def shoot() -> None:
        window.select_vm("vm-api-02")
        _save(window, args.folder / f"main-window-{args.suffix}.png")

        window.select_vm("vm-web-02")
        actions = window.actions_
        assert actions is not None
        actions.request_access()
        dialog = actions.last_dialog
        assert isinstance(dialog, RequestDialog)
        dialog.justification.setText("Patch the web tier (CHG-4512)")
        _save(dialog, args.folder / f"request-dialog-{args.suffix}.png")

        dialog.source_typed.setChecked(True)
        dialog.typed_sources.setText("203.0.113.7, 198.51.100.300")
        _save(dialog, args.folder / f"request-dialog-error-{args.suffix}.png")
        dialog.reject()

        window.select_vm("vm-api-02")
        actions.request_access()
        dialog = actions.last_dialog
        dialog.source_typed.setChecked(True)
        dialog.typed_sources.setText("203.0.113.7")
        _save(dialog, args.folder / f"request-dialog-policy-{args.suffix}.png")
        dialog.reject()
        app.quit()

    window.inventoryShown.connect(lambda: QTimer.singleShot(100, shoot))
    QTimer.singleShot(0, window.refresh)
    try:
        return app.exec()
    finally:
        service.shutdown()
        backend.close()


if __name__ == "__main__":
    sys.exit(main())
