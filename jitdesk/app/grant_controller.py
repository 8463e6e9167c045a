"""Keeps the open grants current: counts them down, warns before they end, re-reads the
policies when it matters, and offers to extend. Qt glue around the Qt-free GrantTracker."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from jitdesk.config.settings import Settings
from jitdesk.domain.access import AccessTarget
from jitdesk.domain.clock import Clock, SystemClock
from jitdesk.domain.grants import EndedGrant, EndReason, Grant
from jitdesk.domain.model import Subscription
from jitdesk.domain.wording import format_remaining
from jitdesk.services.clock_watch import ClockWatch
from jitdesk.services.grants import GrantTracker, Update
from jitdesk.ui.main_window import MainWindow
from jitdesk.ui.notifier import Notifier, TrayNotifier, WindowNotifier
from jitdesk.ui.texts import local_time
from jitdesk.ui.tray import TrayController

logger = logging.getLogger(__name__)


class GrantController(QObject):
    """Owns the tracker, the tray and the notices for one main window."""

    grantsChanged = Signal()

    def __init__(
        self,
        window: MainWindow,
        make_tracker: Callable[[], GrantTracker],
        clock: Clock,
        settings: Settings,
        parent: QObject | None = None,
    ) -> None:
        """``make_tracker`` is called once the signed-in account is known (when the tenants
        have loaded): the tracker needs the user name to tell the user's grants apart."""
        super().__init__(parent or window)
        self.window = window
        self._make_tracker = make_tracker
        self.tracker: GrantTracker | None = None
        self.clock = clock
        self.settings = settings
        self._shown: tuple[str, ...] = ()
        self._reloading = False
        self._ended: dict[str, Grant] = {}  # closed grants a notice may still offer to extend
        self.watch = ClockWatch(SystemClock().now, time.monotonic)  # the raw clock
        self._retry_at: datetime | None = None  # no re-read before this, after a failure
        self._failures = 0
        self.tray = TrayController(
            clock,
            self.mine,
            self.show_window,
            self.connect_grant,
            self.extend,
            self.quit,
            self,
        )
        window_notifier = WindowNotifier(window.banner)
        self.notifier: Notifier = (
            TrayNotifier(self.tray.icon, window_notifier, self.extend_key)
            if self.tray.available
            else window_notifier
        )
        window.banner.extendRequested.connect(self.extend_key)
        window.grants_view.extendRequested.connect(self.extend)
        window.grants_view.connectRequested.connect(self.connect_grant)
        window.inventoryChanged.connect(self.refresh)
        window.loader.tenantsLoaded.connect(self._account_known)
        window.close_handler = self.handle_close
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()

    # --- updates -------------------------------------------------------------------------------

    def _account_known(self) -> None:
        if self.tracker is None:
            self.tracker = self._make_tracker()

    def mine(self) -> list[Grant]:
        return self.tracker.mine() if self.tracker else []

    def refresh(self) -> None:
        """New policy data in the window: recompute the grants."""
        if self.tracker is not None:
            self._apply(self.tracker.refresh(self.window.inventories()))

    def tick(self) -> None:
        """Once a second: count down, warn, and re-read the policies when it is time."""
        if self.tracker is None:
            return
        self._apply(self.tracker.tick())
        self.tray.update()
        now = self.clock.now()
        due = self.tracker.next_refresh(now)
        if self.watch.check():
            logger.info("the clock jumped (sleep, resume or a change): re-reading the policies")
            self.reload_grant_subscriptions(everything=True)
        elif due is not None and due <= now and (self._retry_at is None or now >= self._retry_at):
            self.reload_grant_subscriptions()

    def _apply(self, update: Update) -> None:
        assert self.tracker is not None
        shown = tuple(g.key for g in update.grants)
        if shown != self._shown:
            self._shown = shown
            self.window.set_grants(self.tracker.mine(), self.tracker.others())
            self.grantsChanged.emit()
        for warning in update.warnings:
            if not warning.grant.mine:
                continue
            grant = warning.grant
            self.notifier.notify(
                self.tr("Access to {vm} ends soon").format(vm=grant.vm.name),
                self.tr(
                    "Port {port} closes in {left} (at {end}). Extend it to keep working."
                ).format(
                    port=grant.port,
                    left=format_remaining(grant.time_left(self.clock.now())),
                    end=local_time(grant.end_time),
                ),
                grant.key,
            )
        for ended in update.ended:
            self._ended[ended.grant.key] = ended.grant
            if ended.grant.mine:
                self.notifier.notify(*self._ended_text(ended), ended.grant.key)
        if update.warnings or update.ended:
            self.tray.update()

    def _ended_text(self, ended: EndedGrant) -> tuple[str, str]:
        grant = ended.grant
        title = self.tr("Access to {vm} has ended").format(vm=grant.vm.name)
        if ended.reason is EndReason.SUPERSEDED:
            text = self.tr("Port {port}: a newer request replaced this one.")
        elif ended.reason is EndReason.EXPIRED:
            text = self.tr("Port {port} is closed again; its time is up.")
        elif ended.reason is EndReason.REVOKED:
            text = self.tr("Port {port}: Azure revoked the access early.")
        else:
            text = self.tr(
                "Port {port}: the request or its policy is gone (someone changed the JIT settings)."
            )
        return title, text.format(port=grant.port)

    def reload_grant_subscriptions(self, everything: bool = False) -> None:
        """Re-read the subscriptions that hold grants (all of them after a clock jump)."""
        if self._reloading or self.tracker is None:
            return
        inventories = self.window.inventories()
        keys = {g.subscription.subscription_id.lower() for g in self.tracker.grants}
        subs: list[Subscription] = [
            i.subscription
            for i in inventories
            if everything or i.subscription.subscription_id.lower() in keys
        ]
        if not subs:
            return
        self._reloading = True
        remaining = [len(subs)]
        generation = self.window.loader.generation
        for sub in subs:
            self.window.runner.run(
                partial(self.window.loader.service.load_subscription, sub),
                partial(self._reloaded, remaining, generation),
                partial(self._reload_failed, remaining, sub),
            )

    def _reloaded(self, remaining: list[int], generation: int, inventory: object) -> None:
        self._failures = 0
        self._retry_at = None
        self.window.apply_subscription(inventory, generation)  # type: ignore[arg-type]
        self._one_done(remaining)

    def _reload_failed(self, remaining: list[int], sub: Subscription, error: Exception) -> None:
        # Back off (15 s, 30 s, ... up to 5 min): a network drop or a 429 must not turn into
        # a re-read every second.
        self._failures += 1
        wait = min(15 * 2 ** (self._failures - 1), 300)
        self._retry_at = self.clock.now() + timedelta(seconds=wait)
        logger.warning("re-reading %s failed, next try in %d s: %s", sub.display_name, wait, error)
        self._one_done(remaining)

    def _one_done(self, remaining: list[int]) -> None:
        remaining[0] -= 1
        if remaining[0] <= 0:
            self._reloading = False

    # --- actions -------------------------------------------------------------------------------

    def extend_key(self, key: str) -> None:
        grants = self.tracker.grants if self.tracker else []
        grant = next((g for g in grants if g.key == key), None)
        grant = grant or self._ended.get(key)
        if grant is not None:
            self.extend(grant)

    def extend(self, grant: Grant) -> None:
        """Ask again for the same port and source, for a new duration."""
        self.show_window()
        row = next((r for r in self.window.model.rows() if r.vm.id == grant.vm.id), None)
        actions = self.window.actions_
        if row is None or actions is None or row.state.policy is None:
            return
        policy_vm = row.state.policy.vm(row.vm.id)
        if policy_vm is None:
            return
        target = AccessTarget(row.vm, row.state.policy, policy_vm)
        ports = tuple(
            sorted({g.port for g in self.mine() if g.vm.id == grant.vm.id} | {grant.port})
        )
        actions.open_request_dialog([target], extend=(ports, grant.source_prefixes))

    def connect_grant(self, grant: Grant) -> None:
        """Connect to the grant's VM and port (the window comes up to show the progress)."""
        self.window.show_grant_vm(grant)
        row = next((r for r in self.window.model.rows() if r.vm.id == grant.vm.id), None)
        if row is not None and self.window.connect_ is not None:
            self.window.connect_.connect_row(row, grant.port)

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    # --- closing -------------------------------------------------------------------------------

    def handle_close(self, event: QCloseEvent) -> bool:
        """Closing the window keeps jitdesk in the tray while grants are open (a setting)."""
        if self.tray.available and self.settings.get("tray.keep_running") and self.mine():
            event.ignore()
            self.window.hide()
            self.notifier.notify(
                self.tr("jitdesk keeps running"),
                self.tr(
                    "Your open access is still counted down here; you will be warned "
                    "before it ends."
                ),
                None,
            )
            return True
        if not self.confirm_quit():
            event.ignore()
            return True
        self.tray.hide()
        return False

    def confirm_quit(self) -> bool:
        mine = self.mine()
        if not mine:
            return True
        last = max(g.end_time for g in mine)
        answer = QMessageBox.question(
            self.window,
            self.tr("Quit jitdesk?"),
            self.tr(
                "You have {n} open grant(s). Quitting does not close them: the ports stay "
                "open until their end time (the last at {end}), and jitdesk will not warn "
                "you before they end."
            ).format(n=len(mine), end=local_time(last)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def quit(self) -> None:
        if self.confirm_quit():
            self.tray.hide()
            self.window.close_handler = None
            QApplication.quit()
