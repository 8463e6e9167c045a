"""Starting a client: detached, no shell, clear failures."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from jitdesk.launch.launchers import LaunchPlan
from jitdesk.launch.starter import (
    CREATE_NEW_CONSOLE,
    CREATE_NEW_PROCESS_GROUP,
    DETACHED_PROCESS,
    LaunchFailed,
    start,
)


class FakeProcess:
    pid = 4242

    def __init__(self) -> None:
        self.waited = threading.Event()

    def wait(self) -> int:
        self.waited.set()
        return 0


class FakePopen:
    """Records how it was called; returns a process whose wait() is observable."""

    def __init__(self, error: OSError | None = None) -> None:
        self.calls: list[tuple[list[str], dict[str, object]]] = []
        self.error = error
        self.process = FakeProcess()

    def __call__(self, argv: list[str], **options: object) -> FakeProcess:
        self.calls.append((argv, options))
        if self.error is not None:
            raise self.error
        return self.process


def a_plan(argv=("xfreerdp", "/v:203.0.113.10:3389"), new_console=False):
    return LaunchPlan(list(argv), None, new_console, " ".join(argv))


def test_on_posix_the_client_gets_its_own_session_and_no_streams():
    popen = FakePopen()

    pid = start(a_plan(), popen, platform="linux")

    assert pid == 4242
    ((argv, options),) = popen.calls
    assert argv == ["xfreerdp", "/v:203.0.113.10:3389"]
    assert options == {
        "shell": False,
        "close_fds": True,
        "stdin": subprocess.DEVNULL,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
        "start_new_session": True,
    }
    assert popen.process.waited.wait(timeout=5)


def test_on_windows_a_graphical_client_is_detached():
    popen = FakePopen()

    start(a_plan(["mstsc.exe", "/v:203.0.113.10:3389"]), popen, platform="win32")

    ((_, options),) = popen.calls
    assert options["creationflags"] == DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP
    assert options["stdin"] == subprocess.DEVNULL
    assert options["shell"] is False
    assert "start_new_session" not in options


def test_on_windows_a_console_client_gets_a_new_console_and_keeps_its_streams():
    popen = FakePopen()

    start(a_plan(["ssh.exe", "-p", "22", "203.0.113.20"], new_console=True), popen, "win32")

    ((_, options),) = popen.calls
    assert options["creationflags"] == CREATE_NEW_CONSOLE | CREATE_NEW_PROCESS_GROUP
    assert "stdin" not in options
    assert "stdout" not in options
    assert options["shell"] is False


def test_a_missing_program_says_so_and_what_to_do():
    with pytest.raises(LaunchFailed) as caught:
        start(a_plan(["jitdesk-no-such-client-xyz", "/v:203.0.113.10"]))

    message = str(caught.value)
    assert "jitdesk-no-such-client-xyz was not found" in message
    assert "settings" in message


def test_a_program_that_cannot_start_says_why():
    popen = FakePopen(PermissionError(13, "Permission denied"))

    with pytest.raises(LaunchFailed, match="could not be started: Permission denied"):
        start(a_plan(), popen, platform="linux")


def test_a_real_client_starts_and_is_reaped():
    pid = start(a_plan([sys.executable, "-c", "pass"]))

    assert pid > 0
    reapers = [t for t in threading.enumerate() if t.name == f"wait-{pid}"]
    for reaper in reapers:
        reaper.join(timeout=30)
    assert not any(t.is_alive() for t in reapers)
