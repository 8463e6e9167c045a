"""The whole Connect flow in the window, with a launcher that only records what it was asked
to start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from jitdesk.app.application import build_desktop
from jitdesk.config.settings import Settings
from jitdesk.config.vm_prefs import VmPrefs, VmPrefsStore
from jitdesk.domain.jit_state import JitStateKind
from jitdesk.emulator import Emulator, EmulatorClock
from jitdesk.services.backend import ConnectionOptions
from jitdesk.services.connect import BARE
from jitdesk.services.grants import WarningLedger
from tests.integration.test_connect import gated_seed
from tests.ui.conftest import LOAD_TIMEOUT_MS

START = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


class EmulatorTime:
    def __init__(self, emulator: Emulator) -> None:
        self.emulator = emulator

    def now(self) -> datetime:
        return self.emulator.clock.now()


@pytest.fixture
def desktop(qtbot, tmp_path):
    with Emulator(
        gated_seed(), gates=True, clock=EmulatorClock(START), initiate_delay=timedelta(0)
    ) as emulator:
        desk = build_desktop(
            ConnectionOptions(emulator_url=emulator.url, ca_bundle=emulator.ca_bundle),
            Settings(tmp_path / "settings.json"),
            WarningLedger(tmp_path / "ledger.json"),
            EmulatorTime(emulator),
            VmPrefsStore(tmp_path / "vms.json"),
        )
        desk.grants.ticker.stop()
        desk.window.show()
        with qtbot.waitSignal(desk.window.inventoryShown, timeout=LOAD_TIMEOUT_MS):
            desk.window.refresh()
        desk.emulator = emulator
        started: list[list[str]] = []
        desk.started = started
        desk.window.connect_.start = lambda plan: started.append(plan.argv) or 1234
        desk.window.connect_.choose = lambda target, **_: BARE[target.protocol]
        yield desk
        desk.window.close_handler = None
        desk.window.close()
        desk.close()


def _connect(qtbot, desk, name: str):
    assert desk.window.select_vm(name)
    actions = desk.window.connect_
    assert actions.connect_action.isEnabled()
    with qtbot.waitSignal(desk.window.model.modelReset, timeout=LOAD_TIMEOUT_MS):
        actions.connect_action.trigger()
        dialog = actions.last_dialog
        with qtbot.waitSignal(dialog.finishedConnect, timeout=LOAD_TIMEOUT_MS) as done:
            pass
    return dialog, done.args[0]


def test_connect_asks_for_access_waits_for_the_gate_and_starts_the_client(qtbot, desktop):
    row = next(r for r in desktop.window.model.rows() if r.vm.name == "vm-web-02")
    assert row.state.kind is JitStateKind.CLOSED

    dialog, outcome = _connect(qtbot, desktop, "vm-web-02")

    assert outcome is not None and outcome.requested
    gate = row.vm.gates[22]
    assert desktop.started == [["ssh", "-p", str(gate), row.vm.public_ip]]
    assert any("Asking Azure to open port 22" in step for step in dialog.steps)
    assert any(f"Waiting for {row.vm.public_ip}:{gate}" in step for step in dialog.steps)
    row = next(r for r in desktop.window.model.rows() if r.vm.name == "vm-web-02")
    assert row.state.kind is JitStateKind.OPEN
    assert "Started for vm-web-02" in desktop.window.statusBar().currentMessage()


def test_an_open_grant_is_used_as_it_is_and_the_saved_user_name_is_passed(qtbot, desktop):
    row = next(r for r in desktop.window.model.rows() if r.vm.name == "vm-web-01")
    desktop.window.connect_.prefs.set(row.vm.id, VmPrefs(username="alex"))

    _dialog, outcome = _connect(qtbot, desktop, "vm-web-01")

    assert outcome is not None and not outcome.requested
    assert desktop.started == [["ssh", "-p", str(row.vm.gates[22]), f"alex@{row.vm.public_ip}"]]
    initiates = [r for r in desktop.emulator.requests if r.path.endswith("/initiate")]
    assert initiates == []
