"""Seed loading: the demo seed's content, validation errors that name key and entity, times."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from arm_testkit import NOW, TENANT_CONTOSO, ArmClient

from jitdesk.emulator import Emulator, EmulatorClock, Seed, SeedError, load_seed


def tiny_seed() -> dict[str, Any]:
    """The smallest interesting seed: one subscription, one VM with a JIT policy."""
    return {
        "user": {
            "upn": "dana@example.test",
            "name": "Dana",
            "object_id": "11111111-1111-4111-8111-111111111111",
            "home_tenant": "22222222-2222-4222-8222-222222222222",
        },
        "tenants": [
            {
                "id": "22222222-2222-4222-8222-222222222222",
                "name": "Example",
                "default_domain": "example.test",
                "subscriptions": [
                    {
                        "id": "33333333-3333-4333-8333-333333333333",
                        "name": "Example Sub",
                        "resource_groups": [
                            {
                                "name": "rg-one",
                                "region": "westeurope",
                                "vms": [
                                    {
                                        "name": "vm-one",
                                        "os": "Linux",
                                        "private_ip": "10.1.1.4",
                                        "public_ip": "127.31.0.4",
                                    }
                                ],
                                "jit_policies": [
                                    {
                                        "vms": [{"vm": "vm-one", "ports": [{"number": 22}]}],
                                        "requests": [
                                            {
                                                "requestor": "dana@example.test",
                                                "start": "now-PT2H",
                                                "vms": [
                                                    {
                                                        "vm": "vm-one",
                                                        "ports": [
                                                            {
                                                                "number": 22,
                                                                "end": "now+PT45M",
                                                                "source": "203.0.113.9",
                                                            }
                                                        ],
                                                    }
                                                ],
                                            }
                                        ],
                                    }
                                ],
                            }
                        ],
                    }
                ],
            }
        ],
    }


def _group(seed: dict[str, Any]) -> dict[str, Any]:
    group: dict[str, Any] = seed["tenants"][0]["subscriptions"][0]["resource_groups"][0]
    return group


def test_demo_seed_has_the_promised_world(demo_seed: Seed) -> None:
    subscriptions = [s for t in demo_seed.tenants for s in t.subscriptions]
    groups = [g for s in subscriptions for g in s.resource_groups]
    vms = [vm for g in groups for vm in g.vms]

    assert [t.name for t in demo_seed.tenants] == ["Contoso", "Fabrikam"]
    assert demo_seed.user.home_tenant_id == TENANT_CONTOSO
    assert len(subscriptions) == 4
    assert 28 <= len(vms) + sum(len(g.classic_vms) for g in groups) <= 32
    assert {vm.region for vm in vms} == {"westeurope", "germanywestcentral", "northeurope"}
    assert {vm.os for vm in vms} == {"Windows", "Linux"}
    assert {vm.power for vm in vms} == {"running", "deallocated", "stopped"}
    assert [vm.name for vm in vms if vm.power == "stopped"] == ["vm-batch-gwc-01"]
    assert [vm.name for vm in vms if vm.nsg == "none"] == ["vm-tools-01"]
    assert sum(len(g.classic_vms) for g in groups) == 1
    policies = [p for g in groups for p in g.jit_policies]
    assert any(p.name != "default" for p in policies)
    assert max(len(p.vms) for p in policies) >= 3
    durations = {r.max_duration for p in policies for v in p.vms for r in v.ports}
    assert {"PT1H", "PT3H", "PT8H", "P1D"} <= durations
    ports = {r.number for p in policies for v in p.vms for r in v.ports}
    assert {22, 3389, 5985, 5986, 1433} <= ports
    sources = [r.source for p in policies for v in p.vms for r in v.ports]
    assert "*" in sources and any(isinstance(s, tuple) for s in sources)
    assert any(isinstance(s, str) and "/" in s for s in sources)
    assert any(v.firewall_ip for p in policies for v in p.vms)
    public = [vm.public_ip for vm in vms if vm.public_ip]
    assert all(ip.startswith("127.") and ip != "127.0.0.1" for ip in public)
    assert [s.defender_for_servers.tier for s in subscriptions].count("Free") == 1


def test_seed_loads_from_a_dict_a_path_and_a_name(tmp_path: Path) -> None:
    path = tmp_path / "world.json"
    path.write_text(json.dumps(tiny_seed()), encoding="utf-8")

    from_dict = load_seed(tiny_seed())
    from_path = load_seed(path)
    from_text = load_seed(str(path))

    assert from_dict.tenants == from_path.tenants == from_text.tenants
    assert from_path.origin == str(path)
    assert load_seed("demo").origin == "built-in seed 'demo'"


@pytest.mark.parametrize(
    ("break_it", "where", "detail"),
    [
        (lambda s: s["user"].pop("upn"), "user", "missing key 'upn'"),
        (
            lambda s: _group(s)["vms"][0].update(power="on"),
            "vms[0] (vm 'vm-one')",
            "key 'power': expected one of running",
        ),
        (
            lambda s: _group(s)["vms"][0].update(pwoer="running"),
            "vms[0] (vm 'vm-one')",
            "unknown key 'pwoer'",
        ),
        (
            lambda s: _group(s)["vms"][0].update(public_ip="52.174.1.1"),
            "vm 'vm-one'",
            "key 'public_ip': public addresses must be in 127.0.0.0/8",
        ),
        (
            lambda s: _group(s)["jit_policies"][0]["vms"][0].update(vm="vm-two"),
            "policy 'default' > vm 'vm-two'",
            "key 'vm': 'vm-two' does not exist in this resource group",
        ),
        (
            lambda s: _group(s)["jit_policies"][0]["vms"][0]["ports"][0].update(max_duration="P2D"),
            "port 22",
            "key 'max_duration': P2D is outside 5 minutes to 1 day",
        ),
        (
            lambda s: _group(s)["jit_policies"][0]["requests"][0].update(start="yesterday"),
            "requests[0] (request 'dana@example.test')",
            "key 'start': 'yesterday' is not a time",
        ),
        (
            lambda s: s["tenants"][0]["subscriptions"][0].update(id="not-a-guid"),
            "subscriptions[0] (subscription 'Example Sub')",
            "key 'id': expected a GUID",
        ),
        (
            lambda s: s["user"].update(home_tenant="44444444-4444-4444-8444-444444444444"),
            "user",
            "key 'home_tenant': no tenant has id",
        ),
    ],
)
def test_broken_seed_names_the_key_and_the_entity(
    break_it: Callable[[dict[str, Any]], object], where: str, detail: str
) -> None:
    seed = tiny_seed()
    break_it(seed)

    with pytest.raises(SeedError) as caught:
        load_seed(seed)

    assert where in caught.value.where
    assert detail in caught.value.detail


def test_subnet_nsg_contradiction_is_explained() -> None:
    seed = tiny_seed()
    vms = _group(seed)["vms"]
    vms[0]["nsg"] = "subnet"
    vms.append({"name": "vm-two", "os": "Windows", "private_ip": "10.1.1.5", "nsg": "none"})

    with pytest.raises(SeedError, match="'none' contradicts vm 'vm-one'"):
        load_seed(seed)


def test_request_port_must_be_a_policy_port() -> None:
    seed = tiny_seed()
    _group(seed)["jit_policies"][0]["requests"][0]["vms"][0]["ports"][0]["number"] = 3389

    with pytest.raises(SeedError, match="the policy has no rule for this port"):
        load_seed(seed)


def test_invalid_json_and_unknown_names_are_reported(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"user": ', encoding="utf-8")

    with pytest.raises(SeedError, match="not valid JSON"):
        load_seed(broken)
    with pytest.raises(SeedError, match="no built-in seed of that name"):
        load_seed("no-such-seed")


def test_relative_times_resolve_against_the_clock_when_the_emulator_is_built() -> None:
    clock = EmulatorClock(NOW)
    with Emulator(tiny_seed(), clock=clock) as emu:
        client = ArmClient(emu)
        policy = client.items(
            "/subscriptions/33333333-3333-4333-8333-333333333333/providers/"
            "Microsoft.Security/jitNetworkAccessPolicies?api-version=2020-01-01"
        )[0]
        client.close()

    request = policy["properties"]["requests"][0]
    assert request["startTimeUtc"] == "2025-03-14T07:30:00.0000000Z"
    assert request["virtualMachines"][0]["ports"][0]["endTimeUtc"] == "2025-03-14T10:15:00.0000000Z"


def test_absolute_times_stay_absolute_and_one_seed_serves_many_clocks() -> None:
    seed = tiny_seed()
    request = _group(seed)["jit_policies"][0]["requests"][0]
    request["start"] = "2025-01-02T03:04:05Z"
    loaded = load_seed(seed)

    later = Emulator(loaded, clock=EmulatorClock(NOW + timedelta(days=3)))
    earlier = Emulator(loaded, clock=EmulatorClock(NOW))

    late_request = later.world.policies[0].requests[0]
    early_request = earlier.world.policies[0].requests[0]
    assert (
        late_request.start
        == early_request.start
        == NOW.replace(year=2025, month=1, day=2, hour=3, minute=4, second=5)
    )
    end_gap = late_request.vms[0].ports[0].end - early_request.vms[0].ports[0].end
    assert end_gap == timedelta(days=3)


def test_loaded_seed_is_not_changed_by_editing_the_source_dict() -> None:
    source = tiny_seed()
    loaded = load_seed(source)
    original = copy.deepcopy(loaded)

    _group(source)["vms"][0]["name"] = "renamed"

    assert loaded == original


def test_the_documented_example_loads() -> None:
    text = resources.files("jitdesk.emulator").joinpath("SEED.md").read_text(encoding="utf-8")
    block = text.split("## Example", 1)[1].split("```json", 1)[1].split("```", 1)[0]

    seed = load_seed(json.loads(block))

    assert seed.user.upn == "dana@example.test"
    assert seed.tenants[0].subscriptions[0].resource_groups[0].jit_policies[0].name == "default"


def test_reach_comes_from_the_group_or_the_vm_and_is_served_as_a_tag() -> None:
    seed = tiny_seed()
    group = _group(seed)
    group["reach"] = "private"
    group["vms"].append(
        {"name": "vm-two", "os": "Linux", "private_ip": "10.1.1.5", "reach": "public"}
    )
    group["vms"][0]["tags"] = {"env": "test"}
    loaded = load_seed(seed)

    with Emulator(loaded, clock=EmulatorClock(NOW)) as emu:
        client = ArmClient(emu)
        vms = client.items(
            "/subscriptions/33333333-3333-4333-8333-333333333333/providers/"
            "Microsoft.Compute/virtualMachines?api-version=2024-11-01"
        )
        client.close()

    assert [vm.reach for vm in loaded.tenants[0].subscriptions[0].resource_groups[0].vms] == [
        "private",
        "public",
    ]
    assert vms[0]["tags"] == {"env": "test", "jitdesk-reach": "private"}
    assert "tags" not in vms[1]


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        ({"reach": "vpn"}, "key 'reach': expected one of public, private, got 'vpn'"),
        ({"tags": {"jitdesk-reach": "private"}}, "the tag 'jitdesk-reach' comes from 'reach'"),
    ],
)
def test_reach_is_checked(change: dict[str, Any], detail: str) -> None:
    seed = tiny_seed()
    _group(seed)["vms"][0].update(change)

    with pytest.raises(SeedError) as caught:
        load_seed(seed)

    assert detail in caught.value.detail
    assert "vm 'vm-one'" in caught.value.where
