"""The main window against the demo emulator, on Qt's offscreen platform."""

from __future__ import annotations

from PySide6.QtCore import Qt

from jitdesk.domain.jit_state import JitStateKind
from jitdesk.ui.scope_tree import SCOPE_ROLE
from jitdesk.ui.vm_table import ROW_ROLE, Column
from tests.ui.conftest import load

CONTOSO_DEV = "Contoso Development"
FABRIKAM_IT = "Fabrikam Corporate IT"


def _subscription_id(window, name: str) -> str:
    for row in window.model.rows():
        if row.inventory.subscription.display_name == name:
            return row.inventory.subscription.subscription_id
    raise AssertionError(f"no subscription {name!r} in the table")


def _visible_names(window) -> list[str]:
    proxy = window.proxy
    return [proxy.index(r, Column.NAME).data() for r in range(proxy.rowCount())]


def test_the_table_fills_with_every_vm_of_the_demo(qtbot, window):
    load(qtbot, window)

    assert window.model.rowCount() == 30
    assert window.stack.currentWidget() is window.table
    assert "30 VMs in 4 subscriptions" in window.status.text()
    kinds = {row.state.kind for row in window.model.rows()}
    assert kinds == set(JitStateKind)


def test_tenants_and_subscriptions_carry_counts_and_badges(qtbot, window):
    load(qtbot, window)

    tree = window.tree
    all_item = tree.model().item(0)
    assert all_item.text() == "All subscriptions (30)"
    tenants = [all_item.child(r) for r in range(all_item.rowCount())]
    assert [t.text() for t in tenants] == ["Contoso (21)", "Fabrikam (guest) (9)"]
    assert tree.badge_of(_subscription_id(window, CONTOSO_DEV)) == "warning"
    assert tree.badge_of(_subscription_id(window, FABRIKAM_IT)) == "forbidden"


def test_typing_in_the_search_box_filters_as_you_type(qtbot, window):
    load(qtbot, window)

    qtbot.keyClicks(window.search, "vm-web-0")
    assert sorted(_visible_names(window)) == ["vm-web-01", "vm-web-02", "vm-web-03"]

    window.search.clear()
    qtbot.keyClicks(window.search, "no-such-machine")
    assert window.proxy.rowCount() == 0
    assert window.stack.currentWidget() is window.message
    assert "no-such-machine" in window.message.title.text()

    qtbot.mouseClick(window.message.button, Qt.MouseButton.LeftButton)
    assert window.search.text() == ""
    assert window.proxy.rowCount() == 30


def test_search_matches_state_words_and_addresses(qtbot, window):
    load(qtbot, window)

    qtbot.keyClicks(window.search, "unsupported")
    states = {
        window.proxy.index(r, 0).data(ROW_ROLE).state.kind for r in range(window.proxy.rowCount())
    }
    assert states == {JitStateKind.UNSUPPORTED}

    window.search.setText("127.20.1.11")
    assert _visible_names(window) == ["vm-web-01"]


def test_the_detail_panel_shows_the_policy_and_its_requests(qtbot, window):
    load(qtbot, window)

    assert window.select_vm("vm-api-02")
    detail = window.detail
    assert detail.current().vm.name == "vm-api-02"
    ports = [detail._ports.item(r, 0).text() for r in range(detail._ports.rowCount())]
    assert ports == ["3389", "5986"]
    sources = detail._ports.item(0, 2).text()
    assert "198.51.100.0/24" in sources and "203.0.113.0/24" in sources
    assert "default" in detail._policy.text()
    assert detail._history.rowCount() >= 2
    requestors = {detail._history.item(r, 1).text() for r in range(detail._history.rowCount())}
    assert "alex.morgan@contoso.example" in requestors


def test_choosing_a_subscription_shows_only_its_vms(qtbot, window):
    load(qtbot, window)

    sub_id = _subscription_id(window, FABRIKAM_IT)
    window.proxy.set_scope(None, sub_id)
    rows = [window.proxy.index(r, 0).data(ROW_ROLE) for r in range(window.proxy.rowCount())]
    assert rows and {r.inventory.subscription.subscription_id for r in rows} == {sub_id}
    assert {r.state.kind for r in rows} == {JitStateKind.UNKNOWN}


def test_a_failing_subscription_shows_its_error_and_leaves_the_others(qtbot, window, demo_backend):
    load(qtbot, window)
    dev_id = _subscription_id(window, CONTOSO_DEV)
    demo_backend.emulator.faults.fail(
        rf"^/subscriptions/{dev_id}/providers/Microsoft\.Compute/virtualMachines$",
        403,
        "AuthorizationFailed",
        "The client 'alex.morgan@contoso.example' with object id 'x' does not have "
        "authorization to perform action 'Microsoft.Compute/virtualMachines/read' over scope "
        f"'/subscriptions/{dev_id}' or the scope is invalid.",
    )

    load(qtbot, window)

    assert window.tree.badge_of(dev_id) == "error"
    assert window.model.rowCount() == 25
    window.proxy.set_scope(None, dev_id)
    window._on_scope(None, dev_id)
    assert window.stack.currentWidget() is window.message
    assert "could not be loaded" in window.message.title.text()
    assert "Microsoft.Compute/virtualMachines/read" in window.message.body.text()
    assert "1 subscription could not be loaded" in window.status.text()


def test_refresh_replaces_rows_instead_of_adding_to_them(qtbot, window):
    load(qtbot, window)
    load(qtbot, window)

    assert window.model.rowCount() == 30
    keys = [row.key for row in window.model.rows()]
    assert len(keys) == len(set(keys))


def test_sorting_by_jit_state_puts_open_grants_first(qtbot, window):
    load(qtbot, window)

    window.table.sortByColumn(Column.JIT, Qt.SortOrder.AscendingOrder)
    first = window.proxy.index(0, 0).data(ROW_ROLE)
    assert first.state.kind is JitStateKind.OPEN
    assert window.proxy.index(0, Column.OPEN_PORTS).data()


def test_the_tree_selection_filters_the_table(qtbot, window):
    load(qtbot, window)

    tree = window.tree
    tenant_item = tree.model().item(0).child(1)
    assert tenant_item.data(SCOPE_ROLE)[0] == "tenant"
    tree.setCurrentIndex(tenant_item.index())
    tenants = {
        window.proxy.index(r, 0).data(ROW_ROLE).tenant.display_name
        for r in range(window.proxy.rowCount())
    }
    assert tenants == {"Fabrikam"}


def test_a_failed_listing_marks_its_subscription_with_a_warning(qtbot, window, demo_backend):
    load(qtbot, window)
    prod = _subscription_id(window, "Contoso Production")
    demo_backend.emulator.faults.fail(
        rf"^/subscriptions/{prod}/providers/Microsoft\.Network/networkInterfaces$",
        400,
        "InvalidParameter",
        "No NICs today.",
    )

    load(qtbot, window)

    assert window.tree.badge_of(prod) == "warning"
    item = window.tree._subscriptions[prod.lower()]
    assert "network interfaces could not be read" in item.toolTip()
    assert window.model.rowCount() == 30
