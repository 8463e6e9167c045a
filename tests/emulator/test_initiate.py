"""JIT initiate that succeeds: the 202 answer, the history, statuses over time, superseding,
sources, firewall mapped ports, who asked, and the body as received."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from arm_testkit import (
    JIT,
    NOW,
    TENANT_CONTOSO,
    USER,
    ArmClient,
    make_token,
    policy_path,
    vm_id,
)

from jitdesk.emulator import Emulator, EmulatorClock, Seed

WEB = policy_path("rg-prod-web", "westeurope", "default")
HUB = policy_path("rg-hub-weu", "westeurope", "default")


def ask(group: str, vm: str, *ports: dict[str, Any], justification: str = "test") -> Any:
    """An initiate body for one VM."""
    return {
        "virtualMachines": [{"id": vm_id(group, vm), "ports": list(ports)}],
        "justification": justification,
    }


def initiate(arm: ArmClient, path: str, body: Any, **kwargs: Any) -> Any:
    answer = arm.send("POST", f"{path}/initiate?{JIT}", body, **kwargs)
    assert answer.status == 202, answer.body
    return answer.body


def states(arm: ArmClient, path: str, vm: str, number: int) -> list[tuple[str, str]]:
    """(status, statusReason) of every request port for one VM and port, oldest first."""
    policy = arm.get(f"{path}?{JIT}").body
    return [
        (port["status"], port["statusReason"])
        for request in policy["properties"]["requests"]
        for machine in request["virtualMachines"]
        if machine["id"].lower().endswith(f"/virtualmachines/{vm}")
        for port in machine["ports"]
        if port["number"] == number
    ]


def test_initiate_answers_202_with_the_request_and_records_it(arm: ArmClient) -> None:
    port = {
        "number": 22,
        "endTimeUtc": "2025-03-14T11:00:00Z",
        "allowedSourceAddressPrefix": "203.0.113.7",
    }
    answer = arm.send(
        "POST",
        f"{WEB}/initiate?{JIT}",
        ask("rg-prod-web", "vm-web-02", port, justification="Patch"),
    )
    history = arm.get(f"{WEB}?{JIT}").body["properties"]["requests"]

    assert answer.status == 202
    assert answer.body == {
        "virtualMachines": [
            {
                "id": vm_id("rg-prod-web", "vm-web-02"),
                "ports": [
                    {
                        "number": 22,
                        "allowedSourceAddressPrefix": "203.0.113.7",
                        "endTimeUtc": "2025-03-14T11:00:00.0000000Z",
                        "status": "Initiating",
                        "statusReason": "UserRequested",
                    }
                ],
            }
        ],
        "startTimeUtc": "2025-03-14T09:30:00.0000000Z",
        "requestor": USER,
        "justification": "Patch",
    }
    assert len(history) == 5 and history[-1] == answer.body
    assert answer.headers["x-ms-ratelimit-remaining-subscription-writes"].isdigit()
    assert len(answer.headers["x-ms-request-id"]) == 36
    assert len(answer.headers["x-ms-correlation-request-id"]) == 36
    assert "retry-after" not in answer.headers


def test_ports_read_initiating_then_initiated_then_expired(
    arm: ArmClient, clock: EmulatorClock
) -> None:
    port = {"number": 22, "duration": "PT1H", "allowedSourceAddressPrefix": "203.0.113.7"}
    body = initiate(arm, WEB, ask("rg-prod-web", "vm-web-02", port))
    seen = [states(arm, WEB, "vm-web-02", 22)[-1]]
    for step in (timedelta(seconds=1), timedelta(seconds=1), timedelta(minutes=59, seconds=57)):
        clock.advance(step)
        seen.append(states(arm, WEB, "vm-web-02", 22)[-1])
    clock.advance(timedelta(seconds=1))
    seen.append(states(arm, WEB, "vm-web-02", 22)[-1])

    assert body["virtualMachines"][0]["ports"][0]["endTimeUtc"] == "2025-03-14T10:30:00.0000000Z"
    assert seen == [
        ("Initiating", "UserRequested"),
        ("Initiating", "UserRequested"),
        ("Initiated", "UserRequested"),
        ("Initiated", "UserRequested"),
        ("Revoked", "Expired"),
    ]


def test_the_initiate_delay_is_set_by_constructor_and_attribute(
    demo_seed: Seed, clock: EmulatorClock
) -> None:
    port = {"number": 22, "duration": "PT1H", "allowedSourceAddressPrefix": "198.51.100.9"}
    with Emulator(demo_seed, clock=clock, initiate_delay=timedelta(0)) as emu:
        client = ArmClient(emu)
        answer = initiate(client, WEB, ask("rg-prod-web", "vm-web-02", port))
        at_once = states(client, WEB, "vm-web-02", 22)[-1]
        emu.initiate_delay = timedelta(minutes=1)
        initiate(client, WEB, ask("rg-prod-web", "vm-web-03", port))
        waiting = states(client, WEB, "vm-web-03", 22)[-1]
        clock.advance(timedelta(seconds=59))
        still = states(client, WEB, "vm-web-03", 22)[-1]
        clock.advance(timedelta(seconds=1))
        done = states(client, WEB, "vm-web-03", 22)[-1]
        client.close()

    assert answer["virtualMachines"][0]["ports"][0]["status"] == "Initiating"
    assert at_once == ("Initiated", "UserRequested")
    assert waiting == still == ("Initiating", "UserRequested")
    assert done == ("Initiated", "UserRequested")
    assert emu.initiate_delay == timedelta(minutes=1)
    assert Emulator(demo_seed).initiate_delay == timedelta(seconds=2)
    with pytest.raises(ValueError, match="initiate_delay"):
        Emulator(demo_seed, initiate_delay=timedelta(seconds=-1))


def test_a_new_request_supersedes_the_open_one_at_once(
    arm: ArmClient, clock: EmulatorClock
) -> None:
    before = states(arm, WEB, "vm-web-01", 22)
    port = {"number": 22, "duration": "PT2H", "allowedSourceAddressPrefix": "198.51.100.9"}

    initiate(arm, WEB, ask("rg-prod-web", "vm-web-01", port))
    after = states(arm, WEB, "vm-web-01", 22)
    clock.advance(timedelta(seconds=2))
    later = states(arm, WEB, "vm-web-01", 22)

    assert before == [("Initiated", "UserRequested")]
    assert after == [("Revoked", "NewerRequestInitiated"), ("Initiating", "UserRequested")]
    assert later == [("Revoked", "NewerRequestInitiated"), ("Initiated", "UserRequested")]


def test_an_expired_request_stays_expired_when_a_newer_one_comes(arm: ArmClient) -> None:
    port = {"number": 22, "duration": "PT1H", "allowedSourceAddressPrefix": "198.51.100.9"}

    initiate(arm, WEB, ask("rg-prod-web", "vm-web-02", port))

    assert states(arm, WEB, "vm-web-02", 22) == [
        ("Revoked", "Expired"),
        ("Initiating", "UserRequested"),
    ]


def test_a_request_without_a_source_is_for_the_callers_address(arm: ArmClient) -> None:
    body = initiate(arm, WEB, ask("rg-prod-web", "vm-web-02", {"number": 22, "duration": "PT1H"}))

    port = body["virtualMachines"][0]["ports"][0]
    assert port["allowedSourceAddressPrefix"] == "127.0.0.1"
    assert "allowedSourceAddressPrefixes" not in port


def test_several_vms_and_ports_with_listed_sources_in_one_request(arm: ArmClient) -> None:
    prefixes = ["198.51.100.0/24", "203.0.113.0/24"]
    body = {
        "virtualMachines": [
            {
                "id": vm_id("rg-prod-web", "vm-api-02"),
                "ports": [
                    {"number": 3389, "duration": "PT8H", "allowedSourceAddressPrefixes": prefixes},
                    {"number": 5986, "duration": "PT30M", "allowedSourceAddressPrefixes": prefixes},
                ],
            },
            {
                "id": vm_id("rg-prod-web", "vm-web-03"),
                "ports": [{"number": 22, "duration": "PT3H", "allowedSourceAddressPrefix": "*"}],
            },
        ]
    }

    answer = initiate(arm, WEB, body)

    api, web = answer["virtualMachines"]
    assert [p["allowedSourceAddressPrefixes"] for p in api["ports"]] == [prefixes, prefixes]
    assert [p["endTimeUtc"][:16] for p in api["ports"]] == ["2025-03-14T17:30", "2025-03-14T10:00"]
    assert web["ports"][0]["allowedSourceAddressPrefix"] == "*"
    assert "justification" not in answer
    assert states(arm, WEB, "vm-api-02", 5986) == [("Initiating", "UserRequested")]


def test_a_firewall_vm_gets_a_stable_mapped_port(arm: ArmClient, clock: EmulatorClock) -> None:
    port = {"number": 3389, "duration": "PT1H", "allowedSourceAddressPrefix": "203.0.113.7"}

    first = initiate(arm, HUB, ask("rg-hub-weu", "vm-ops-01", port))
    clock.advance(timedelta(minutes=5))
    second = initiate(arm, HUB, ask("rg-hub-weu", "vm-ops-01", port))
    jump = initiate(arm, HUB, ask("rg-hub-weu", "jump-weu-01", port))
    history = arm.get(f"{HUB}?{JIT}").body["properties"]["requests"]

    mapped = first["virtualMachines"][0]["ports"][0]["mappedPort"]
    assert 50000 <= mapped <= 59999
    assert second["virtualMachines"][0]["ports"][0]["mappedPort"] == mapped
    assert "mappedPort" not in jump["virtualMachines"][0]["ports"][0]
    assert history[-2]["virtualMachines"][0]["ports"][0]["mappedPort"] == mapped


def test_the_requestor_is_the_upn_in_the_token(arm: ArmClient) -> None:
    token = make_token(upn="priya.shah@contoso.example", tid=TENANT_CONTOSO)
    port = {"number": 22, "duration": "PT1H", "allowedSourceAddressPrefix": "203.0.113.7"}

    body = initiate(arm, WEB, ask("rg-prod-web", "vm-web-02", port), token=token)

    assert body["requestor"] == "priya.shah@contoso.example"
    assert body["startTimeUtc"] == NOW.strftime("%Y-%m-%dT%H:%M:%S.0000000Z")


def test_the_body_is_recorded_as_received(arm: ArmClient, emulator: Emulator) -> None:
    port = {"number": 22, "duration": "PT45M", "allowedSourceAddressPrefixes": ["203.0.113.0/24"]}
    body = ask("rg-prod-web", "vm-web-02", port, justification="Portal-style body")
    emulator.clear_requests()

    initiate(arm, WEB, body)
    refused = arm.send("POST", f"{WEB}/initiate?{JIT}", {"virtualMachines": []})

    accepted, failed = emulator.requests
    assert (accepted.method, accepted.path, accepted.status) == ("POST", f"{WEB}/initiate", 202)
    assert accepted.body == body
    assert accepted.headers["content-type"] == "application/json"
    assert refused.status == 400 and failed.body == {"virtualMachines": []}
