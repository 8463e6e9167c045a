"""What a user can do with the selected VMs: request access, enable/edit/remove JIT, turn on
the Defender plan, export the history. Every Azure call runs in the background."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from jitdesk.app.tasks import TaskRunner
from jitdesk.cloud.gateway import AzureGateway
from jitdesk.config.settings import Settings
from jitdesk.domain.access import AccessRequest, AccessTarget
from jitdesk.domain.clock import Clock
from jitdesk.domain.errors import CloudError
from jitdesk.domain.ids import ResourceId
from jitdesk.domain.jit_state import JitStateKind
from jitdesk.domain.model import PlanStatus, PolicyVm, PortRule, Subscription
from jitdesk.domain.policy_edit import ChangedMeanwhile, OfferedPort, enable_defaults, policy_id_for
from jitdesk.services.access import PolicyOutcome, request_access
from jitdesk.services.history import write_history_csv
from jitdesk.services.inventory import InventoryService, SubscriptionInventory
from jitdesk.services.policy_admin import InvalidRules, save_vms
from jitdesk.ui.error_box import show_error
from jitdesk.ui.policy_dialog import PolicyDialog
from jitdesk.ui.request_dialog import RequestDialog
from jitdesk.ui.texts import tr_text
from jitdesk.ui.vm_table import VmRow

logger = logging.getLogger(__name__)


class VmActions(QObject):
    """The actions of the table, toolbar and context menu, enabled by what is selected."""

    def __init__(
        self,
        parent: QWidget,
        selected: Callable[[], list[VmRow]],
        all_rows: Callable[[], list[VmRow]],
        apply_subscription: Callable[[SubscriptionInventory, int | None], None],
        gateway: AzureGateway,
        inventory: InventoryService,
        runner: TaskRunner,
        settings: Settings,
        clock: Clock,
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self._selected = selected
        self._all_rows = all_rows
        self._apply = apply_subscription
        self.gateway = gateway
        self.inventory = inventory
        self.runner = runner
        self.settings = settings
        self.clock = clock
        self.dialog_factory: Callable[..., Any] = RequestDialog  # tests may replace it

        def action(text: str, slot: Callable[[], None], tip: str) -> QAction:
            act = QAction(text, self)
            act.setToolTip(tip)
            act.setStatusTip(tip)
            act.triggered.connect(slot)
            return act

        self.request = action(
            self.tr("Request access…"),
            self.request_access,
            self.tr("Ask Azure to open ports of the selected VMs (Enter)"),
        )
        self.enable = action(
            self.tr("Enable JIT…"),
            self.enable_jit,
            self.tr("Turn on just-in-time access for the selected VMs"),
        )
        self.edit = action(
            self.tr("Edit JIT policy…"),
            self.edit_jit,
            self.tr("Change the ports, sources and longest grant of the VM"),
        )
        self.remove = action(
            self.tr("Remove JIT…"),
            self.remove_jit,
            self.tr("Turn off just-in-time access for the selected VMs"),
        )
        self.plan = action(
            self.tr("Turn on Defender for Servers…"),
            self.enable_plan,
            self.tr("JIT needs Microsoft Defender for Servers Plan 2"),
        )
        self.export = action(
            self.tr("Export requests…"),
            self._export_clicked,
            self.tr("Save the request history of the selected VMs (or all) as CSV"),
        )

    def bind_table(self, table: QWidget) -> None:
        """Context menu, Enter and double-click on the VM table."""
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(lambda pos: self.context_menu(table, pos))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.request_access)
        table.doubleClicked.connect(lambda _index: self.double_click())  # type: ignore[attr-defined]

    connect_action: QAction | None = None
    """Set by the window when Connect is available: first in the menu and on double-click."""
    extra_actions: tuple[QAction, ...] = ()

    def double_click(self) -> None:
        if self.connect_action is not None and self.connect_action.isEnabled():
            self.connect_action.trigger()
        else:
            self.request_access()

    def context_menu(self, table: QWidget, pos: Any) -> None:
        menu = QMenu(table)
        for act in (
            self.connect_action,
            *self.extra_actions,
            self.request,
            None,
            self.enable,
            self.edit,
            self.remove,
            self.plan,
            None,
            self.export,
        ):
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
        menu.popup(table.mapToGlobal(pos))

    def confirm(self, title: str, text: str) -> bool:
        """Ask before a change that matters; Cancel is the default. Tests replace this."""
        answer = QMessageBox.question(
            self.window,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- selection -----------------------------------------------------------------------------

    def targets(self, rows: list[VmRow] | None = None) -> list[AccessTarget]:
        result = []
        for row in rows if rows is not None else self._selected():
            policy = row.state.policy
            policy_vm = policy.vm(row.vm.id) if policy else None
            if policy is not None and policy_vm is not None and row.state.can_request:
                result.append(AccessTarget(row.vm, policy, policy_vm))
        return result

    def update_enabled(self) -> None:
        rows = self._selected()
        kinds = {r.state.kind for r in rows}
        self.request.setEnabled(bool(rows) and len(self.targets(rows)) == len(rows))
        self.enable.setEnabled(bool(rows) and kinds == {JitStateKind.NOT_CONFIGURED})
        self.edit.setEnabled(
            len(rows) == 1 and bool(kinds & {JitStateKind.CLOSED, JitStateKind.OPEN})
        )
        self.remove.setEnabled(bool(rows) and kinds <= {JitStateKind.CLOSED, JitStateKind.OPEN})
        self.plan.setEnabled(
            len({r.inventory.subscription.subscription_id for r in rows}) == 1
            and rows[0].inventory.plan in (PlanStatus.OFF, PlanStatus.PLAN_1)
        )
        self.export.setEnabled(bool(self._all_rows()))

    # --- background work -----------------------------------------------------------------------

    def _reload(self, subscriptions: list[Subscription]) -> None:
        for sub in {s.subscription_id: s for s in subscriptions}.values():
            generation = getattr(self.window, "loader", None)
            number = generation.generation if generation is not None else None
            self.runner.run(
                partial(self.inventory.load_subscription, sub),
                partial(self._applied, number),
                partial(self._reload_failed, sub),
            )

    def _applied(self, generation: int | None, inventory: SubscriptionInventory) -> None:
        self._apply(inventory, generation)

    def _reload_failed(self, sub: Subscription, error: Exception) -> None:
        logger.warning("reloading %s failed: %s", sub.display_name, error)

    def _subscriptions(self) -> dict[str, Subscription]:
        return {
            r.inventory.subscription.subscription_id.lower(): r.inventory.subscription
            for r in self._all_rows()
        }

    # --- request access ------------------------------------------------------------------------

    def request_access(self) -> None:
        targets = self.targets()
        if targets:
            self.open_request_dialog(targets)

    def open_request_dialog(
        self,
        targets: list[AccessTarget],
        extend: tuple[tuple[int, ...], tuple[str, ...]] | None = None,
    ) -> None:
        """The request dialog for ``targets``; ``extend`` preselects a grant's ports and
        sources for extending it."""
        subscriptions = self._subscriptions()

        def send(request: AccessRequest) -> list[PolicyOutcome]:
            return request_access(
                self.gateway,
                subscriptions,
                request,
                self.settings.get("request.justification_required"),
            )

        dialog = self.dialog_factory(
            targets,
            self.clock,
            self.runner,
            send,
            default_minutes=self.settings.get("request.default_minutes"),
            justification_required=self.settings.get("request.justification_required"),
            parent=self.window,
            extend=extend,
        )
        dialog.finished.connect(lambda _result: self._after_request(dialog))
        dialog.open()
        previous = getattr(self, "last_dialog", None)
        if previous is not None and previous is not dialog and not previous.isVisible():
            previous.deleteLater()  # only the latest finished request dialog is kept
        self.last_dialog = dialog

    def _after_request(self, dialog: RequestDialog) -> None:
        subs = self._subscriptions()
        granted = [t for o in dialog.outcomes if o.ok for t in o.targets]
        if granted:
            self._reload([subs[t.vm.subscription_id.lower()] for t in granted])

    # --- policy administration -----------------------------------------------------------------

    def enable_jit(self) -> None:
        rows = [r for r in self._selected() if r.state.kind is JitStateKind.NOT_CONFIGURED]
        if not rows:
            return
        offered = enable_defaults(rows[0].vm)
        wanted = {o.rule.number for r in rows for o in enable_defaults(r.vm) if o.selected}
        offered = [OfferedPort(o.rule, o.rule.number in wanted) for o in offered]
        names = ", ".join(r.vm.name for r in rows)
        dialog = PolicyDialog(
            self.tr("Enable JIT"),
            self.tr(
                "Just-in-time access for {vms}: the ticked ports stay closed until someone "
                "asks for them."
            ).format(vms=names),
            offered,
            self.window,
        )
        dialog.accepted.connect(lambda: self._enable_accepted(rows, tuple(dialog.rules())))
        self._show_policy_dialog(dialog)

    def _show_policy_dialog(self, dialog: PolicyDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_policy_dialog = dialog
        dialog.open()

    def _enable_accepted(self, rows: list[VmRow], rules: tuple[PortRule, ...]) -> None:
        jobs: dict[str, tuple[Subscription, Any, dict[str, PolicyVm | None]]] = {}
        for row in rows:
            existing = row.inventory.policies.policies if row.inventory.policies else ()
            policy_id = policy_id_for(row.vm, existing)
            sub = row.inventory.subscription
            _, _, changes = jobs.setdefault(policy_id.key, (sub, policy_id, {}))
            changes[row.vm.id.key] = PolicyVm(row.vm.id, rules)
        self._save(jobs, seen_empty=True, title=self.tr("JIT could not be enabled"))

    def edit_jit(self) -> None:
        rows = self._selected()
        targets = self.targets(rows)
        if len(rows) != 1 or not targets:
            return
        target = targets[0]
        dialog = PolicyDialog(
            self.tr("Edit JIT policy"),
            self.tr(
                "Rules of {vm} in policy “{policy}”. Other VMs of the policy are kept as they are."
            ).format(vm=target.vm.name, policy=target.policy.name),
            [OfferedPort(rule, True) for rule in target.policy_vm.ports],
            self.window,
        )
        sub = rows[0].inventory.subscription
        dialog.accepted.connect(lambda: self._edit_accepted(target, sub, tuple(dialog.rules())))
        self._show_policy_dialog(dialog)

    def _edit_accepted(
        self, target: AccessTarget, sub: Subscription, rules: tuple[PortRule, ...]
    ) -> None:
        new = PolicyVm(target.policy_vm.vm_id, rules, target.policy_vm.firewall_ip)
        changes: dict[str, PolicyVm | None] = {target.vm.id.key: new}
        jobs = {target.policy.id.key: (sub, target.policy.id, changes)}
        self._save(
            jobs,
            seen={target.vm.id.key: target.policy_vm},
            title=self.tr("The JIT policy could not be saved"),
        )

    def remove_jit(self) -> None:
        targets = self.targets()
        if not targets:
            return
        names = ", ".join(t.vm.name for t in targets)
        answer = self.confirm(
            self.tr("Remove JIT"),
            self.tr(
                "Remove just-in-time access from {vms}?\n\nTheir management ports will then "
                "be governed only by their network security groups, which may leave them "
                "open or closed for good. Open grants end now."
            ).format(vms=names),
        )
        if not answer:
            return
        subs = self._subscriptions()
        jobs: dict[str, tuple[Subscription, Any, dict[str, PolicyVm | None]]] = {}
        seen: dict[str, PolicyVm | None] = {}
        for target in targets:
            sub = subs[target.policy.id.subscription_id.lower()]
            _, _, changes = jobs.setdefault(target.policy.id.key, (sub, target.policy.id, {}))
            changes[target.vm.id.key] = None
            seen[target.vm.id.key] = target.policy_vm
        self._save(jobs, seen=seen, title=self.tr("JIT could not be removed"))

    def _save(
        self,
        jobs: dict[str, tuple[Subscription, Any, dict[str, PolicyVm | None]]],
        title: str,
        seen: dict[str, PolicyVm | None] | None = None,
        seen_empty: bool = False,
    ) -> None:
        for sub, policy_id, changes in jobs.values():
            before: dict[str, PolicyVm | None] = (
                dict.fromkeys(changes)
                if seen_empty
                else {k: v for k, v in (seen or {}).items() if k in changes}
            )
            self.runner.run(
                partial(self._save_one, sub, policy_id, before, changes),
                self._saved,
                partial(self._write_failed, title),
            )

    def _save_one(
        self,
        sub: Subscription,
        policy_id: ResourceId,
        before: dict[str, PolicyVm | None],
        changes: dict[str, PolicyVm | None],
    ) -> Subscription:
        """Runs on a worker thread: the read-modify-write of one policy."""
        save_vms(self.gateway, sub, policy_id, before, changes)
        return sub

    def _saved(self, sub: Subscription) -> None:
        self._reload([sub])

    def _write_failed(self, title: str, error: Exception) -> None:
        if isinstance(error, CloudError):
            show_error(self.window, title, error)
        elif isinstance(error, ChangedMeanwhile | InvalidRules):
            text = (
                tr_text(error.text)
                if isinstance(error, ChangedMeanwhile)
                else "\n".join(tr_text(p.text) for p in error.problems)
            )
            QMessageBox.warning(self.window, title, text)
        else:
            logger.error("saving JIT settings failed", exc_info=error)
            QMessageBox.critical(self.window, title, str(error))

    # --- Defender plan -------------------------------------------------------------------------

    def enable_plan(self) -> None:
        rows = self._selected()
        if not rows:
            return
        sub = rows[0].inventory.subscription
        answer = self.confirm(
            self.tr("Turn on Defender for Servers Plan 2"),
            self.tr(
                "Just-in-time access needs Microsoft Defender for Servers Plan 2 on "
                "“{sub}”.\n\nTurning it on covers every server in the subscription and is "
                "billed per server and month after a 30-day free trial. Only an owner or "
                "security admin of the subscription may do this.\n\nTurn it on now?"
            ).format(sub=sub.display_name),
        )
        if not answer:
            return
        self.runner.run(
            lambda: self.gateway.enable_defender_plan(sub),
            lambda _plan: self._reload([sub]),
            lambda error: self._write_failed(
                self.tr("Defender for Servers was not turned on"), error
            ),
        )

    # --- history -------------------------------------------------------------------------------

    def _export_clicked(self) -> None:
        self.export_history()

    def export_history(self, path: str | None = None) -> int:
        rows = self._selected() or self._all_rows()
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Export requests"),
                "jit-requests.csv",
                self.tr("CSV files (*.csv)"),
            )
            if not path:
                return 0
        with Path(path).open("w", newline="", encoding="utf-8") as out:
            count = write_history_csv(
                out, [(r.vm, r.inventory.policies) for r in rows], self.clock.now()
            )
        logger.info("exported %d request lines to %s", count, path)
        return count
