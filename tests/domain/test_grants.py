"""Open grants from the request history, and why grants end."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from helpers.grant_world import LAB, ME, NOW, PRIYA, GrantWorld

from jitdesk.domain.grants import EndedGrant, EndReason, ended, open_grants
from jitdesk.domain.ids import ResourceId
from jitdesk.domain.model import RequestStatus, StatusReason

H = timedelta(hours=1)
M = timedelta(minutes=1)


def test_open_grants_are_the_open_ports_of_the_history_sorted_by_end():
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + 2 * H, justification="hotfix")
    world.request(PRIYA, "vm-web-02", 22, NOW - H, NOW + H, sources=("198.51.100.9",))
    world.request(ME, "vm-api-02", 3389, NOW - 4 * H, NOW - 3 * H)  # over
    world.request(ME.upper(), "vm-api-02", 22, NOW - M, NOW + 3 * H, mapped_port=50022)

    grants = open_grants([world.inventory(NOW)], ME, NOW)

    assert [(g.vm.name, g.port, g.end_time) for g in grants] == [
        ("vm-web-02", 22, NOW + H),
        ("vm-web-01", 22, NOW + 2 * H),
        ("vm-api-02", 22, NOW + 3 * H),
    ]
    assert [g.mine for g in grants] == [False, True, True]
    web02, web01, api02 = grants
    assert web02.requestor == PRIYA
    assert web02.source_prefixes == ("198.51.100.9",)
    assert web01.justification == "hotfix"
    assert web01.start_time == NOW - H
    assert web01.subscription == world.subscription
    assert web01.policy_id == world.policy_id
    assert web01.vm == world.vm("vm-web-01")  # the listed VM, with its addresses
    assert web01.vm.public_ip == "127.20.1.11"
    assert api02.mapped_port == 50022
    assert not any(g.initiating for g in grants)


def test_the_latest_open_request_wins_for_a_vm_and_port():
    world = GrantWorld()
    world.request(ME, "vm-api-02", 3389, NOW - 50 * M, NOW + 2 * H)
    world.request(ME, "vm-api-02", 3389, NOW - 10 * M, NOW + 3 * H)
    # Data where Azure has not yet marked the older one: still the newer wins.
    world.request(
        PRIYA,
        "vm-web-01",
        22,
        NOW - 2 * H,
        NOW + H,
        forced=(RequestStatus.INITIATED, StatusReason.USER_REQUESTED),
    )
    world.request(ME, "vm-web-01", 22, NOW - M, NOW + 30 * M)

    grants = open_grants([world.inventory(NOW)], ME, NOW)

    assert {(g.vm.name, g.start_time, g.end_time) for g in grants} == {
        ("vm-api-02", NOW - 10 * M, NOW + 3 * H),
        ("vm-web-01", NOW - M, NOW + 30 * M),
    }


def test_initiating_counts_as_open_and_an_end_at_now_does_not():
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW, NOW + H, active_from=NOW + 2 * timedelta(seconds=1))
    world.request(ME, "vm-web-02", 22, NOW - H, NOW)

    [grant] = open_grants([world.inventory(NOW)], ME, NOW)

    assert grant.vm.name == "vm-web-01"
    assert grant.initiating


def test_a_vm_missing_from_the_listing_still_shows_its_grant_and_one_left_out_of_the_policy_not():
    world = GrantWorld(listed={"vm-web-02"}, in_policy={"vm-web-01", "vm-web-02"})
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + H)
    world.request(ME, "vm-api-02", 3389, NOW - H, NOW + H)

    [grant] = open_grants([world.inventory(NOW)], ME, NOW)

    assert grant.vm.id == world.vm_id("vm-web-01")
    assert grant.vm.name == "vm-web-01"
    assert grant.vm.location == "westeurope"


def test_a_subscription_whose_policies_cannot_be_read_adds_no_grants():
    readable, unreadable = GrantWorld(), GrantWorld(subscription=LAB, readable=False)
    readable.request(ME, "vm-web-01", 22, NOW - H, NOW + H)
    unreadable.request(ME, "vm-web-01", 22, NOW - H, NOW + H)

    grants = open_grants([readable.inventory(NOW), unreadable.inventory(NOW)], ME, NOW)

    assert [g.subscription for g in grants] == [readable.subscription]


def test_the_key_survives_a_new_read_and_tells_requests_apart():
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + H)
    [first] = open_grants([world.inventory(NOW)], ME, NOW)
    [again] = open_grants([world.inventory(NOW + M)], ME, NOW + M)
    world.request(ME, "vm-web-01", 22, NOW + 2 * M, NOW + 3 * H)
    [newer] = open_grants([world.inventory(NOW + 3 * M)], ME, NOW + 3 * M)

    assert again.key == first.key
    assert newer.key != first.key
    assert first.key.startswith(world.vm_id("vm-web-01").key)
    assert "|22|" in first.key


def test_time_left_counts_down_and_never_goes_negative():
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + 90 * timedelta(seconds=1))
    [grant] = open_grants([world.inventory(NOW)], ME, NOW)

    assert grant.time_left(NOW) == timedelta(seconds=90)
    assert grant.time_left(NOW + M) == timedelta(seconds=30)
    assert grant.time_left(NOW + H) == timedelta(0)


def _previous(world: GrantWorld):
    return open_grants([world.inventory(NOW)], ME, NOW)


def test_a_grant_whose_end_passed_expired():
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + M)
    previous = _previous(world)
    later = NOW + M

    current = open_grants([world.inventory(later)], ME, later)

    assert current == []
    assert ended(previous, current, [world.inventory(later)], later) == [
        EndedGrant(previous[0], EndReason.EXPIRED)
    ]


def test_a_newer_request_supersedes_and_names_its_replacement():
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + H)
    previous = _previous(world)
    world.request(ME, "vm-web-01", 22, NOW + M, NOW + 3 * H)
    later = NOW + 2 * M

    current = open_grants([world.inventory(later)], ME, later)
    [gone] = ended(previous, current, [world.inventory(later)], later)

    assert gone.reason is EndReason.SUPERSEDED
    assert gone.grant == previous[0]
    assert gone.replaced_by == current[0]
    assert gone.replaced_by.end_time == NOW + 3 * H


def test_a_replacement_still_initiating_supersedes_even_before_azure_says_so():
    world = GrantWorld()
    older = world.request(ME, "vm-web-01", 22, NOW - H, NOW + H)
    previous = _previous(world)
    older.forced = (RequestStatus.INITIATED, StatusReason.USER_REQUESTED)
    world.request(ME, "vm-web-01", 22, NOW + M, NOW + 3 * H, active_from=NOW + 2 * M)
    later = NOW + M

    current = open_grants([world.inventory(later)], ME, later)
    [gone] = ended(previous, current, [world.inventory(later)], later)

    assert gone.reason is EndReason.SUPERSEDED
    assert gone.replaced_by is not None and gone.replaced_by.initiating


def test_other_early_ends_are_revoked_and_azure_saying_expired_is_expired():
    world = GrantWorld()
    revoked = world.request(ME, "vm-web-01", 22, NOW - H, NOW + H)
    early = world.request(ME, "vm-web-02", 22, NOW - H, NOW + H)
    previous = _previous(world)
    revoked.forced = (RequestStatus.REVOKED, StatusReason.USER_REQUESTED)
    early.forced = (RequestStatus.REVOKED, StatusReason.EXPIRED)  # the server's clock is ahead

    current = open_grants([world.inventory(NOW)], ME, NOW)
    gone = ended(previous, current, [world.inventory(NOW)], NOW)

    assert {(e.grant.vm.name, e.reason) for e in gone} == {
        ("vm-web-01", EndReason.REVOKED),
        ("vm-web-02", EndReason.EXPIRED),
    }


def test_a_removed_policy_vm_entry_or_request_makes_the_grant_vanish():
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + H)
    world.request(ME, "vm-web-02", 22, NOW - H, NOW + H)
    previous = _previous(world)

    world.in_policy = {"vm-web-02"}
    without_vm = ended(
        previous, open_grants([world.inventory(NOW)], ME, NOW), [world.inventory(NOW)], NOW
    )
    world.in_policy = None
    world.requests.pop()
    without_request = ended(
        previous, open_grants([world.inventory(NOW)], ME, NOW), [world.inventory(NOW)], NOW
    )
    world.has_policy = False
    without_policy = ended(previous, [], [world.inventory(NOW)], NOW)

    assert [(e.grant.vm.name, e.reason) for e in without_vm] == [("vm-web-01", EndReason.VANISHED)]
    assert [(e.grant.vm.name, e.reason) for e in without_request] == [
        ("vm-web-02", EndReason.VANISHED)
    ]
    assert {e.reason for e in without_policy} == {EndReason.VANISHED}
    assert len(without_policy) == 2


def test_grants_of_unknown_subscriptions_are_not_reported_ended_before_their_end():
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + H)
    previous = _previous(world)
    world.readable = False

    assert ended(previous, [], [world.inventory(NOW)], NOW) == []
    assert ended(previous, [], [], NOW) == []
    assert [e.reason for e in ended(previous, [], [], NOW + H)] == [EndReason.EXPIRED]


def test_grants_still_open_are_not_ended_even_when_ids_are_spelled_differently():
    world = GrantWorld()
    world.request(ME, "vm-web-01", 22, NOW - H, NOW + H)
    previous = _previous(world)
    shouting = replace(
        previous[0], vm=replace(previous[0].vm, id=ResourceId.parse(previous[0].vm.id.text.upper()))
    )

    assert shouting.key == previous[0].key
    assert ended(previous, [shouting], [world.inventory(NOW)], NOW) == []
