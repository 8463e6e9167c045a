"""Screenshots of jitdesk's screens on the demo world, for the README and for review.

Run through ``packaging/make-screenshots`` (a real X11 window under Xvfb, with a tray host).
Each screen is reached as a user would: load, select a VM, open a dialog, type.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from jitdesk.app.application import application, build_desktop
from jitdesk.config.settings import Settings
from jitdesk.services.backend import ConnectionOptions
from jitdesk.services.grants import WarningLedger
from jitdesk.ui.request_dialog import RequestDialog


def _save(widget: QWidget, path: Path) -> None:
    for _ in range(3):
        QApplication.processEvents()
    if not widget.grab().save(str(path), "PNG"):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--suffix", default="en")
    parser.add_argument("--lang", default=None)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="jitdesk-screens-"))

    app = application(args.lang)
    settings = Settings(scratch / "settings.json")
    settings.set("grants.warn_minutes", "120,10")  # so a warning is due on the demo's grants
    desktop = build_desktop(
        ConnectionOptions(demo=True), settings, WarningLedger(scratch / "ledger.json")
    )
    window = desktop.window
    window.show()
    out = args.folder
    suffix = args.suffix

    def shoot() -> None:
        window.banner.hide()
        window.select_vm("vm-api-02")
        _save(window, out / f"main-window-{suffix}.png")

        window.select_vm("vm-web-02")
        actions = window.actions_
        assert actions is not None
        actions.request_access()
        dialog = actions.last_dialog
        assert isinstance(dialog, RequestDialog)
        dialog.justification.setText("Patch the web tier (CHG-4512)")
        _save(dialog, out / f"request-dialog-{suffix}.png")
        dialog.source_typed.setChecked(True)
        dialog.typed_sources.setText("203.0.113.7, 198.51.100.300")
        _save(dialog, out / f"request-dialog-error-{suffix}.png")
        dialog.reject()

        window.select_vm("vm-api-02")
        actions.request_access()
        dialog = actions.last_dialog
        dialog.source_typed.setChecked(True)
        dialog.typed_sources.setText("203.0.113.7")
        _save(dialog, out / f"request-dialog-policy-{suffix}.png")
        dialog.reject()

        desktop.grants.tick()
        window.tabs.setCurrentIndex(1)
        _save(window, out / f"open-grants-{suffix}.png")
        window.tabs.setCurrentIndex(0)

        connector = window.connect_
        assert connector is not None
        connector.start = lambda plan: 0  # a screenshot starts no real client
        window.select_vm("vm-api-01")  # reached over a VPN this machine does not have
        connector.connect_selected()
        connect_dialog = connector.last_dialog
        assert connect_dialog is not None
        for _ in range(200):
            if connect_dialog.retry.isVisible():
                break
            QApplication.processEvents()
            time.sleep(0.01)
        _save(connect_dialog, out / f"connect-failed-{suffix}.png")
        connect_dialog.reject()

        tray = desktop.grants.tray
        if tray.available:
            tray.rebuild_menu()
            tray.menu.popup(QPoint(900, 40))
            first = tray.menu.actions()[0].menu() if tray.menu.actions() else None
            _save(tray.menu, out / f"tray-menu-{suffix}.png")
            if first is not None:
                tray.menu.hide()
        else:
            print("no system tray here: tray menu not shot")
        window.close_handler = None
        app.quit()

    window.inventoryShown.connect(lambda: QTimer.singleShot(300, shoot))
    QTimer.singleShot(0, window.loader.load)
    try:
        return app.exec()
    finally:
        desktop.close()


if __name__ == "__main__":
    sys.exit(main())
