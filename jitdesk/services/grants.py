"""Tracking open grants: what is open, which warnings are due, what has ended, when to re-read.

:class:`GrantTracker` turns freshly read policies (``refresh``) and the passing of time
(``tick``) into :class:`Update` objects for the window, the tray and the notifications. Which
warnings and "closed" notices were already given is kept in a :class:`WarningLedger` file, so
each is given once per grant even across refreshes and restarts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from platformdirs import user_state_dir

from jitdesk.config.jsonfile import read_json, write_json
from jitdesk.domain.clock import Clock, SystemClock
from jitdesk.domain.grants import (
    EndedGrant,
    EndReason,
    Grant,
    InventoryLike,
    by_end_time,
    ended,
    open_grants,
)
from jitdesk.domain.wording import format_remaining

logger = logging.getLogger(__name__)

LEDGER_KEEPS = timedelta(days=2)
"""How long a given notice is remembered; longer than any grant (JIT allows at most a day)."""
REFRESH_INTERVAL = timedelta(seconds=60)
SETTLE = timedelta(seconds=5)
"""How long after a grant should have started or ended its policy is read again."""


@dataclass(frozen=True)
class GrantWarning:
    """The user's grant has ``lead`` (or less) left: time to warn."""

    grant: Grant
    lead: timedelta


@dataclass(frozen=True)
class Update:
    """What changed: all open grants now, the warnings due and the notices of ended grants."""

    grants: list[Grant]
    warnings: list[GrantWarning]
    ended: list[EndedGrant]


def ledger_path() -> Path:
    """Where the ledger lives by default: the platform's state folder for jitdesk."""
    return Path(user_state_dir("jitdesk", appauthor=False)) / "grant-notices.json"


class WarningLedger:
    """Which notices were given, by key, remembered in a small JSON file.

    ``path`` None means :func:`ledger_path`. Entries older than two days are dropped. Each
    :meth:`mark` rewrites the file atomically (a temporary file, then a rename); a file that
    cannot be read starts an empty ledger and one that cannot be written keeps the entries in
    memory, both with a logged warning. Reads and writes one small local file; fine on the GUI
    thread. Not thread-safe.
    """

    def __init__(
        self, path: Path | None, clock: Clock | None = None, keeps: timedelta = LEDGER_KEEPS
    ) -> None:
        self.path = path if path is not None else ledger_path()
        self._clock = clock if clock is not None else SystemClock()
        self._keeps = keeps
        self._given: dict[str, datetime] = {}
        self._load()

    def seen(self, key: str) -> bool:
        """True when the notice ``key`` was marked (and not yet forgotten)."""
        return key in self._given

    def mark(self, key: str) -> None:
        """Remember that the notice ``key`` was given; writes the file."""
        self.mark_all([key])

    def mark_all(self, keys: Iterable[str]) -> None:
        """Remember several notices with one write of the file."""
        now = self._clock.now()
        new = [k for k in keys if k not in self._given]
        if not new:
            return
        for key in new:
            self._given[key] = now
        self._prune(now)
        self._save()

    def _prune(self, now: datetime) -> None:
        oldest = now - self._keeps
        self._given = {k: t for k, t in self._given.items() if t >= oldest}

    def _load(self) -> None:
        raw = read_json(self.path, "notice ledger")
        if raw is None:
            return
        given = raw.get("given") if isinstance(raw, dict) else None
        if not isinstance(given, dict):
            logger.warning("notice ledger %s has an unknown shape, starting empty", self.path)
            return
        for key, when in given.items():
            try:
                moment = datetime.fromisoformat(str(when))
            except ValueError:
                continue
            if moment.tzinfo is not None:
                self._given[str(key)] = moment
        self._prune(self._clock.now())

    def _save(self) -> None:
        data = {"version": 1, "given": {k: t.isoformat() for k, t in self._given.items()}}
        try:
            write_json(self.path, data)
        except OSError as error:
            logger.warning("notice ledger %s not saved, kept in memory: %s", self.path, error)


def _warning_key(grant: Grant, lead: timedelta) -> str:
    return f"warn|{grant.key}|{int(lead.total_seconds())}"


def _closed_key(grant: Grant) -> str:
    return f"closed|{grant.key}"


def _subscription_key(grant: Grant) -> str:
    return grant.subscription.subscription_id.lower()


class GrantTracker:
    """The open grants of every subscription, counted down against ``clock``.

    Warnings and "closed" notices concern the signed-in user's grants only; other people's
    grants are tracked so the window can show them apart. Not thread-safe: call every method
    from one thread (the GUI thread's ticker is meant). Never touches the network; ``refresh``
    and ``tick`` may write the ledger's small file.
    """

    def __init__(
        self,
        username: str,
        clock: Clock,
        lead_times: Sequence[timedelta],
        ledger: WarningLedger,
        refresh_interval: timedelta = REFRESH_INTERVAL,
        settle: timedelta = SETTLE,
    ) -> None:
        self._username = username
        self._clock = clock
        self._ledger = ledger
        self._refresh_interval = refresh_interval
        self._settle = settle
        self._leads: list[timedelta] = []
        self.set_lead_times(lead_times)
        self._grants: list[Grant] = []
        self._last_refresh: datetime | None = None
        self._recheck: list[datetime] = []  # re-reads due after grants that ended on a tick

    # --- settings ------------------------------------------------------------------------------

    def set_lead_times(self, lead_times: Sequence[timedelta]) -> None:
        """Warn this long before each grant ends (positive values; order does not matter)."""
        self._leads = sorted({lead for lead in lead_times if lead > timedelta(0)})

    def set_refresh_interval(self, interval: timedelta) -> None:
        """Re-read the policies this often while grants are open."""
        self._refresh_interval = interval

    # --- what is open --------------------------------------------------------------------------

    @property
    def grants(self) -> list[Grant]:
        """Every open grant, the user's and other people's, the first to close first."""
        return list(self._grants)

    def mine(self) -> list[Grant]:
        """The signed-in user's open grants, the first to close first."""
        return [g for g in self._grants if g.mine]

    def others(self) -> list[Grant]:
        """Other people's open grants on the VMs the user can see."""
        return [g for g in self._grants if not g.mine]

    # --- updates -------------------------------------------------------------------------------

    def refresh(self, inventories: Iterable[InventoryLike]) -> Update:
        """Recompute the grants from newly read policies.

        Subscriptions missing from ``inventories``, or whose policies could not be read, keep
        their last known grants until those end: not knowing is not the same as closed. The
        user's grants that are gone come back in ``ended`` (each once, through the ledger), and
        the warnings now due in ``warnings``.
        """
        now = self._clock.now()
        inventories = list(inventories)
        readable = {
            i.subscription.subscription_id.lower() for i in inventories if i.policies is not None
        }
        kept = [
            g for g in self._grants if _subscription_key(g) not in readable and g.end_time > now
        ]
        current = sorted([*open_grants(inventories, self._username, now), *kept], key=by_end_time)
        gone = ended(self._grants, current, inventories, now)
        self._log_new(current)
        self._log_ended(gone)
        self._grants = current
        self._last_refresh = now
        self._recheck = [t for t in self._recheck if t > now]
        return Update(self.grants, self._due_warnings(now), self._notices(gone))

    def tick(self) -> Update:
        """Let time pass: grants whose end has come are ended (EXPIRED) without waiting for a
        refresh, and warnings whose lead time has been reached are returned, each once per grant
        and lead time. When a grant is first seen with several lead times already passed, only
        the nearest one is given; a lead time as long as the whole grant is never given."""
        now = self._clock.now()
        expired = [g for g in self._grants if g.end_time <= now]
        if expired:
            self._grants = [g for g in self._grants if g.end_time > now]
            self._recheck.extend(g.end_time + self._settle for g in expired)
        gone = [EndedGrant(g, EndReason.EXPIRED) for g in expired]
        self._log_ended(gone)
        return Update(self.grants, self._due_warnings(now), self._notices(gone))

    def next_refresh(self, now: datetime) -> datetime | None:
        """When the policies should be read again; a time at or before ``now`` means now.

        While any grant is open: ``refresh_interval`` after the last refresh, ``settle`` after
        any grant's end, and ``settle`` after an Initiating grant started (then every
        ``settle`` while it stays Initiating). None when nothing is open or pending.
        """
        last = self._last_refresh
        moments = [t for t in self._recheck if last is None or t > last]
        for grant in self._grants:
            check = grant.end_time + self._settle
            if last is None or check > last:
                moments.append(check)
            if grant.initiating:
                since = grant.start_time if last is None else max(grant.start_time, last)
                moments.append(since + self._settle)
        if not self._grants and not moments:
            return None
        if self._grants:
            moments.append((last or now) + self._refresh_interval)
        return min(moments)

    # --- inside --------------------------------------------------------------------------------

    def _due_warnings(self, now: datetime) -> list[GrantWarning]:
        warnings: list[GrantWarning] = []
        for grant in self.mine():
            left = grant.time_left(now)
            whole = grant.end_time - grant.start_time
            due = [
                lead
                for lead in self._leads
                if left <= lead < whole and not self._ledger.seen(_warning_key(grant, lead))
            ]
            if not due:
                continue
            nearest = min(due)
            # The farther ones are past already: marked as given so they never come late.
            self._ledger.mark_all(_warning_key(grant, lead) for lead in due)
            logger.info(
                "warning: access to %s:%d ends in %s (at %s UTC)",
                grant.vm.name,
                grant.port,
                format_remaining(left),
                f"{grant.end_time:%H:%M:%S}",
            )
            warnings.append(GrantWarning(grant, nearest))
        return warnings

    def _notices(self, gone: Sequence[EndedGrant]) -> list[EndedGrant]:
        notices = [e for e in gone if e.grant.mine and not self._ledger.seen(_closed_key(e.grant))]
        self._ledger.mark_all(_closed_key(e.grant) for e in notices)
        return notices

    def _log_new(self, current: Sequence[Grant]) -> None:
        known = {g.key for g in self._grants}
        for grant in current:
            if grant.key not in known and grant.mine:
                logger.info(
                    "access to %s:%d open until %s UTC",
                    grant.vm.name,
                    grant.port,
                    f"{grant.end_time:%H:%M:%S}",
                )

    @staticmethod
    def _log_ended(gone: Sequence[EndedGrant]) -> None:
        for end in gone:
            log = logger.info if end.grant.mine else logger.debug
            log(
                "access of %s to %s:%d ended (%s)",
                end.grant.requestor,
                end.grant.vm.name,
                end.grant.port,
                end.reason.value,
            )
