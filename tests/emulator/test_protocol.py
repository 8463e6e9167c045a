"""The ARM front door: routing, api-version, bearer tokens, headers, TLS, recording, life cycle."""

from __future__ import annotations

import socket
import ssl
from datetime import timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from arm_testkit import ARM, COMPUTE, JIT, NOW, SUB_PROD, USER, ArmClient, make_token

from jitdesk.emulator import Emulator, EmulatorClock, Seed

POLICY = (
    f"/subscriptions/{SUB_PROD}/resourceGroups/rg-prod-web/providers/Microsoft.Security/"
    "locations/westeurope/jitNetworkAccessPolicies/default"
)


def test_paths_route_in_any_case_and_answer_with_the_stored_casing(arm: ArmClient) -> None:
    shouted = POLICY.upper()
    lowered = POLICY.lower()

    answers = [arm.get(f"{path}?{JIT}") for path in (POLICY, shouted, lowered)]

    assert [a.status for a in answers] == [200, 200, 200]
    assert {a.body["id"] for a in answers} == {answers[0].body["id"]}
    assert "/resourceGroups/rg-prod-web/providers/Microsoft.Security/" in answers[0].body["id"]


def test_a_trailing_slash_and_extra_query_parameters_are_tolerated(arm: ArmClient) -> None:
    answer = arm.get(f"/subscriptions/?{ARM}&$top=10")

    assert answer.status == 200
    assert len(answer.body["value"]) == 4


def test_missing_api_version_is_a_400(arm: ArmClient) -> None:
    for target in ("/subscriptions", f"{POLICY}?api-version=", f"{POLICY}?foo=1"):
        answer = arm.get(target)
        assert answer.status == 400, target
        assert answer.error_code == "MissingApiVersionParameter"
        assert "api-version" in answer.body["error"]["message"]


def test_requests_without_a_bearer_token_are_refused(arm: ArmClient) -> None:
    missing = arm.get(f"/subscriptions?{ARM}", token=None)
    basic = arm.get(f"/subscriptions?{ARM}", token=False, headers={"Authorization": "Basic eDp5"})

    assert missing.status == basic.status == 401
    assert missing.error_code == basic.error_code == "AuthenticationFailed"
    assert "'Authorization' header is missing" in missing.body["error"]["message"]
    assert missing.headers["www-authenticate"].startswith("Bearer ")
    assert "claims=" not in missing.headers["www-authenticate"]


def test_unknown_routes_and_resources_answer_404_the_arm_way(arm: ArmClient) -> None:
    resource_type = arm.get(f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/widgets?{JIT}")
    no_route = arm.get(f"/nothing/here?{JIT}")
    no_sub = arm.get(
        f"/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Compute/"
        f"virtualMachines?{COMPUTE}"
    )
    no_group = arm.get(
        f"/subscriptions/{SUB_PROD}/resourceGroups/rg-missing/providers/Microsoft.Compute/"
        f"virtualMachines?{COMPUTE}"
    )
    no_vm = arm.get(
        f"/subscriptions/{SUB_PROD}/resourceGroups/rg-prod-web/providers/Microsoft.Compute/"
        f"virtualMachines/vm-missing?{COMPUTE}"
    )

    assert resource_type.status == 404 and resource_type.error_code == "InvalidResourceType"
    assert "'widgets'" in resource_type.body["error"]["message"]
    assert no_route.status == 404 and no_route.error_code == "NotFound"
    assert no_sub.status == 404 and no_sub.error_code == "SubscriptionNotFound"
    assert no_group.status == 404 and no_group.error_code == "ResourceGroupNotFound"
    assert no_vm.status == 404 and no_vm.error_code == "ResourceNotFound"


def test_a_method_no_route_serves_is_405(arm: ArmClient) -> None:
    answer = arm.request("PATCH", f"{POLICY}?{JIT}", body=b"{}")

    assert answer.status == 405
    assert answer.error_code == "MethodNotAllowed"
    assert "'PATCH'" in answer.body["error"]["message"]


def test_writes_carry_the_write_budget_and_reads_the_read_budget(arm: ArmClient) -> None:
    read = arm.get(f"{POLICY}?{JIT}")
    written = arm.request("PUT", f"{POLICY}?{JIT}", body=b"{}")
    refused = arm.request("POST", f"{POLICY}/initiate?{JIT}", body=b"[]", token=None)

    assert "x-ms-ratelimit-remaining-subscription-writes" not in read.headers
    for answer in (written, refused):
        assert answer.status in (400, 401)
        assert answer.headers["x-ms-ratelimit-remaining-subscription-writes"].isdigit()
        assert "x-ms-ratelimit-remaining-subscription-reads" not in answer.headers
        assert len(answer.headers["x-ms-request-id"]) == 36
        assert len(answer.headers["x-ms-correlation-request-id"]) == 36


def test_every_answer_carries_the_arm_headers(arm: ArmClient, clock: EmulatorClock) -> None:
    clock.advance(timedelta(hours=5, seconds=7))

    ok = arm.get(f"/tenants?{ARM}")
    failed = arm.get(f"{POLICY}-nope?{JIT}", headers={"x-ms-correlation-request-id": "corr-42"})

    for answer in (ok, failed):
        assert len(answer.headers["x-ms-request-id"]) == 36
        assert parsedate_to_datetime(answer.headers["date"]) == NOW + timedelta(hours=5, seconds=7)
        assert answer.headers["x-ms-ratelimit-remaining-subscription-reads"].isdigit()
        assert "retry-after" not in answer.headers
        assert int(answer.headers["content-length"]) > 0
    assert ok.headers["x-ms-request-id"] != failed.headers["x-ms-request-id"]
    assert failed.headers["x-ms-correlation-request-id"] == "corr-42"
    assert len(ok.headers["x-ms-correlation-request-id"]) == 36
    assert ok.headers["content-type"].startswith("application/json")


def test_one_connection_serves_many_requests(arm: ArmClient, emulator: Emulator) -> None:
    for _ in range(5):
        assert arm.get(f"/tenants?{ARM}").status == 200
    sock = arm.connection.sock

    assert arm.get(f"/subscriptions?{ARM}").status == 200
    assert arm.connection.sock is sock


def test_requests_are_recorded_without_the_token(arm: ArmClient, emulator: Emulator) -> None:
    token = make_token(upn=USER, tid="449444ff-07cb-44b8-9941-0af3333c92f7")
    emulator.clear_requests()

    arm.get(f"/subscriptions?{ARM}", token=token, headers={"x-ms-client-request-id": "c-1"})
    arm.request(
        "POST",
        f"{POLICY}/initiate?{JIT}",
        body=b'{"justification": "x"}',
        headers={"Content-Type": "application/json"},
    )

    first, second = emulator.requests
    assert (first.method, first.path, first.query, first.status) == (
        "GET",
        "/subscriptions",
        {"api-version": "2022-12-01"},
        200,
    )
    assert first.headers["x-ms-client-request-id"] == "c-1"
    assert "authorization" not in first.headers
    assert token not in repr(emulator.requests)
    assert first.caller_upn == USER and first.time == NOW
    assert second.body == {"justification": "x"}


def test_the_certificate_is_valid_for_every_loopback_name(emulator: Emulator) -> None:
    context = ssl.create_default_context(cafile=emulator.ca_bundle)
    for name in ("127.0.0.1", "localhost"):
        with (
            socket.create_connection(("127.0.0.1", emulator.port), timeout=5) as raw,
            context.wrap_socket(raw, server_hostname=name) as tls,
        ):
            assert tls.version() in ("TLSv1.2", "TLSv1.3")

    untrusting = ssl.create_default_context()
    with (
        socket.create_connection(("127.0.0.1", emulator.port), timeout=5) as raw,
        pytest.raises(ssl.SSLCertVerificationError),
    ):
        untrusting.wrap_socket(raw, server_hostname="127.0.0.1")


@pytest.mark.parametrize("host", ["0.0.0.0", "10.0.0.1", "::1", "example.com"])
def test_only_ipv4_loopback_hosts_are_accepted(demo_seed: Seed, host: str) -> None:
    with pytest.raises(ValueError, match=r"127\.0\.0\.0/8"):
        Emulator(demo_seed, host=host)


def test_stop_removes_the_ca_and_closes_the_port(demo_seed: Seed) -> None:
    emulator = Emulator(demo_seed, host="localhost").start()
    ca, port = Path(emulator.ca_bundle), emulator.port
    assert emulator.url == f"https://127.0.0.1:{port}"
    assert ca.read_text().startswith("-----BEGIN CERTIFICATE-----")
    client = ArmClient(emulator)
    assert client.get(f"/tenants?{ARM}").status == 200

    emulator.stop()

    assert not ca.exists()
    assert not emulator.running
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)
    with pytest.raises(RuntimeError, match="not running"):
        _ = emulator.url
    client.close()
    emulator.stop()


def test_a_crashing_handler_still_answers_like_arm(
    arm: ArmClient, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(emulator.world, "policies_in", broken)

    crashed = arm.get(
        f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/jitNetworkAccessPolicies?{JIT}"
    )
    after = arm.get(f"/tenants?{ARM}")

    assert crashed.status == 500
    assert crashed.error_code == "InternalServerError"
    assert after.status == 200
