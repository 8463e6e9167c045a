"""Injected faults: errors on matching paths, a limited number of times; latency; clearing."""

from __future__ import annotations

import time

import pytest
from arm_testkit import ARM, JIT, SUB_PROD, ArmClient

from jitdesk.emulator import Emulator

POLICIES = f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/jitNetworkAccessPolicies?{JIT}"


def test_a_fault_hits_only_matching_paths_for_the_given_number_of_times(
    arm: ArmClient, emulator: Emulator
) -> None:
    emulator.faults.fail(
        r"/jitnetworkaccesspolicies$", 503, "ServiceUnavailable", "Try later.", times=2
    )

    first, second, third = (arm.get(POLICIES) for _ in range(3))
    other = arm.get(f"/tenants?{ARM}")

    assert (first.status, second.status, third.status) == (503, 503, 200)
    assert first.body == {"error": {"code": "ServiceUnavailable", "message": "Try later."}}
    assert "retry-after" not in first.headers
    assert other.status == 200
    assert [r.status for r in emulator.requests] == [503, 503, 200, 200]


def test_throttling_carries_retry_after_only_when_asked(arm: ArmClient, emulator: Emulator) -> None:
    emulator.faults.fail(
        "/tenants", 429, "TooManyRequests", "Slow down.", headers={"Retry-After": "1"}
    )

    answers = [arm.get(f"/tenants?{ARM}") for _ in range(2)]

    assert [a.status for a in answers] == [429, 429]
    assert answers[0].headers["retry-after"] == "1"
    assert answers[0].headers["x-ms-request-id"]


def test_clear_removes_faults_and_latency(arm: ArmClient, emulator: Emulator) -> None:
    emulator.faults.fail(".*", 500, "InternalServerError", "Boom.")
    emulator.faults.latency = 0.05
    emulator.faults.empty_pages = True
    assert arm.get(f"/tenants?{ARM}").status == 500

    emulator.faults.clear()

    answer = arm.get(f"/tenants?{ARM}")
    assert answer.status == 200 and answer.body["value"]
    assert emulator.faults.latency == 0 and emulator.faults.empty_pages is False


def test_latency_delays_every_answer(arm: ArmClient, emulator: Emulator) -> None:
    emulator.faults.latency = 0.05

    started = time.perf_counter()
    answer = arm.get(f"/tenants?{ARM}")
    elapsed = time.perf_counter() - started

    assert answer.status == 200
    assert elapsed >= 0.05


def test_times_must_be_positive(emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        emulator.faults.fail(".*", 500, "X", "Y", times=0)
