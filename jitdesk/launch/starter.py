"""Starting a client from a :class:`LaunchPlan`, detached from jitdesk.

The client must outlive jitdesk and must not share its terminal or its signals: on POSIX it
gets a session of its own, on Windows a process group of its own and either no console (a
graphical client) or a new console window (ssh.exe). An argument list goes to the operating
system as it is; there is never a shell in between.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

from jitdesk.domain.text import QT_TRANSLATE_NOOP, Text
from jitdesk.launch.errors import C, LaunchFailed
from jitdesk.launch.launchers import LaunchPlan, os_family

__all__ = ["LaunchFailed", "start"]

logger = logging.getLogger(__name__)

# The values of the Windows process creation flags; subprocess defines them only on Windows.
DETACHED_PROCESS = 0x00000008
CREATE_NEW_CONSOLE = 0x00000010
CREATE_NEW_PROCESS_GROUP = 0x00000200


def _options(plan: LaunchPlan, platform: str) -> dict[str, Any]:
    if os_family(platform) != "windows":
        devnull = subprocess.DEVNULL
        return {"stdin": devnull, "stdout": devnull, "stderr": devnull, "start_new_session": True}
    if plan.new_console:
        # The console program must talk to its new console window, so its standard handles
        # are left alone: redirecting them would cut ssh off from the keyboard.
        return {"creationflags": CREATE_NEW_CONSOLE | CREATE_NEW_PROCESS_GROUP}
    devnull = subprocess.DEVNULL
    return {
        "stdin": devnull,
        "stdout": devnull,
        "stderr": devnull,
        "creationflags": DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP,
    }


def start(
    plan: LaunchPlan,
    popen: Callable[..., Any] = subprocess.Popen,
    platform: str = sys.platform,
) -> int:
    """Start the client of ``plan`` detached and return its process id.

    Never uses a shell. Standard streams go to the null device (except a Windows console
    client, which gets its new console). Raises :class:`LaunchFailed` with a sentence for
    people when the program is missing or cannot be started. Returns as soon as the process
    exists; a thread of its own waits for it to end so that it leaves no zombie behind. Blocks
    only for process creation; fine on any thread.
    """
    program = plan.argv[0]
    try:
        process = popen(plan.argv, shell=False, close_fds=True, **_options(plan, platform))
    except FileNotFoundError:
        raise LaunchFailed(
            Text(
                C,
                QT_TRANSLATE_NOOP(
                    C,
                    "The program {program} was not found. Install it, or set another command "
                    "for this kind of connection in the settings.",
                ),
                {"program": program},
            )
        ) from None
    except OSError as error:
        raise LaunchFailed(
            Text(
                C,
                QT_TRANSLATE_NOOP(
                    C,
                    "The program {program} could not be started: {reason}. Check that it is "
                    "installed and that you may run it.",
                ),
                {"program": program, "reason": error.strerror or str(error)},
            )
        ) from error
    pid = int(process.pid)
    threading.Thread(target=process.wait, name=f"wait-{pid}", daemon=True).start()
    logger.info("started %s (pid %d)", plan.display, pid)
    return pid
