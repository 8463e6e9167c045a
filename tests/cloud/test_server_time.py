"""The server-time probe and ServerClock: offsets from Date headers, also through the real
pipeline against the emulator."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from jitdesk.cloud.credentials import DemoCredential
from jitdesk.cloud.gateway import AzureGateway, Endpoint
from jitdesk.cloud.server_time import ServerTimeProbe, parse_http_date
from jitdesk.domain.clock import ServerClock
from jitdesk.domain.model import Account
from jitdesk.emulator import Emulator, EmulatorClock, load_seed

T = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
S = timedelta(seconds=1)


class Frozen:
    def __init__(self, when: datetime) -> None:
        self.when = when

    def now(self) -> datetime:
        return self.when


def test_no_samples_no_offset():
    assert ServerTimeProbe().offset() == timedelta(0)


def test_a_sample_is_taken_halfway_and_half_a_second_past_the_stamp():
    probe = ServerTimeProbe()
    # Sent at local T, answered at local T+2 s, stamped T+601 s (the server is ten minutes ahead).
    probe.record(T + 601 * S, sent=T, received=T + 2 * S)

    assert probe.offset() == timedelta(seconds=600.5)


def test_the_median_ignores_a_stray_answer_and_only_recent_samples_count():
    probe = ServerTimeProbe(keep=5)
    for _ in range(4):
        probe.record(T - 0.5 * S, T, T)  # exactly in step
    probe.record(T + 3600 * S, T, T)  # a proxy's clock, an hour off

    assert probe.offset() == timedelta(0)

    for _ in range(3):
        probe.record(T + 59.5 * S, T, T)  # the server moved a minute on
    assert probe.offset() == timedelta(seconds=60)
    assert probe.sample_count == 5


@pytest.mark.parametrize("header", [None, "", "yesterday", "Fri, 99 Foo 2030 25:00:00 GMT"])
def test_missing_or_unreadable_dates_add_no_sample(header):
    probe = ServerTimeProbe()

    assert probe.record_header(header, T, T) is False
    assert probe.sample_count == 0


def test_http_dates_are_read_as_utc():
    assert parse_http_date("Tue, 01 Jan 2030 12:00:00 GMT") == T
    assert parse_http_date("Tue, 01 Jan 2030 13:00:00 +0100") == T
    assert parse_http_date("Tue, 01 Jan 2030 12:00:00 -0000") == T


def test_samples_from_many_threads_are_all_counted():
    probe = ServerTimeProbe(keep=1000)

    def record() -> None:
        for _ in range(100):
            probe.record_header("Tue, 01 Jan 2030 12:00:00 GMT", T, T)

    threads = [threading.Thread(target=record) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert probe.sample_count == 800


def test_server_clock_adds_the_current_offset_on_every_call():
    offsets = [timedelta(minutes=-10), timedelta(seconds=3)]
    clock = ServerClock(Frozen(T), lambda: offsets[0])

    assert clock.now() == T - timedelta(minutes=10)
    offsets[0] = offsets[1]
    assert clock.now() == T + 3 * S


def _gateway(emulator: Emulator, probe: ServerTimeProbe) -> AzureGateway:
    user = emulator.user
    account = Account(user.upn, user.home_tenant_id, user.name, user.object_id)
    return AzureGateway(
        Endpoint(emulator.url, emulator.ca_bundle, connect_retries=0),
        lambda tenant: DemoCredential(account, tenant),
        lambda: account,
        server_time=probe,
    )


def test_every_client_of_a_gateway_feeds_its_probe():
    server_now = T.replace(year=2031)
    with Emulator(load_seed("demo"), clock=EmulatorClock(server_now)) as emulator:
        local = Frozen(T)
        probe = ServerTimeProbe(local.now)
        gateway = _gateway(emulator, probe)
        try:
            [tenant, *_] = gateway.list_tenants()
            subscription = gateway.list_subscriptions(tenant.tenant_id)[0]
            read_by_json = probe.sample_count
            policies = gateway.list_jit_policies(subscription)
            gateway.delete_policy(subscription, policies[0].id)  # the typed SDK client
        finally:
            gateway.close()

    assert read_by_json == 2
    assert probe.sample_count == 4
    assert probe.offset() == server_now - T + 0.5 * S
    assert ServerClock(local, probe.offset).now() == server_now + 0.5 * S
