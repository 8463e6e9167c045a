"""Defender for Servers pricing PUT: turning Plan 2 on and off, the trial clock, refusals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from arm_testkit import SUB_DEV, SUB_PROD, USER, ArmClient, demo_data, deny, policy_path, vm_id

from jitdesk.emulator import Emulator, EmulatorClock

VERSION = "api-version=2024-01-01"
DEV_PLAN = f"/subscriptions/{SUB_DEV}/providers/Microsoft.Security/pricings/VirtualMachines"
PROD_PLAN = f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/pricings/VirtualMachines"
PLAN_2 = {"properties": {"pricingTier": "Standard", "subPlan": "P2"}}


def enable_jit_on_dev(arm: ArmClient) -> Any:
    """PUT a policy for vm-dev-01 (the "Enable JIT" call)."""
    path = policy_path("rg-dev-apps", "northeurope", "default", sub=SUB_DEV)
    rule = {
        "number": 22,
        "protocol": "*",
        "allowedSourceAddressPrefix": "*",
        "maxRequestAccessDuration": "PT3H",
    }
    vm = {"id": vm_id("rg-dev-apps", "vm-dev-01", sub=SUB_DEV), "ports": [rule]}
    return arm.send(
        "PUT", f"{path}?api-version=2020-01-01", {"properties": {"virtualMachines": [vm]}}
    )


def test_turning_plan_2_on_starts_the_trial_and_lets_jit_be_enabled(
    arm: ArmClient, clock: EmulatorClock
) -> None:
    refused = enable_jit_on_dev(arm)

    answer = arm.send("PUT", f"{DEV_PLAN}?{VERSION}", PLAN_2)
    clock.advance(timedelta(days=1, hours=2))
    later = arm.get(f"{DEV_PLAN}?{VERSION}")
    enabled = enable_jit_on_dev(arm)

    assert refused.status == 409
    assert answer.status == 200
    properties = answer.body["properties"]
    assert (properties["pricingTier"], properties["subPlan"]) == ("Standard", "P2")
    assert properties["enablementTime"] == "2025-03-14T09:30:00.0000000Z"
    assert properties["freeTrialRemainingTime"] == "P30D"
    assert answer.body["id"] == DEV_PLAN
    assert answer.headers["x-ms-ratelimit-remaining-subscription-writes"].isdigit()
    assert later.body["properties"]["freeTrialRemainingTime"] == "P28DT22H"
    assert later.body["properties"]["enablementTime"] == properties["enablementTime"]
    assert enabled.status == 200, enabled.body


def test_sub_plan_defaults_to_p2_and_the_trial_never_goes_below_zero(
    arm: ArmClient, clock: EmulatorClock
) -> None:
    answer = arm.send("PUT", f"{DEV_PLAN}?{VERSION}", {"properties": {"pricingTier": "standard"}})
    clock.advance(timedelta(days=45))

    later = arm.get(f"{DEV_PLAN}?{VERSION}").body["properties"]

    assert answer.body["properties"]["subPlan"] == "P2"
    assert later["freeTrialRemainingTime"] == "PT0S"


def test_turning_the_plan_off_or_to_p1_blocks_jit_writes(
    arm: ArmClient, clock: EmulatorClock
) -> None:
    p1 = arm.send(
        "PUT",
        f"{PROD_PLAN}?{VERSION}",
        {"properties": {"pricingTier": "Standard", "subPlan": "P1"}},
    )
    web = policy_path("rg-prod-web", "westeurope", "default")
    current = arm.get(f"{web}?api-version=2020-01-01").body
    with_p1 = arm.send("PUT", f"{web}?api-version=2020-01-01", current)
    free = arm.send("PUT", f"{PROD_PLAN}?{VERSION}", {"properties": {"pricingTier": "Free"}})
    with_free = arm.send("PUT", f"{web}?api-version=2020-01-01", current)
    back = arm.send("PUT", f"{PROD_PLAN}?{VERSION}", PLAN_2)
    again = arm.send("PUT", f"{web}?api-version=2020-01-01", current)

    assert p1.body["properties"]["subPlan"] == "P1"
    assert "enablementTime" in p1.body["properties"]
    assert (with_p1.status, with_p1.error_code) == (409, "DefenderForServersPlan2Required")
    assert "has Plan 1" in with_p1.body["error"]["message"]
    assert free.body["properties"]["pricingTier"] == "Free"
    assert (
        "subPlan" not in free.body["properties"] and "enablementTime" not in free.body["properties"]
    )
    assert "has the Free tier" in with_free.body["error"]["message"]
    assert back.body["properties"]["enablementTime"] == "2025-03-14T09:30:00.0000000Z"
    assert again.status == 200 and again.body == current


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        (
            {"properties": {"pricingTier": "Premium"}},
            "'properties.pricingTier' must be one of Free, Standard; got 'Premium'.",
        ),
        (
            {"properties": {"pricingTier": "Standard", "subPlan": "P3"}},
            "'properties.subPlan' must be one of P1, P2; got 'P3'.",
        ),
        ({"pricingTier": "Standard"}, "The request body must be"),
    ],
    ids=["tier", "sub-plan", "no-properties"],
)
def test_pricing_refusals(arm: ArmClient, sent: Any, message: str) -> None:
    answer = arm.send("PUT", f"{DEV_PLAN}?{VERSION}", sent)

    assert (answer.status, answer.error_code) == (400, "InvalidPricing")
    assert message in answer.body["error"]["message"]
    assert arm.get(f"{DEV_PLAN}?{VERSION}").body["properties"]["pricingTier"] == "Free"


def test_other_plans_are_not_modelled(arm: ArmClient) -> None:
    base = f"/subscriptions/{SUB_DEV}/providers/Microsoft.Security/pricings"

    known = arm.send("PUT", f"{base}/SqlServers?{VERSION}", PLAN_2)
    unknown = arm.send("PUT", f"{base}/Widgets?{VERSION}", PLAN_2)

    assert (known.status, known.error_code) == (400, "InvalidPricing")
    assert "'VirtualMachines'" in known.body["error"]["message"]
    assert (unknown.status, unknown.error_code) == (404, "NotFound")


@pytest.fixture
def denied(clock: EmulatorClock) -> Iterator[ArmClient]:
    data = demo_data()
    deny(data, SUB_DEV, "Microsoft.Security/pricings/write")
    with Emulator(data, clock=clock) as emu:
        client = ArmClient(emu)
        yield client
        client.close()


def test_a_pricing_write_denial_answers_403(denied: ArmClient) -> None:
    answer = denied.send("PUT", f"{DEV_PLAN}?{VERSION}", PLAN_2)
    read = denied.get(f"{DEV_PLAN}?{VERSION}")

    assert (answer.status, answer.error_code) == (403, "AuthorizationFailed")
    assert (f"The client '{USER}' with object id") in answer.body["error"]["message"]
    assert (
        f"perform action 'Microsoft.Security/pricings/write' over scope '{DEV_PLAN}'"
        in answer.body["error"]["message"]
    )
    assert "retry-after" not in answer.headers
    assert read.body["properties"]["pricingTier"] == "Free"
