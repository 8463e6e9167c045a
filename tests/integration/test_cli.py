"""The command line: ``jitdesk list`` on the demo and against a shared emulator."""

from __future__ import annotations

import json
from pathlib import Path

from jitdesk.cli import EXIT_BAD_INPUT, EXIT_OK, main
from jitdesk.emulator import Emulator, load_seed


def test_list_json_shows_every_state_of_the_demo_world(capsys):
    assert main(["list", "--demo", "--json"]) == EXIT_OK

    data = json.loads(capsys.readouterr().out)
    states = {(vm["jit"]["state"], vm["jit"]["reason"]) for vm in data["vms"]}
    assert states == {
        ("open", None),
        ("closed", None),
        ("not-configured", None),
        ("unsupported", "classic-vm"),
        ("unsupported", "no-nsg"),
        ("unsupported", "plan-missing"),
        ("unknown", "policies-forbidden"),
    }
    assert len(data["vms"]) == 30
    web = next(vm for vm in data["vms"] if vm["name"] == "vm-web-01")
    assert web["tenant"] == "Contoso"
    assert web["subscription"] == "Contoso Production"
    assert web["resourceGroup"] == "rg-prod-web"
    assert web["jit"]["open"][0]["port"] == 22
    assert web["jit"]["ports"][0] == {
        "number": 22,
        "protocol": "TCP",
        "allowedSources": ["*"],
        "maxDuration": "PT3H",
    }
    guests = {t["name"]: t["guest"] for t in data["tenants"]}
    assert guests == {"Contoso": False, "Fabrikam": True}


def test_list_as_a_table_names_tenant_subscription_group_and_state(capsys):
    assert main(["list", "--demo"]) == EXIT_OK

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "TENANT",
        "SUBSCRIPTION",
        "RESOURCE",
        "GROUP",
        "VM",
        "POWER",
        "JIT",
        "PORTS",
    ]
    row = next(line for line in lines if " legacy-erp-01 " in line)
    assert "Unsupported: classic VM" in row
    assert len(lines) == 31


def test_list_against_a_running_emulator_shares_its_world(capsys):
    with Emulator(load_seed("demo")) as emulator:
        emulator.faults.fail(r"/providers/Microsoft\.Compute/virtualMachines$", 400, "X", "no")
        code = main(
            ["list", "--json", "--emulator", emulator.url, "--ca-bundle", emulator.ca_bundle]
        )

    assert code == 1
    out = capsys.readouterr()
    data = json.loads(out.out)
    assert data["vms"] == []
    assert all(s["error"] == "Azure refused the request: no" for s in data["subscriptions"])
    assert out.err.count("Azure refused the request: no") == 4


def test_an_emulator_url_without_its_ca_is_bad_input(capsys):
    code = main(["list", "--emulator", "https://127.0.0.1:9"])

    assert code == EXIT_BAD_INPUT
    assert "--ca-bundle" in capsys.readouterr().err


def test_an_unreachable_emulator_says_so_in_plain_words(capsys, tmp_path):
    ca = tmp_path / "ca.pem"
    with Emulator(load_seed("demo")) as emulator:
        url, bundle = emulator.url, emulator.ca_bundle
        ca.write_bytes(Path(bundle).read_bytes())

    code = main(["list", "--emulator", url, "--ca-bundle", str(ca)])

    assert code == 1
    assert f"No jitdesk emulator answers at {url}" in capsys.readouterr().err


def test_a_partial_listing_says_what_is_missing_and_fails(capsys):
    with Emulator(load_seed("demo")) as emulator:
        emulator.faults.fail(r"/providers/Microsoft\.Network/networkInterfaces$", 400, "X", "no")
        code = main(["list", "--emulator", emulator.url, "--ca-bundle", emulator.ca_bundle])

    assert code == 1
    out = capsys.readouterr()
    assert "vm-web-01" in out.out
    assert "the network interfaces could not be read" in out.err


def test_wrong_connection_options_say_what_to_do(capsys, tmp_path):
    not_a_cert = tmp_path / "ca.pem"
    not_a_cert.write_text("hello")
    for args, expected in (
        (
            ["--emulator", "https://127.0.0.1:9", "--ca-bundle", str(tmp_path / "gone.pem")],
            "no such file",
        ),
        (
            ["--emulator", "https://127.0.0.1:9", "--ca-bundle", str(not_a_cert)],
            "holds no certificate",
        ),
        (
            ["--emulator", "https://192.0.2.1:9", "--ca-bundle", str(not_a_cert)],
            "runs on this computer only",
        ),
        (["--demo", "--emulator", "https://127.0.0.1:9"], "either --demo or --emulator"),
    ):
        assert main(["list", *args]) == EXIT_BAD_INPUT
        assert expected in capsys.readouterr().err


def test_no_token_reaches_the_log_even_at_debug_level(capsys, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    assert main(["list", "--demo", "-vv"]) == EXIT_OK

    logged = caplog.text + capsys.readouterr().err
    assert "Authorization" in logged or "GET" in logged  # the HTTP traffic was logged
    assert "eyJ" not in logged  # the start of every token jitdesk's credentials make
    assert "Bearer " not in logged
