"""Open grants in the window and the tray: countdown, warnings, expiry, extend.

The emulator's clock is frozen and moved by the tests, and the app runs on a fake clock kept
at the same time, so nothing waits for real time to pass.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpers.grant_world import FakeClock
from PySide6.QtWidgets import QSystemTrayIcon

from jitdesk.app.application import build_desktop
from jitdesk.config.settings import Settings
from jitdesk.domain.grants import EndReason
from jitdesk.domain.jit_state import JitStateKind
from jitdesk.emulator import Emulator, EmulatorClock, load_seed
from jitdesk.services.backend import ConnectionOptions
from jitdesk.services.grants import WarningLedger
from jitdesk.ui.notifier import WindowNotifier
from jitdesk.ui.request_dialog import RequestDialog
from tests.ui.conftest import LOAD_TIMEOUT_MS

START = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
WEB_01_ENDS = START + timedelta(hours=1, minutes=40)  # the demo user's grant on vm-web-01:22


@pytest.fixture
def emulator():
    with Emulator(load_seed("demo"), clock=EmulatorClock(START)) as emu:
        yield emu


@pytest.fixture
def clock():
    return FakeClock(START)


@pytest.fixture
def desktop(qtbot, emulator, clock, tmp_path):
    settings = Settings(tmp_path / "settings.json")
    desk = build_desktop(
        ConnectionOptions(emulator_url=emulator.url, ca_bundle=emulator.ca_bundle),
        settings,
        WarningLedger(tmp_path / "ledger.json", clock),
        clock,
    )
    desk.grants.ticker.stop()  # the tests tick by hand
    desk.window.show()
    _load(qtbot, desk)
    yield desk
    desk.window.close_handler = None  # closing in teardown must not ask about open grants
    desk.window.close()
    desk.close()


def _load(qtbot, desk) -> None:
    with qtbot.waitSignal(desk.window.inventoryShown, timeout=LOAD_TIMEOUT_MS):
        desk.window.refresh()


def _move(emulator, clock, when: datetime) -> None:
    emulator.clock.set(when)
    clock.set(when)


def _mine(desk):
    return {(g.vm.name, g.port) for g in desk.grants.tracker.mine()}


def _left_cell(desk, vm: str) -> str:
    view = desk.window.grants_view
    for row in range(view.mine_table.rowCount()):
        if view.mine_table.item(row, 0).text() == vm:
            return view.mine_table.item(row, 2).text()
    raise AssertionError(vm)


def test_the_users_grants_are_tracked_apart_from_other_peoples(desktop):
    assert _mine(desktop) == {("vm-web-01", 22), ("vm-api-02", 3389)}
    others = {(g.vm.name, g.requestor) for g in desktop.grants.tracker.others()}
    assert ("jump-weu-01", "jonas.weber@contoso.example") in others
    assert desktop.window.tabs.tabText(1) == "Open grants (2)"


def test_the_countdown_reads_the_same_at_several_points(desktop, emulator, clock):
    view = desktop.window.grants_view
    view.tick()
    assert _left_cell(desktop, "vm-web-01") == "1:40:00"

    clock.set(WEB_01_ENDS - timedelta(minutes=10))
    view.tick()
    assert _left_cell(desktop, "vm-web-01") == "10:00"

    clock.set(WEB_01_ENDS - timedelta(seconds=30))
    desktop.window.tick()
    assert _left_cell(desktop, "vm-web-01") == "00:30"
    row = next(r for r in desktop.window.model.rows() if r.vm.name == "vm-web-01")
    assert desktop.window.model.open_ports_text(row) == "22 00:30"


def test_without_a_tray_each_warning_appears_once_in_the_window(qtbot, desktop, emulator, clock):
    assert not QSystemTrayIcon.isSystemTrayAvailable()
    notifier = desktop.grants.notifier
    assert isinstance(notifier, WindowNotifier)
    assert notifier.shown == []

    _move(emulator, clock, WEB_01_ENDS - timedelta(minutes=10))
    desktop.grants.tick()
    desktop.grants.tick()
    _load(qtbot, desktop)

    assert [t for t, _, _ in notifier.shown] == ["Access to vm-web-01 ends soon"]
    assert desktop.window.banner.isVisible()
    assert "Port 22 closes in 10:00" in desktop.window.banner.text.text()

    _move(emulator, clock, WEB_01_ENDS - timedelta(minutes=2))
    desktop.grants.tick()
    assert len(notifier.shown) == 2
    assert "02:00" in notifier.shown[-1][1]


def test_expiry_moves_the_vm_back_to_closed_and_says_so(qtbot, desktop, emulator, clock):
    _move(emulator, clock, WEB_01_ENDS + timedelta(seconds=1))

    desktop.grants.tick()
    desktop.window.tick()

    assert ("vm-web-01", 22) not in _mine(desktop)
    row = next(r for r in desktop.window.model.rows() if r.vm.name == "vm-web-01")
    assert row.state.kind is JitStateKind.CLOSED
    titles = [t for t, _, _ in desktop.grants.notifier.shown]
    assert "Access to vm-web-01 has ended" in titles
    assert desktop.window.tabs.tabText(1) == "Open grants (1)"


def test_the_tray_menu_lists_each_grant_with_connect_and_extend(desktop, clock):
    tray = desktop.grants.tray

    tray.rebuild_menu()

    entries = [a.text() for a in tray.menu.actions() if a.text()]
    assert entries[:2] == ["vm-web-01 (22) — 1:40:00", "vm-api-02 (3389) — 2:50:00"]
    assert entries[-2:] == ["Open jitdesk", "Quit"]
    submenu = tray.menu.actions()[0].menu()
    assert [a.text() for a in submenu.actions()] == ["Connect", "Extend…"]
    tray.update()
    assert tray.icon.toolTip() == "jitdesk — vm-web-01:22 closes in 1:40:00 (+1 more)"
    assert tray.state == "open"
    clock.set(WEB_01_ENDS - timedelta(minutes=4))
    tray.update()
    assert tray.state == "closing"


def test_extend_asks_for_the_same_port_and_source_and_supersedes(qtbot, desktop, emulator):
    grant = next(g for g in desktop.grants.tracker.mine() if g.vm.name == "vm-web-01")

    desktop.grants.extend(grant)
    dialog = desktop.window.actions_.last_dialog
    assert isinstance(dialog, RequestDialog)
    assert [n for n, b in dialog.port_boxes.items() if b.isChecked()] == [22]
    assert dialog.source_typed.isChecked()
    assert dialog.typed_sources.text() == "203.0.113.45"
    assert dialog.minutes.value() == 180
    with qtbot.waitSignal(desktop.window.inventoryChanged, timeout=LOAD_TIMEOUT_MS):
        dialog.submit()

    [sent] = [r for r in emulator.requests if r.path.endswith("/initiate")]
    assert sent.body["virtualMachines"][0]["ports"] == [
        {"number": 22, "duration": "PT3H", "allowedSourceAddressPrefix": "203.0.113.45"}
    ]
    new = next(g for g in desktop.grants.tracker.mine() if g.vm.name == "vm-web-01")
    assert new.end_time == START + timedelta(hours=3)
    notices = [t for t, text, _ in desktop.grants.notifier.shown if "newer request" in text]
    assert notices == ["Access to vm-web-01 has ended"]


def test_quitting_with_open_grants_can_be_cancelled(desktop):
    asked: list[bool] = []
    desktop.grants.confirm_quit = lambda: asked.append(True) or False

    desktop.window.close()

    assert asked == [True]
    assert desktop.window.isVisible()


def test_superseded_grants_name_their_reason(desktop):
    ended = [EndReason.SUPERSEDED]
    assert desktop.grants._ended_text(
        type("E", (), {"grant": desktop.grants.tracker.mine()[0], "reason": ended[0]})()
    )[1].endswith("a newer request replaced this one.")
