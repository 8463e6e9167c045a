"""How the window copes with a large inventory: time until the table is full, and how long
one keystroke in the search box takes. Prints figures; not a test.

    uv run python tests/bench/bench_window.py [--subscriptions 120 --vms 84]

Runs on Qt's offscreen platform against an in-process emulator on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_inventory import build_seed

from jitdesk.app.inventory_loader import InventoryLoader
from jitdesk.domain.clock import SystemClock
from jitdesk.emulator import Emulator
from jitdesk.services.backend import ConnectionOptions, open_backend
from jitdesk.services.inventory import InventoryService
from jitdesk.ui.main_window import MainWindow


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscriptions", type=int, default=120)
    parser.add_argument("--vms", type=int, default=84)
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    seed = build_seed(args.subscriptions, args.vms)
    with Emulator(seed) as emulator:
        backend = open_backend(
            ConnectionOptions(emulator_url=emulator.url, ca_bundle=emulator.ca_bundle)
        )
        service = InventoryService(backend.gateway)
        window = MainWindow(InventoryLoader(service), SystemClock())
        window.show()
        marks: dict[str, float] = {}
        first_rows: list[float] = []
        started = time.perf_counter()

        def on_rows() -> None:
            if not first_rows:
                first_rows.append(time.perf_counter() - started)

        window.model.rowsInserted.connect(on_rows)
        window.inventoryShown.connect(lambda: marks.setdefault("full", time.perf_counter()))
        window.inventoryShown.connect(app.quit)
        QTimer.singleShot(0, window.refresh)
        app.exec()
        full = marks["full"] - started

        keystrokes = []
        for text in ("v", "vm", "vm-", "vm-0", "vm-00", "vm-001", "closed", ""):
            begin = time.perf_counter()
            window.search.setText(text)
            app.processEvents()
            keystrokes.append((text, time.perf_counter() - begin, window.proxy.rowCount()))

        ticks = []
        for _ in range(5):
            begin = time.perf_counter()
            window.tick()
            app.processEvents()
            ticks.append(time.perf_counter() - begin)
        service.shutdown()
        backend.close()

    print(f"Machine: {os.cpu_count()} cores, offscreen Qt")
    print(
        f"World: {args.subscriptions} subscriptions x {args.vms} VMs "
        f"= {window.model.rowCount():,} rows"
    )
    print(f"first rows in the table after {first_rows[0]:.2f} s; table full after {full:.2f} s")
    for text, seconds, rows in keystrokes:
        print(f"search {text!r:10} -> {rows:6,} rows in {seconds * 1000:7.1f} ms")
    print(f"one countdown tick: median {statistics.median(ticks) * 1000:.1f} ms")
    sys.stdout.flush()
    # Leave without tearing Qt down object by object: the figures are printed, and PySide's
    # finalisation order at interpreter exit is not what this script measures.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
