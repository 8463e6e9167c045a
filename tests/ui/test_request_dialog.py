"""The request dialog and the JIT actions of the window, against the demo emulator."""

from __future__ import annotations

import csv
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from jitdesk.app.inventory_loader import InventoryLoader
from jitdesk.config.settings import Settings
from jitdesk.domain.clock import SystemClock
from jitdesk.domain.jit_state import JitStateKind
from jitdesk.services.inventory import InventoryService
from jitdesk.ui.main_window import MainWindow
from jitdesk.ui.request_dialog import RequestDialog
from tests.ui.conftest import LOAD_TIMEOUT_MS, load


@pytest.fixture
def app_window(qtbot, demo_backend, tmp_path):
    service = InventoryService(demo_backend.gateway)
    settings = Settings(tmp_path / "settings.json")
    window = MainWindow(InventoryLoader(service), SystemClock(), demo_backend.gateway, settings)
    qtbot.addWidget(window)
    window.show()
    load(qtbot, window)
    yield window
    service.shutdown()


def _open_dialog(window, name: str) -> RequestDialog:
    assert window.select_vm(name)
    window.actions_.request_access()
    dialog = window.actions_.last_dialog
    assert isinstance(dialog, RequestDialog)
    return dialog


def _row(window, name: str):
    return next(r for r in window.model.rows() if r.vm.name == name)


def _initiates(demo_backend):
    return [r for r in demo_backend.emulator.requests if r.path.endswith("/initiate")]


def test_the_dialog_preselects_the_os_port_and_limits_the_duration(qtbot, app_window):
    dialog = _open_dialog(app_window, "vm-api-02")

    assert {n: b.isChecked() for n, b in dialog.port_boxes.items()} == {3389: True, 5986: False}
    assert dialog.minutes.maximum() == 480
    assert dialog.minutes.value() == 60
    assert dialog.source_azure.isChecked()
    assert dialog.send_button.isEnabled()
    assert "Opens port 3389 on vm-api-02" in dialog.summary.text()
    dialog.reject()


def test_a_granted_request_turns_the_row_open(qtbot, app_window, demo_backend):
    assert _row(app_window, "vm-web-02").state.kind is JitStateKind.CLOSED
    dialog = _open_dialog(app_window, "vm-web-02")
    dialog.minutes.setValue(30)
    dialog.justification.setText("Patch the web tier")

    with (
        qtbot.waitSignal(app_window.model.modelReset, timeout=LOAD_TIMEOUT_MS),
        qtbot.waitSignal(dialog.answered, timeout=LOAD_TIMEOUT_MS),
    ):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == RequestDialog.DialogCode.Accepted
    [sent] = _initiates(demo_backend)
    assert sent.body["justification"] == "Patch the web tier"
    assert sent.body["virtualMachines"][0]["ports"] == [{"number": 22, "duration": "PT30M"}]
    row = _row(app_window, "vm-web-02")
    assert row.state.kind is JitStateKind.OPEN
    left = row.state.next_end - demo_backend.emulator.clock.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)


def test_a_refusal_keeps_everything_typed_and_names_the_permission(qtbot, app_window):
    dialog = _open_dialog(app_window, "edge-gw-01")
    dialog.justification.setText("Replace the gateway certificate")
    dialog.minutes.setValue(45)

    with qtbot.waitSignal(dialog.answered, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)

    assert dialog.isVisible()
    assert "jitNetworkAccessPolicies/initiate/action" in dialog.error_label.text()
    assert dialog.justification.text() == "Replace the gateway certificate"
    assert dialog.minutes.value() == 45
    assert dialog.details_button.isVisible()
    assert "Correlation id" in dialog.support_text()
    assert dialog.send_button.text() == "Try again"
    dialog.reject()


def test_typed_sources_are_checked_as_you_type(qtbot, app_window, demo_backend):
    dialog = _open_dialog(app_window, "vm-web-02")

    qtbot.keyClicks(dialog.typed_sources, "203.0.113.7, 198.51.100.300")

    assert dialog.source_typed.isChecked()
    assert dialog.typed_problems.isVisible()
    assert "198.51.100.300" in dialog.typed_problems.text()
    assert not dialog.send_button.isEnabled()
    dialog.typed_sources.setText("203.0.113.7, 198.51.100.0/24")
    assert not dialog.typed_problems.isVisible()
    assert dialog.send_button.isEnabled()
    dialog.reject()
    assert _initiates(demo_backend) == []


def test_a_source_the_policy_would_refuse_is_said_before_sending(qtbot, app_window):
    dialog = _open_dialog(app_window, "vm-api-02")

    dialog.typed_sources.setText("203.0.113.7")

    assert not dialog.send_button.isEnabled()
    assert "lies inside the allowed range 203.0.113.0/24" in dialog.notes.text()
    dialog.source_policy.setChecked(True)
    assert dialog.send_button.isEnabled()
    dialog.reject()


def test_a_duration_above_the_policy_is_not_possible(qtbot, app_window):
    dialog = _open_dialog(app_window, "vm-web-02")

    dialog.minutes.setValue(600)

    assert dialog.minutes.value() == 180
    assert not dialog.preset_480.isEnabled()
    dialog.reject()


def test_actions_follow_the_selection(qtbot, app_window):
    actions = app_window.actions_
    app_window.select_vm("vm-etl-01")
    assert actions.enable.isEnabled() and not actions.request.isEnabled()
    app_window.select_vm("vm-web-02")
    assert actions.request.isEnabled() and actions.edit.isEnabled()
    assert not actions.enable.isEnabled()
    app_window.select_vm("vm-dev-01")
    assert actions.plan.isEnabled() and not actions.enable.isEnabled()
    assert app_window.detail.plan_banner.isVisible()
    assert "30-day trial" in app_window.detail.plan_text.text()


def test_export_writes_the_history_of_the_selected_vm(qtbot, app_window, tmp_path):
    app_window.select_vm("vm-api-02")
    target = tmp_path / "requests.csv"

    count = app_window.actions_.export_history(str(target))

    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert count == len(rows) >= 2
    assert {r["vm"] for r in rows} == {"vm-api-02"}
    assert {r["status_reason"] for r in rows} >= {"NewerRequestInitiated"}
    assert all(r["requestor"] and r["ends_utc"].endswith("Z") for r in rows)


def _save_policy_dialog(qtbot, window) -> None:
    dialog = window.actions_.last_policy_dialog
    with qtbot.waitSignal(window.model.modelReset, timeout=LOAD_TIMEOUT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_enable_jit_offers_the_recommended_ports_and_saves(qtbot, app_window):
    assert app_window.select_vm("vm-etl-01")
    app_window.actions_.enable_jit()
    dialog = app_window.actions_.last_policy_dialog

    offered = {rule.number for rule in dialog.rules()}
    assert offered == {22}
    assert dialog.table.rowCount() == 4
    _save_policy_dialog(qtbot, app_window)

    row = _row(app_window, "vm-etl-01")
    assert row.state.kind is JitStateKind.CLOSED
    rules = row.state.policy.vm(row.vm.id).ports
    assert [(r.number, r.allowed_source_prefixes, r.max_duration) for r in rules] == [
        (22, ("*",), timedelta(hours=3))
    ]
    others = _row(app_window, "vm-web-01").state.policy
    assert others.vm(_row(app_window, "vm-web-01").vm.id) is not None


def test_the_policy_editor_refuses_bad_rules_before_saving(qtbot, app_window):
    assert app_window.select_vm("vm-web-02")
    app_window.actions_.edit_jit()
    dialog = app_window.actions_.last_policy_dialog
    sources = dialog.table.cellWidget(0, 3)

    sources.setText("203.0.113.5/24")

    assert not dialog.save_button.isEnabled()
    assert "host bits" in dialog.problems_label.text()
    sources.setText("203.0.113.0/24")
    assert dialog.save_button.isEnabled()
    _save_policy_dialog(qtbot, app_window)
    row = _row(app_window, "vm-web-02")
    assert row.state.policy.vm(row.vm.id).ports[0].allowed_source_prefixes == ("203.0.113.0/24",)


def test_remove_jit_asks_first_and_then_removes(qtbot, app_window):
    actions = app_window.actions_
    asked: list[str] = []
    actions.confirm = lambda title, text: asked.append(text) or False
    assert app_window.select_vm("vm-web-03")
    actions.remove_jit()
    assert asked and "vm-web-03" in asked[0]
    assert _row(app_window, "vm-web-03").state.kind is JitStateKind.CLOSED

    actions.confirm = lambda title, text: True
    with qtbot.waitSignal(app_window.model.modelReset, timeout=LOAD_TIMEOUT_MS):
        actions.remove_jit()

    assert _row(app_window, "vm-web-03").state.kind is JitStateKind.NOT_CONFIGURED
    assert _row(app_window, "vm-web-01").state.kind is JitStateKind.OPEN


def test_the_defender_plan_is_turned_on_only_after_confirmation(qtbot, app_window, demo_backend):
    actions = app_window.actions_
    texts: list[str] = []
    actions.confirm = lambda title, text: texts.append(text) or True
    assert app_window.select_vm("vm-dev-01")

    with qtbot.waitSignal(app_window.model.modelReset, timeout=LOAD_TIMEOUT_MS):
        actions.enable_plan()

    assert "billed per server and month" in texts[0] and "30-day" in texts[0]
    row = _row(app_window, "vm-dev-01")
    assert row.state.kind is JitStateKind.NOT_CONFIGURED
    assert row.inventory.plan.allows_jit


def test_the_settings_dialog_can_require_a_justification(qtbot, app_window, tmp_path):
    app_window.open_settings()
    dialog = app_window.last_settings_dialog
    dialog.editors["request.justification_required"].setChecked(True)
    dialog.editors["request.default_minutes"].setValue(30)
    dialog._save()
    assert Settings(tmp_path / "settings.json").get("request.justification_required") is True

    request = _open_dialog(app_window, "vm-web-02")

    assert request.minutes.value() == 30
    assert not request.send_button.isEnabled()
    assert "justification is required" in request.notes.text()
    request.justification.setText("Kernel update")
    assert request.send_button.isEnabled()
    request.reject()


def test_a_vm_tagged_as_reached_privately_defaults_to_the_route_address(qtbot, app_window):
    row = _row(app_window, "scada-hist-01")
    assert row.vm.reached_privately

    dialog = _open_dialog(app_window, "scada-hist-01")

    assert dialog.source_route.isChecked()
    assert "192.168.40.0/24" in dialog.notes.text() or dialog.send_button.isEnabled()
    dialog.reject()


def test_several_vms_share_one_dialog_with_the_ports_of_each(qtbot, app_window):
    from PySide6.QtCore import QItemSelectionModel

    window = app_window
    selection = window.table.selectionModel()
    selection.clearSelection()
    for name in ("vm-web-02", "vm-api-02"):
        row = next(
            r for r in range(window.proxy.rowCount()) if window.proxy.index(r, 0).data() == name
        )
        selection.select(
            window.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert window.actions_.request.isEnabled()

    window.actions_.request_access()
    dialog = window.actions_.last_dialog

    assert {t.vm.name for t in dialog.targets} == {"vm-web-02", "vm-api-02"}
    texts = {n: b.text() for n, b in dialog.port_boxes.items()}
    assert set(texts) == {22, 3389, 5986}
    assert "(vm-web-02)" in texts[22] and "(vm-api-02)" in texts[3389]
    assert dialog.port_boxes[22].isChecked() and dialog.port_boxes[3389].isChecked()
    assert dialog.minutes.maximum() == 180  # the smaller longest grant of the chosen ports
    dialog.reject()
