"""GrantTracker and its ledger: warnings once per grant and lead time, endings, re-read times."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from helpers.grant_world import LAB, ME, NOW, PRIYA, FakeClock, GrantWorld

from jitdesk.domain.grants import EndReason
from jitdesk.services.grants import GrantTracker, Update, WarningLedger

S = timedelta(seconds=1)
M = timedelta(minutes=1)
H = timedelta(hours=1)
LEADS = (10 * M, 2 * M)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def ledger_path(tmp_path):
    return tmp_path / "state" / "grant-notices.json"


def tracker_for(clock, ledger_path, leads=LEADS) -> GrantTracker:
    ledger = WarningLedger(ledger_path, clock)
    return GrantTracker(ME, clock, leads, ledger)


def warned(update: Update) -> list[tuple[str, timedelta]]:
    return [(w.grant.vm.name, w.lead) for w in update.warnings]


def run_until(tracker: GrantTracker, clock: FakeClock, until, step=S) -> list[Update]:
    """Tick once a second, as the window does, until ``until``."""
    updates = []
    while clock.now() < until:
        clock.advance(step)
        updates.append(tracker.tick())
    return updates


def test_each_warning_fires_once_at_its_lead_time(clock, ledger_path):
    world = GrantWorld()
    end = NOW + 30 * M
    world.request(ME, "vm-web-01", 22, NOW - H, end)
    tracker = tracker_for(clock, ledger_path)
    assert warned(tracker.refresh([world.inventory(clock.now())])) == []

    before = run_until(tracker, clock, end - 10 * M - S)
    at_ten = run_until(tracker, clock, end - 10 * M)
    between = run_until(tracker, clock, end - 2 * M - S)
    at_two = run_until(tracker, clock, end - 2 * M)
    after = run_until(tracker, clock, end - S)

    assert [w for u in before for w in warned(u)] == []
    assert [w for u in at_ten for w in warned(u)] == [("vm-web-01", 10 * M)]
    assert [w for u in between for w in warned(u)] == []
    assert [w for u in at_two for w in warned(u)] == [("vm-web-01", 2 * M)]
    assert [w for u in after for w in warned(u)] == []


def test_a_warning_given_is_not_given_again_after_a_refresh_or_a_restart(clock, ledger_path):
    world = GrantWorld()
    end = NOW + 30 * M
    world.request(ME, "vm-web-01", 22, NOW - H, end)
    tracker = tracker_for(clock, ledger_path)
    tracker.refresh([world.inventory(clock.now())])
    clock.set(end - 9 * M)
    assert warned(tracker.tick()) == [("vm-web-01", 10 * M)]

    again = tracker.refresh([world.inventory(clock.now())])
    restarted = tracker_for(clock, ledger_path)
    after_restart = restarted.refresh([world.inventory(clock.now())])
    clock.set(end - 2 * M)
    second_lead = restarted.tick()

    assert warned(again) == []
    assert warned(after_restart) == []
    assert warned(restarted.tick()) == []
    assert warned(second_lead) == [("vm-web-01", 2 * M)]
    assert warned(tracker_for(clock, ledger_path).refresh([world.inventory(clock.now())])) == []


def test_a_grant_first_seen_late_gets_only_the_nearest_passed_warning(clock, ledger_path):
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + 5 * M)
    world.request(ME, "vm-web-02", 22, NOW - H, NOW + M)
    tracker = tracker_for(clock, ledger_path)

    first = tracker.refresh([world.inventory(clock.now())])
    later = run_until(tracker, clock, NOW + 3 * M)

    assert sorted(warned(first)) == [("vm-web-01", 10 * M), ("vm-web-02", 2 * M)]
    assert [w for u in later for w in warned(u)] == [("vm-web-01", 2 * M)]


def test_no_warning_for_a_lead_as_long_as_the_grant_nor_for_other_peoples_grants(
    clock, ledger_path
):
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW, NOW + 5 * M)
    world.request(PRIYA, "vm-web-02", 22, NOW - H, NOW + M)
    tracker = tracker_for(clock, ledger_path)

    first = tracker.refresh([world.inventory(clock.now())])
    later = run_until(tracker, clock, NOW + 4 * M)

    assert warned(first) == []
    assert [w for u in later for w in warned(u)] == [("vm-web-01", 2 * M)]


def test_new_lead_times_apply_to_open_grants(clock, ledger_path):
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + 30 * M)
    tracker = tracker_for(clock, ledger_path, leads=())
    tracker.refresh([world.inventory(clock.now())])
    assert warned(tracker.tick()) == []

    tracker.set_lead_times([20 * M])
    clock.set(NOW + 10 * M)

    assert warned(tracker.tick()) == [("vm-web-01", 20 * M)]


def test_the_end_passing_ends_the_grant_on_a_tick_once(clock, ledger_path):
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + M)
    world.request(PRIYA, "vm-web-02", 22, NOW - H, NOW + M)
    world.request(ME, "vm-api-02", 3389, NOW - H, NOW + H)
    tracker = tracker_for(clock, ledger_path)
    tracker.refresh([world.inventory(clock.now())])
    assert [g.vm.name for g in tracker.mine()] == ["vm-web-01", "vm-api-02"]
    assert [g.vm.name for g in tracker.others()] == ["vm-web-02"]

    still = run_until(tracker, clock, NOW + M - S)
    clock.set(NOW + M)
    at_end = tracker.tick()
    next_tick = tracker.tick()
    reread = tracker.refresh([world.inventory(clock.now())])

    assert [u.ended for u in still] == [[] for _ in still]
    assert [(e.grant.vm.name, e.reason) for e in at_end.ended] == [("vm-web-01", EndReason.EXPIRED)]
    assert [g.vm.name for g in at_end.grants] == ["vm-api-02"]
    assert [g.vm.name for g in tracker.grants] == ["vm-api-02"]
    assert tracker.others() == []
    assert next_tick.ended == []
    assert reread.ended == []


def test_a_refresh_reports_a_superseded_grant_once_with_its_replacement(clock, ledger_path):
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + H)
    tracker = tracker_for(clock, ledger_path)
    [old] = tracker.refresh([world.inventory(clock.now())]).grants

    world.request(ME, "vm-web-01", 22, NOW + M, NOW + 4 * H, active_from=NOW + M + 2 * S)
    clock.set(NOW + M + S)
    update = tracker.refresh([world.inventory(clock.now())])
    clock.set(NOW + M + 5 * S)
    settled = tracker.refresh([world.inventory(clock.now())])

    [gone] = update.ended
    assert gone.grant == old
    assert gone.reason is EndReason.SUPERSEDED
    assert gone.replaced_by is not None
    assert gone.replaced_by.end_time == NOW + 4 * H
    assert gone.replaced_by.initiating
    assert [(g.end_time, g.initiating) for g in settled.grants] == [(NOW + 4 * H, False)]
    assert settled.grants[0].key == gone.replaced_by.key
    assert settled.ended == []


def test_subscriptions_not_read_again_keep_their_grants_until_they_end(clock, ledger_path):
    prod, lab = GrantWorld(), GrantWorld(subscription=LAB)
    prod.request(ME, "vm-web-01", 22, NOW - H, NOW + H)
    lab.request(ME, "vm-web-01", 22, NOW - H, NOW + 2 * H)
    tracker = tracker_for(clock, ledger_path)
    tracker.refresh([prod.inventory(clock.now()), lab.inventory(clock.now())])

    only_prod = tracker.refresh([prod.inventory(clock.now())])
    lab.readable = False
    lab_unreadable = tracker.refresh([prod.inventory(clock.now()), lab.inventory(clock.now())])
    clock.set(NOW + 2 * H)
    at_lab_end = tracker.refresh([prod.inventory(clock.now()), lab.inventory(clock.now())])

    assert {g.subscription for g in only_prod.grants} == {prod.subscription, LAB}
    assert only_prod.ended == []
    assert {g.subscription for g in lab_unreadable.grants} == {prod.subscription, LAB}
    assert at_lab_end.grants == []
    assert {(e.grant.subscription, e.reason) for e in at_lab_end.ended} == {
        (prod.subscription, EndReason.EXPIRED),
        (LAB, EndReason.EXPIRED),
    }


def test_next_refresh_follows_the_interval_ends_and_initiating_grants(clock, ledger_path):
    world = GrantWorld()
    tracker = tracker_for(clock, ledger_path)
    tracker.refresh([world.inventory(clock.now())])
    assert tracker.next_refresh(clock.now()) is None

    world.request(PRIYA, "vm-web-01", 22, NOW - H, NOW + 30 * S)
    world.request(ME, "vm-web-02", 22, NOW - H, NOW + H)
    tracker.refresh([world.inventory(clock.now())])
    assert tracker.next_refresh(clock.now()) == NOW + 35 * S  # just after the first end

    clock.set(NOW + 30 * S)
    tracker.tick()  # the first grant ends locally; Azure is asked again a little later
    assert tracker.next_refresh(clock.now()) == NOW + 35 * S
    clock.set(NOW + 35 * S)
    tracker.refresh([world.inventory(clock.now())])
    assert tracker.next_refresh(clock.now()) == NOW + 95 * S  # the interval

    tracker.set_refresh_interval(timedelta(seconds=15))
    assert tracker.next_refresh(clock.now()) == NOW + 50 * S

    world.request(ME, "vm-api-02", 3389, NOW + 40 * S, NOW + H, active_from=NOW + 50 * S)
    clock.set(NOW + 41 * S)
    tracker.refresh([world.inventory(clock.now())])
    assert tracker.next_refresh(clock.now()) == NOW + 46 * S  # still initiating: soon again

    clock.set(NOW + H + 10 * S)
    tracker.refresh([world.inventory(clock.now())])
    assert tracker.grants == []
    assert tracker.next_refresh(clock.now()) is None


def test_next_refresh_after_the_last_grant_ended_on_a_tick_is_one_more_look(clock, ledger_path):
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + M)
    tracker = tracker_for(clock, ledger_path)
    tracker.refresh([world.inventory(clock.now())])

    clock.set(NOW + M)
    tracker.tick()

    assert tracker.grants == []
    assert tracker.next_refresh(clock.now()) == NOW + M + 5 * S


# --- the ledger ----------------------------------------------------------------------------------


def test_the_ledger_remembers_across_instances_and_forgets_after_two_days(clock, ledger_path):
    ledger = WarningLedger(ledger_path, clock)
    ledger.mark("old")
    clock.advance(timedelta(days=1))
    ledger.mark("new")
    assert WarningLedger(ledger_path, clock).seen("old")

    clock.advance(timedelta(days=1, minutes=1))
    reopened = WarningLedger(ledger_path, clock)

    assert not reopened.seen("old")
    assert reopened.seen("new")
    assert not reopened.seen("never")
    assert set(json.loads(ledger_path.read_text())["given"]) == {"old", "new"}
    reopened.mark("newest")
    assert set(json.loads(ledger_path.read_text())["given"]) == {"new", "newest"}


def test_the_ledger_writes_through_a_temporary_file(clock, ledger_path, monkeypatch):
    ledger = WarningLedger(ledger_path, clock)
    ledger.mark("first")
    replaced = []
    original = type(ledger_path).replace

    def spy(self, target):
        replaced.append((self.name, target))
        return original(self, target)

    monkeypatch.setattr(type(ledger_path), "replace", spy)
    ledger.mark("second")

    assert [(name.startswith(".grant-notices-"), target) for name, target in replaced] == [
        (True, ledger_path)
    ]
    assert sorted(p.name for p in ledger_path.parent.iterdir()) == ["grant-notices.json"]


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"given": 3}', "\x00\x01"])
def test_a_damaged_ledger_starts_empty_with_a_warning(clock, ledger_path, caplog, content):
    ledger_path.parent.mkdir(parents=True)
    ledger_path.write_text(content)

    with caplog.at_level(logging.WARNING, logger="jitdesk.services.grants"):
        ledger = WarningLedger(ledger_path, clock)

    assert not ledger.seen("given")
    assert "starting empty" in caplog.text
    ledger.mark("after")
    assert WarningLedger(ledger_path, clock).seen("after")


def test_a_ledger_that_cannot_be_written_keeps_its_entries_in_memory(clock, tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("")
    ledger = WarningLedger(blocker / "grant-notices.json", clock)

    with caplog.at_level(logging.WARNING, logger="jitdesk.services.grants"):
        ledger.mark("given")

    assert ledger.seen("given")
    assert "kept in memory" in caplog.text
