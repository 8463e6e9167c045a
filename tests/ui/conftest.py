"""Fixtures for the window tests: a main window wired to a demo emulator."""

from __future__ import annotations

import pytest

from jitdesk.app.inventory_loader import InventoryLoader
from jitdesk.domain.clock import SystemClock
from jitdesk.services.inventory import InventoryService
from jitdesk.ui.main_window import MainWindow

LOAD_TIMEOUT_MS = 15_000


@pytest.fixture
def window(qtbot, demo_backend):
    service = InventoryService(demo_backend.gateway)
    loader = InventoryLoader(service)
    main = MainWindow(loader, SystemClock())
    qtbot.addWidget(main)
    main.show()
    yield main
    service.shutdown()


def load(qtbot, window: MainWindow) -> None:
    """Refresh and wait (on the signal, not the clock) until the table shows the result."""
    with qtbot.waitSignal(window.inventoryShown, timeout=LOAD_TIMEOUT_MS):
        window.refresh()
