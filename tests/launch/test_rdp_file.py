""".rdp files: their content, their private folder, and their removal."""

from __future__ import annotations

import os
import stat
from datetime import timedelta

import pytest

from jitdesk.launch import rdp_file
from jitdesk.launch.rdp_file import cleanup, private_folder, rdp_text, write_rdp_file
from jitdesk.launch.targets import ConnectTarget

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def target(user="CONTOSO\\alice", host="20.50.1.9", port=53389, vm="vm-win-01"):
    return ConnectTarget(host, port, user, vm, "rdp")


def test_the_file_names_the_address_and_user_and_asks_for_the_password(tmp_path):
    path = write_rdp_file(target(), tmp_path / "rdp")

    assert path.read_bytes() == (
        b"full address:s:20.50.1.9:53389\r\n"
        b"username:s:CONTOSO\\alice\r\n"
        b"prompt for credentials:i:1\r\n"
        b"administrative session:i:0\r\n"
    )
    assert "password" not in path.read_text(encoding="utf-8").lower()


def test_without_a_user_name_there_is_no_username_line():
    text = rdp_text(target(user=None, host="2001:db8::5", port=3389))

    assert text.splitlines() == [
        "full address:s:[2001:db8::5]:3389",
        "prompt for credentials:i:1",
        "administrative session:i:0",
    ]


@posix_only
def test_the_folder_is_private_and_the_file_is_readable_by_its_owner_only(tmp_path):
    folder = tmp_path / "runtime" / "rdp"

    path = write_rdp_file(target(), folder)

    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@posix_only
def test_an_existing_open_folder_is_closed_again(tmp_path):
    folder = tmp_path / "rdp"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)

    assert private_folder(folder) == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@posix_only
def test_a_symlinked_folder_is_refused(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "rdp").symlink_to(elsewhere)

    with pytest.raises(PermissionError, match="not a folder of this user"):
        write_rdp_file(target(), tmp_path / "rdp")

    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    ("vm", "prefix"),
    [("../../etc/passwd", "etc_passwd-"), ("vm-win-01", "vm-win-01-"), ("..", "vm-")],
)
def test_a_hostile_vm_name_stays_inside_the_folder(tmp_path, vm, prefix):
    folder = tmp_path / "rdp"

    path = write_rdp_file(target(vm=vm), folder)

    assert path.parent == folder
    assert path.resolve().parent == folder.resolve()
    assert path.name.startswith(prefix)
    assert path.suffix == ".rdp"
    assert os.listdir(folder) == [path.name]


def test_each_file_gets_a_new_name_and_never_replaces_one(tmp_path, monkeypatch):
    first = write_rdp_file(target(), tmp_path)
    second = write_rdp_file(target(), tmp_path)
    assert first != second

    monkeypatch.setattr(rdp_file.secrets, "token_hex", lambda n: first.stem.rsplit("-", 1)[1])
    with pytest.raises(FileExistsError):
        write_rdp_file(target(), tmp_path)
    assert b"20.50.1.9" in first.read_bytes()


def test_cleanup_removes_old_rdp_files_only(tmp_path):
    old = write_rdp_file(target(), tmp_path)
    new = write_rdp_file(target(), tmp_path)
    other = tmp_path / "notes.txt"
    other.write_text("keep")
    now = 1_900_000_000.0
    os.utime(old, (now - 7200, now - 7200))
    os.utime(new, (now - 60, now - 60))
    os.utime(other, (now - 7200, now - 7200))

    removed = cleanup(timedelta(hours=1), tmp_path, now=lambda: now)

    assert removed == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([new.name, "notes.txt"])
    assert cleanup(timedelta(hours=1), tmp_path / "missing", now=lambda: now) == 0


def test_the_default_folder_is_per_user(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setattr(rdp_file.sys, "platform", "linux")

    folder = rdp_file.default_folder()

    assert folder.name == "rdp"
    assert "jitdesk" in folder.parts
