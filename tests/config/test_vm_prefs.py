"""Per-VM choices: round trip, keys in any casing, nothing secret, damaged files."""

from __future__ import annotations

import json
import logging

import pytest

from jitdesk.config.vm_prefs import SecretRefused, VmPrefs, VmPrefsStore
from jitdesk.domain.ids import ResourceId
from jitdesk.launch.targets import UnsafeValue

VM = (
    "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/RG-Web"
    "/providers/Microsoft.Compute/virtualMachines/VM-Web-01"
)


def test_choices_survive_a_restart_keyed_by_the_lower_cased_id(tmp_path):
    path = tmp_path / "config" / "vms.json"
    prefs = VmPrefs(username="CONTOSO\\alice", address="private", port=2222, client="xfreerdp")
    VmPrefsStore(path).set(VM, prefs)

    again = VmPrefsStore(path)

    assert again.get(VM) == prefs
    assert again.get(VM.upper()) == prefs
    assert again.get(ResourceId.parse(VM.lower())) == prefs
    assert json.loads(path.read_text()) == {
        "version": 1,
        "vms": {
            VM.lower(): {
                "username": "CONTOSO\\alice",
                "address": "private",
                "port": 2222,
                "client": "xfreerdp",
            }
        },
    }


def test_an_unknown_vm_has_the_defaults_and_defaults_are_not_stored(tmp_path):
    path = tmp_path / "vms.json"
    store = VmPrefsStore(path)

    assert store.get(VM) == VmPrefs(username=None, address="auto", port=None, client=None)
    store.update(VM, username="azureuser")
    store.update(VM, username=None)
    assert json.loads(path.read_text())["vms"] == {}


def test_update_changes_some_fields_and_forget_removes_the_vm(tmp_path):
    path = tmp_path / "vms.json"
    store = VmPrefsStore(path)

    store.update(VM, username="azureuser")
    changed = store.update(VM.upper(), address="public")
    assert changed == VmPrefs(username="azureuser", address="public")
    assert VmPrefsStore(path).get(VM) == changed

    store.forget(VM)
    assert VmPrefsStore(path).get(VM) == VmPrefs()
    assert [p.name for p in tmp_path.iterdir()] == ["vms.json"]


@pytest.mark.parametrize("field", ["password", "Password", "ssh_private_key", "api_key", "token"])
def test_nothing_named_like_a_secret_is_stored(tmp_path, field):
    path = tmp_path / "vms.json"
    store = VmPrefsStore(path)

    with pytest.raises(SecretRefused, match="stores no passwords"):
        store.update(VM, **{field: "hunter2"})

    assert not path.exists()


def test_a_secret_found_in_the_file_is_dropped_and_not_written_again(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    path = tmp_path / "vms.json"
    path.write_text(
        json.dumps({"version": 1, "vms": {VM: {"username": "alice", "password": "hunter2"}}})
    )
    store = VmPrefsStore(path)

    assert store.get(VM) == VmPrefs(username="alice")
    assert "password" in caplog.text
    store.update(VM, port=2222)
    assert "hunter2" not in path.read_text()


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"username": "x; rm -rf ~"}, UnsafeValue),
        ({"username": "-oProxyCommand=evil"}, UnsafeValue),
        ({"port": 70000}, UnsafeValue),
        ({"address": "vpn"}, ValueError),
        ({"client": "../bin/sh"}, ValueError),
        ({"colour": "red"}, KeyError),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(tmp_path, changes, error):
    path = tmp_path / "vms.json"
    store = VmPrefsStore(path)
    store.update(VM, username="alice")

    with pytest.raises(error):
        store.update(VM, **changes)

    assert VmPrefsStore(path).get(VM) == VmPrefs(username="alice")


def test_a_damaged_file_starts_empty_and_keeps_good_entries(tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    path = tmp_path / "vms.json"
    path.write_text("{not json")
    assert VmPrefsStore(path).get(VM) == VmPrefs()
    assert "unreadable" in caplog.text

    other = VM.replace("VM-Web-01", "vm-db-01")
    path.write_text(
        json.dumps(
            {"vms": {VM: {"username": "bad user"}, other: {"address": "private", "port": 22}}}
        )
    )
    store = VmPrefsStore(path)
    assert store.get(VM) == VmPrefs()
    assert store.get(other) == VmPrefs(address="private", port=22)
    assert "ignoring the stored preferences" in caplog.text
