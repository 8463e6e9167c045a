"""Grant tracking against the emulator: the demo's grants, expiry, supersession, warnings,
clock skew, and ``jitdesk grants`` across a restart."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from jitdesk.cli import EXIT_OK, main
from jitdesk.cloud.credentials import DemoCredential
from jitdesk.cloud.gateway import AzureGateway, Endpoint
from jitdesk.cloud.server_time import ServerTimeProbe
from jitdesk.domain.access import AccessRequest, AccessTarget, SourceKind
from jitdesk.domain.clock import ServerClock, SystemClock
from jitdesk.domain.grants import EndReason, open_grants
from jitdesk.domain.jit_state import JitStateKind
from jitdesk.domain.model import Account
from jitdesk.emulator import Emulator, EmulatorClock, load_seed
from jitdesk.services.access import request_access
from jitdesk.services.backend import ConnectionOptions, open_backend
from jitdesk.services.grants import GrantTracker, WarningLedger
from jitdesk.services.inventory import InventoryService, SubscriptionInventory

ALEX = "alex.morgan@contoso.example"
START = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)
S = timedelta(seconds=1)
M = timedelta(minutes=1)
LEADS = (10 * M, 2 * M)


@pytest.fixture
def emulator():
    """The demo world on an emulator whose clock stands still until a test moves it."""
    with Emulator(load_seed("demo"), clock=EmulatorClock(START)) as emu:
        yield emu


@pytest.fixture
def backend(emulator):
    backend = open_backend(
        ConnectionOptions(emulator_url=emulator.url, ca_bundle=emulator.ca_bundle)
    )
    yield backend
    backend.close()


def load(gateway) -> list[SubscriptionInventory]:
    service = InventoryService(gateway)
    try:
        inventory = service.load_all()
    finally:
        service.shutdown()
    assert inventory.error is None
    return inventory.subscriptions


def names(grants) -> list[tuple[str, int]]:
    return [(g.vm.name, g.port) for g in grants]


def test_the_demo_users_grants_and_other_peoples_come_from_the_history(demo_backend):
    seeded = demo_backend.emulator.clock.now()  # the demo's relative times count from here

    grants = open_grants(load(demo_backend.gateway), ALEX, seeded)

    mine = [g for g in grants if g.mine]
    others = [g for g in grants if not g.mine]
    assert names(mine) == [("vm-web-01", 22), ("vm-api-02", 3389)]
    assert names(others) == [("mes-app-01", 22), ("jump-weu-01", 3389)]
    web, api = mine
    # vm-web-01: asked 1 h 20 min ago until 1 h 40 min from now; vm-api-02: the newer of two.
    assert web.end_time - web.start_time == timedelta(hours=3)
    assert abs(web.end_time - seeded - timedelta(hours=1, minutes=40)) < 5 * S
    assert api.justification == "Installation still running, need more time"
    assert abs(api.end_time - seeded - timedelta(hours=2, minutes=50)) < 5 * S
    assert api.source_prefixes == ("203.0.113.0/24",)
    assert [g.requestor for g in others] == [
        "lena.vos@fabrikam.example",
        "jonas.weber@contoso.example",
    ]
    assert {g.subscription.display_name for g in others} == {
        "Fabrikam Plant Systems",
        "Contoso Production",
    }


def test_expiry_ends_the_grant_on_a_tick_and_azure_agrees(emulator, backend, tmp_path):
    tracker = GrantTracker(ALEX, emulator.clock, LEADS, WarningLedger(tmp_path / "l.json"))
    tracker.refresh(load(backend.gateway))
    web_end = START + timedelta(hours=1, minutes=40)
    assert [(g.vm.name, g.end_time) for g in tracker.mine()] == [
        ("vm-web-01", web_end),
        ("vm-api-02", START + timedelta(hours=2, minutes=50)),
    ]

    emulator.clock.set(web_end - S)
    assert tracker.tick().ended == []
    emulator.clock.set(web_end)
    at_end = tracker.tick()
    inventories = load(backend.gateway)
    reread = tracker.refresh(inventories)

    assert [(e.grant.vm.name, e.reason) for e in at_end.ended] == [("vm-web-01", EndReason.EXPIRED)]
    assert names(tracker.mine()) == [("vm-api-02", 3389)]
    assert reread.ended == []
    sub = next(s for s in inventories if any(vm.name == "vm-web-01" for vm in s.vms))
    vm = next(vm for vm in sub.vms if vm.name == "vm-web-01")
    assert sub.state_of(vm, emulator.clock.now()).kind is JitStateKind.CLOSED


def test_expiry_is_also_found_by_a_refresh_alone(emulator, backend, tmp_path):
    tracker = GrantTracker(ALEX, emulator.clock, (), WarningLedger(tmp_path / "l.json"))
    tracker.refresh(load(backend.gateway))

    emulator.clock.advance(timedelta(hours=2))
    update = tracker.refresh(load(backend.gateway))

    assert [(e.grant.vm.name, e.reason) for e in update.ended] == [("vm-web-01", EndReason.EXPIRED)]


def test_a_second_request_supersedes_the_first(emulator, backend, tmp_path):
    tracker = GrantTracker(ALEX, emulator.clock, LEADS, WarningLedger(tmp_path / "l.json"))
    inventories = load(backend.gateway)
    [old] = [g for g in tracker.refresh(inventories).grants if g.vm.name == "vm-web-01"]
    sub = next(s for s in inventories if s.subscription == old.subscription)
    vm = next(v for v in sub.vms if v.name == "vm-web-01")
    policy = sub.policy_for(vm)
    request = AccessRequest(
        targets=(AccessTarget(vm, policy, policy.vm(vm.id)),),
        ports=(22,),
        duration=timedelta(hours=3),
        source_kind=SourceKind.TYPED,
        sources=("203.0.113.45",),
        justification="Still deploying",
    )

    emulator.clock.advance(M)
    [outcome] = request_access(
        backend.gateway, {sub.subscription.subscription_id.lower(): sub.subscription}, request
    )
    assert outcome.ok
    update = tracker.refresh(load(backend.gateway))
    emulator.clock.advance(5 * S)  # past the emulator's two seconds of "Initiating"
    settled = tracker.refresh(load(backend.gateway))

    [gone] = update.ended
    assert gone.grant == old
    assert gone.reason is EndReason.SUPERSEDED
    assert gone.replaced_by is not None
    assert gone.replaced_by.initiating
    assert gone.replaced_by.end_time == START + M + timedelta(hours=3)
    assert gone.replaced_by.justification == "Still deploying"
    [new] = [g for g in settled.grants if g.vm.name == "vm-web-01"]
    assert new.key == gone.replaced_by.key
    assert not new.initiating
    assert settled.ended == []


def test_warnings_come_once_across_refreshes_and_a_restart(emulator, backend, tmp_path):
    ledger = tmp_path / "state" / "notices.json"
    web_end = START + timedelta(hours=1, minutes=40)
    tracker = GrantTracker(ALEX, emulator.clock, LEADS, WarningLedger(ledger, emulator.clock))
    assert tracker.refresh(load(backend.gateway)).warnings == []

    emulator.clock.set(web_end - 10 * M)
    first = tracker.tick()
    refreshed = tracker.refresh(load(backend.gateway))
    restarted = GrantTracker(ALEX, emulator.clock, LEADS, WarningLedger(ledger, emulator.clock))
    after_restart = restarted.refresh(load(backend.gateway))
    emulator.clock.set(web_end - 2 * M)
    second = restarted.tick()

    assert [(w.grant.vm.name, w.lead) for w in first.warnings] == [("vm-web-01", 10 * M)]
    assert refreshed.warnings == []
    assert after_restart.warnings == []
    assert [(w.grant.vm.name, w.lead) for w in second.warnings] == [("vm-web-01", 2 * M)]
    assert restarted.tick().warnings == []


class FastClock:
    """This PC's clock, ten minutes ahead of the real time."""

    def now(self) -> datetime:
        return datetime.now(UTC) + timedelta(minutes=10)


def test_a_pc_clock_ten_minutes_fast_still_shows_the_right_time_left(tmp_path):
    fast = FastClock()
    with Emulator(load_seed("demo")) as emulator:  # the server keeps real time
        user = emulator.user
        account = Account(user.upn, user.home_tenant_id, user.name, user.object_id)
        probe = ServerTimeProbe(fast.now)
        gateway = AzureGateway(
            Endpoint(emulator.url, emulator.ca_bundle, connect_retries=0),
            lambda tenant: DemoCredential(account, tenant),
            lambda: account,
            server_time=probe,
        )
        try:
            inventories = load(gateway)
        finally:
            gateway.close()
        server_clock = ServerClock(fast, probe.offset)
        tracker = GrantTracker(ALEX, server_clock, LEADS, WarningLedger(tmp_path / "l.json"))
        tracker.refresh(inventories)
        [web] = [g for g in tracker.mine() if g.vm.name == "vm-web-01"]
        true_left = web.end_time - emulator.clock.now()
        shown_left = web.time_left(server_clock.now())
        naive_left = web.time_left(fast.now())

    assert abs(probe.offset() + timedelta(minutes=10)) < 1.5 * S
    assert abs(shown_left - true_left) < 2 * S
    assert abs(naive_left - true_left + timedelta(minutes=10)) < 2 * S


def test_jitdesk_grants_lists_a_new_grant_the_same_after_a_restart(capsys):
    with Emulator(load_seed("demo")) as emulator:
        connection = ["--emulator", emulator.url, "--ca-bundle", emulator.ca_bundle]
        assert (
            main(
                ["request", "vm-web-02", "--port", "22", "--duration", "45m", "--json", *connection]
            )
            == EXIT_OK
        )
        [granted] = json.loads(capsys.readouterr().out)["granted"]

        assert main(["grants", "--json", *connection]) == EXIT_OK
        first = json.loads(capsys.readouterr().out)
        assert main(["grants", "--json", *connection]) == EXIT_OK  # a fresh start
        second = json.loads(capsys.readouterr().out)
        assert main(["grants", *connection]) == EXIT_OK
        table = capsys.readouterr().out

    def web02(listing):
        [entry] = [g for g in listing["mine"] if g["vm"] == "vm-web-02"]
        return entry

    assert web02(first)["until"] == granted["until"]
    assert web02(second)["until"] == granted["until"]
    assert web02(first)["port"] == 22
    assert web02(first)["requestor"] == ALEX
    assert 44 * 60 <= web02(second)["secondsLeft"] <= 45 * 60
    assert [g["vm"] for g in second["mine"]] == [g["vm"] for g in first["mine"]]
    assert {g["vm"] for g in second["mine"]} == {"vm-web-01", "vm-api-02", "vm-web-02"}
    assert {g["vm"] for g in second["others"]} == {"jump-weu-01", "mes-app-01"}
    assert set(first["mine"][0]) >= {
        "vm",
        "id",
        "subscription",
        "port",
        "mappedPort",
        "sources",
        "until",
        "secondsLeft",
        "requestor",
        "justification",
    }
    lines = table.splitlines()
    assert lines[0].split()[:3] == ["VM", "SUBSCRIPTION", "PORT"]
    assert any(line.startswith("vm-web-02 ") for line in lines)
    others_at = lines.index("Other people's grants on the VMs you can see:")
    assert any("jonas.weber@contoso.example" in line for line in lines[others_at:])
    assert not any("jonas.weber" in line for line in lines[:others_at])


def test_jitdesk_grants_on_the_demo_counts_time_on_the_servers_clock(capsys):
    assert main(["grants", "--demo", "--json"]) == EXIT_OK

    listing = json.loads(capsys.readouterr().out)
    web = next(g for g in listing["mine"] if g["vm"] == "vm-web-01")
    until = datetime.strptime(web["until"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs((until - SystemClock().now()).total_seconds() - web["secondsLeft"]) < 3
    assert 99 * 60 <= web["secondsLeft"] <= 100 * 60
