"""Requesting access and administering JIT through the real pipeline against the emulator."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from jitdesk.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_REFUSED, main
from jitdesk.domain.access import AccessRequest, AccessTarget, SourceKind
from jitdesk.domain.errors import InvalidRequest, NotFound, PermissionDenied
from jitdesk.domain.jit_state import JitStateKind
from jitdesk.domain.model import PolicyVm, PortRule, Protocol
from jitdesk.domain.policy_edit import ChangedMeanwhile
from jitdesk.domain.wording import explain_error
from jitdesk.emulator import Emulator, load_seed
from jitdesk.services.access import RequestRefused, request_access
from jitdesk.services.inventory import Inventory, InventoryService
from jitdesk.services.policy_admin import save_vms


@pytest.fixture
def emulator():
    with Emulator(load_seed("demo")) as emu:
        yield emu


def _cli(emulator, *args: str) -> list[str]:
    return [*args, "--emulator", emulator.url, "--ca-bundle", emulator.ca_bundle]


def _load(backend) -> Inventory:
    service = InventoryService(backend.gateway)
    try:
        return service.load_all()
    finally:
        service.shutdown()


def _find(inventory: Inventory, name: str):
    for sub in inventory.subscriptions:
        for vm in sub.vms:
            if vm.name == name:
                return sub, vm
    raise AssertionError(name)


def _target(inventory: Inventory, name: str) -> AccessTarget:
    sub, vm = _find(inventory, name)
    policy = sub.policy_for(vm)
    assert policy is not None
    return AccessTarget(vm, policy, policy.vm(vm.id))


def _subs(inventory: Inventory):
    return {s.subscription.subscription_id.lower(): s.subscription for s in inventory.subscriptions}


def _initiates(emulator):
    return [r for r in emulator.requests if r.method == "POST" and r.path.endswith("/initiate")]


def test_enable_then_request_then_list_shows_the_vm_open_until_the_right_time(emulator, capsys):
    assert main(_cli(emulator, "policy", "enable", "vm-etl-01")) == EXIT_OK
    assert "JIT enabled on vm-etl-01" in capsys.readouterr().out

    before = emulator.clock.now()
    assert (
        main(_cli(emulator, "request", "vm-etl-01", "--port", "22", "--duration", "30m", "--json"))
        == EXIT_OK
    )
    granted = json.loads(capsys.readouterr().out)["granted"]
    assert [(g["vm"], g["port"]) for g in granted] == [("vm-etl-01", 22)]

    assert main(_cli(emulator, "list", "--json")) == EXIT_OK
    vm = next(v for v in json.loads(capsys.readouterr().out)["vms"] if v["name"] == "vm-etl-01")
    assert vm["jit"]["state"] == "open"
    [port] = vm["jit"]["open"]
    until = datetime.strptime(port["until"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs((until - before - timedelta(minutes=30)).total_seconds()) < 5
    [sent] = _initiates(emulator)
    assert sent.body["virtualMachines"][0]["ports"] == [{"number": 22, "duration": "PT30M"}]


def test_the_body_sends_one_time_field_and_every_chosen_prefix(demo_backend):
    inventory = _load(demo_backend)
    target = _target(inventory, "sql-prod-01")
    request = AccessRequest(
        targets=(target,),
        ports=(1433,),
        duration=timedelta(minutes=45),
        source_kind=SourceKind.TYPED,
        sources=("203.0.113.0/24", "198.51.100.14"),
        justification="Index maintenance",
    )

    [outcome] = request_access(demo_backend.gateway, _subs(inventory), request)

    assert outcome.ok
    [sent] = _initiates(demo_backend.emulator)
    assert sent.body == {
        "virtualMachines": [
            {
                "id": target.policy_vm.vm_id.text,
                "ports": [
                    {
                        "number": 1433,
                        "duration": "PT45M",
                        "allowedSourceAddressPrefixes": ["203.0.113.0/24", "198.51.100.14"],
                    }
                ],
            }
        ],
        "justification": "Index maintenance",
    }
    [port] = outcome.request.vms[0].ports
    assert port.source_prefixes == ("203.0.113.0/24", "198.51.100.14")


def test_one_typed_prefix_goes_in_the_singular_field(demo_backend):
    inventory = _load(demo_backend)
    request = AccessRequest(
        targets=(_target(inventory, "vm-api-02"),),
        ports=(3389,),
        duration=timedelta(minutes=30),
        source_kind=SourceKind.POLICY,
    )

    request_access(demo_backend.gateway, _subs(inventory), request)

    [sent] = _initiates(demo_backend.emulator)
    port = sent.body["virtualMachines"][0]["ports"][0]
    assert port["allowedSourceAddressPrefixes"] == ["198.51.100.0/24", "203.0.113.0/24"]
    assert "allowedSourceAddressPrefix" not in port and "endTimeUtc" not in port


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["vm-web-02", "--port", "3389"], "has none of the chosen ports; its policy allows 22"),
        (["vm-web-02", "--duration", "4h"], "at most 180 minutes"),
        (["vm-api-02", "--source", "203.0.113.7"], "accepts only a source that equals"),
        (["vm-api-02", "--source", "192.0.2.1"], "allows only 198.51.100.0/24, 203.0.113.0/24"),
        (["vm-etl-01"], "JIT is not enabled on it"),
        (["no-such-vm"], "no VM named 'no-such-vm'"),
    ],
)
def test_refusals_caught_before_sending_exit_2_with_the_reason(emulator, capsys, args, expected):
    assert main(_cli(emulator, "request", *args)) == EXIT_BAD_INPUT
    assert expected in capsys.readouterr().err
    assert _initiates(emulator) == []


def test_no_permission_exits_3_naming_the_missing_action_and_the_ids(emulator, capsys):
    assert main(_cli(emulator, "request", "edge-gw-01")) == EXIT_REFUSED

    err = capsys.readouterr().err
    assert "Microsoft.Security/locations/jitNetworkAccessPolicies/initiate/action" in err
    assert "Security Admin" in err
    assert "request id " in err and "correlation id " in err


def test_a_policy_removed_meanwhile_reads_as_jit_not_enabled(demo_backend):
    inventory = _load(demo_backend)
    target = _target(inventory, "vm-monitor-neu-01")
    sub = _subs(inventory)[target.policy.id.subscription_id.lower()]
    demo_backend.gateway.delete_policy(sub, target.policy.id)
    request = AccessRequest((target,), (22,), timedelta(minutes=30))

    [outcome] = request_access(demo_backend.gateway, _subs(inventory), request)

    assert isinstance(outcome.error, NotFound)
    assert outcome.error.code == "PolicyNotFound"
    assert "not enabled on this VM" in str(explain_error(outcome.error))


def test_both_source_fields_are_refused_by_the_service_and_never_sent_by_jitdesk(demo_backend):
    inventory = _load(demo_backend)
    target = _target(inventory, "vm-web-02")
    sub = _subs(inventory)[target.policy.id.subscription_id.lower()]
    body = {
        "virtualMachines": [
            {
                "id": target.policy_vm.vm_id.text,
                "ports": [
                    {
                        "number": 22,
                        "duration": "PT30M",
                        "allowedSourceAddressPrefix": "203.0.113.7",
                        "allowedSourceAddressPrefixes": ["203.0.113.7", "203.0.113.8"],
                    }
                ],
            }
        ]
    }

    with pytest.raises(InvalidRequest) as refused:
        demo_backend.gateway.initiate(sub, target.policy.id, body)

    assert refused.value.code == "InvalidInitiateInput"
    assert "allowedSourceAddressPrefix" in str(explain_error(refused.value))


def test_a_request_the_policy_refuses_is_not_sent(demo_backend):
    inventory = _load(demo_backend)
    request = AccessRequest(
        targets=(_target(inventory, "vm-web-02"),),
        ports=(22,),
        duration=timedelta(hours=5),
    )

    with pytest.raises(RequestRefused) as refused:
        request_access(demo_backend.gateway, _subs(inventory), request)

    assert refused.value.problems[0].field == "duration"
    assert _initiates(demo_backend.emulator) == []


def test_saving_one_vm_keeps_the_other_vms_of_the_policy(demo_backend):
    inventory = _load(demo_backend)
    target = _target(inventory, "vm-web-02")
    sub = _subs(inventory)[target.policy.id.subscription_id.lower()]
    others = {vm.vm_id.key for vm in target.policy.vms} - {target.vm.id.key}
    new = PolicyVm(
        target.policy_vm.vm_id,
        (PortRule(22, Protocol.TCP, ("203.0.113.0/24",), timedelta(hours=1)),),
    )

    saved = save_vms(
        demo_backend.gateway,
        sub,
        target.policy.id,
        {target.vm.id.key: target.policy_vm},
        {target.vm.id.key: new},
    )

    assert saved is not None
    assert {vm.vm_id.key for vm in saved.vms} == others | {target.vm.id.key}
    assert saved.vm(target.vm.id).ports == new.ports
    assert len(saved.requests) == len(target.policy.requests)


def test_a_concurrent_change_is_not_overwritten(demo_backend):
    inventory = _load(demo_backend)
    target = _target(inventory, "vm-web-02")
    sub = _subs(inventory)[target.policy.id.subscription_id.lower()]
    someone_else = PolicyVm(
        target.policy_vm.vm_id, (PortRule(2222, Protocol.TCP, ("*",), timedelta(hours=2)),)
    )
    save_vms(
        demo_backend.gateway,
        sub,
        target.policy.id,
        {target.vm.id.key: target.policy_vm},
        {target.vm.id.key: someone_else},
    )
    mine = PolicyVm(
        target.policy_vm.vm_id, (PortRule(22, Protocol.TCP, ("*",), timedelta(hours=1)),)
    )

    with pytest.raises(ChangedMeanwhile) as changed:
        save_vms(
            demo_backend.gateway,
            sub,
            target.policy.id,
            {target.vm.id.key: target.policy_vm},
            {target.vm.id.key: mine},
        )

    assert changed.value.vm_names == ["vm-web-02"]
    current = demo_backend.gateway.get_policy(sub, target.policy.id)
    assert current.vm(target.vm.id).ports == someone_else.ports


def test_removing_the_last_vm_deletes_the_policy(demo_backend):
    inventory = _load(demo_backend)
    target = _target(inventory, "vm-monitor-neu-01")
    sub = _subs(inventory)[target.policy.id.subscription_id.lower()]
    assert [vm.vm_id.key for vm in target.policy.vms] == [target.vm.id.key]

    saved = save_vms(
        demo_backend.gateway,
        sub,
        target.policy.id,
        {target.vm.id.key: target.policy_vm},
        {target.vm.id.key: None},
    )

    assert saved is None
    assert demo_backend.gateway.get_policy(sub, target.policy.id) is None
    sub_inv, vm = _find(_load(demo_backend), "vm-monitor-neu-01")
    assert sub_inv.state_of(vm, datetime.now(UTC)).kind is JitStateKind.NOT_CONFIGURED


def test_turning_on_the_defender_plan_makes_jit_possible(demo_backend):
    sub_inv, _ = _find(_load(demo_backend), "vm-dev-01")

    demo_backend.gateway.enable_defender_plan(sub_inv.subscription)

    sub_inv, vm = _find(_load(demo_backend), "vm-dev-01")
    assert sub_inv.plan.allows_jit
    assert sub_inv.state_of(vm, datetime.now(UTC)).kind is JitStateKind.NOT_CONFIGURED


def test_policy_commands_refuse_what_azure_would_refuse(emulator, capsys):
    assert main(_cli(emulator, "policy", "edit", "vm-web-02", "--max-duration", "30h")) == 2
    assert "between 5 minutes and 24 hours" in capsys.readouterr().err
    assert main(_cli(emulator, "policy", "enable", "vm-web-02")) == 2
    assert "already on" in capsys.readouterr().err
    assert main(_cli(emulator, "policy", "enable", "vm-dev-01")) == 2
    assert "Defender for Servers Plan 2" in capsys.readouterr().err
    writes = [r for r in emulator.requests if r.method in ("PUT", "DELETE")]
    assert writes == []


def test_permission_errors_name_the_action(demo_backend):
    inventory = _load(demo_backend)
    target = _target(inventory, "edge-gw-01")
    request = AccessRequest((target,), (22,), timedelta(minutes=30))

    [outcome] = request_access(demo_backend.gateway, _subs(inventory), request)

    assert isinstance(outcome.error, PermissionDenied)
    assert outcome.error.action == (
        "Microsoft.Security/locations/jitNetworkAccessPolicies/initiate/action"
    )


def test_several_vms_go_out_as_one_initiate_per_policy(demo_backend):
    inventory = _load(demo_backend)
    targets = tuple(_target(inventory, n) for n in ("vm-web-02", "vm-web-03", "sql-prod-01"))
    request = AccessRequest(
        targets=targets,
        ports=(22, 3389),
        duration=timedelta(minutes=30),
        source_kind=SourceKind.POLICY,
    )

    outcomes = request_access(demo_backend.gateway, _subs(inventory), request)

    assert [o.ok for o in outcomes] == [True, True]
    sent = sorted(
        (r.path.split("/")[-2], [v["id"].rsplit("/", 1)[-1] for v in r.body["virtualMachines"]])
        for r in _initiates(demo_backend.emulator)
    )
    assert sent == [("default", ["vm-web-02", "vm-web-03"]), ("sql-servers", ["sql-prod-01"])]
    web = next(r for r in _initiates(demo_backend.emulator) if "default" in r.path)
    assert [p["number"] for v in web.body["virtualMachines"] for p in v["ports"]] == [22, 22]
