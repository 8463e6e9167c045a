"""``jitdesk connect``: open access if needed, wait until the port answers, start the client."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from typing import Any

from jitdesk.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    connection_arguments,
    loaded,
)
from jitdesk.config.settings import Settings
from jitdesk.config.vm_prefs import VmPrefsStore
from jitdesk.domain.clock import ServerClock, SystemClock
from jitdesk.domain.connect import default_port
from jitdesk.domain.errors import InvalidResourceId
from jitdesk.domain.text import Text
from jitdesk.domain.wording import reason_text
from jitdesk.launch.errors import LaunchFailed
from jitdesk.launch.launchers import SETTING_KEYS
from jitdesk.launch.targets import UnsafeValue, validate_username
from jitdesk.services.connect import Cancelled, ConnectFailed, ConnectOptions, Step, connect
from jitdesk.services.resolve import NotResolved, resolve


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "connect",
        help="connect to a VM: open access if needed, wait for the port, start RDP or SSH",
        description="Asks Azure for access when you have no open grant on the port, waits "
        "until the port really answers, then starts your RDP or SSH client.",
    )
    connection_arguments(parser, suppress=True)
    parser.add_argument("vm", metavar="VM", help="VM name or resource id")
    parser.add_argument("--resource-group", "-g", help="where the VM name is ambiguous")
    parser.add_argument("--subscription", "-s", help="subscription id or name, likewise")
    parser.add_argument("--port", "-p", type=int, help="port (default: RDP for Windows, SSH)")
    parser.add_argument("--user", "-u", help="user name for the client")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--private",
        action="store_true",
        help="connect to the private address (VPN, peered network)",
    )
    where.add_argument("--public", action="store_true", help="connect to the public address")
    parser.add_argument(
        "--wait",
        type=int,
        default=90,
        metavar="SECONDS",
        help="how long to wait for the port to open (default 90)",
    )
    parser.add_argument(
        "--print-only",
        action="store_true",
        help="print the client's command instead of starting it (access is still requested and "
        "the port waited for, as Connect does)",
    )
    parser.set_defaults(run=run)


def _say(step: Step, text: Text) -> None:
    print(f"  {text}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    if args.user is not None:
        try:
            validate_username(args.user)
        except UnsafeValue as error:
            print(f"jitdesk: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
    if not 5 <= args.wait <= 3600:
        print("jitdesk: --wait takes 5 to 3600 seconds", file=sys.stderr)
        return EXIT_BAD_INPUT
    settings = Settings()
    prefs_store = VmPrefsStore()
    started = time.perf_counter()
    with loaded(args) as (backend, inventory):
        try:
            [found] = resolve(inventory, [args.vm], args.resource_group, args.subscription)
        except (NotResolved, InvalidResourceId) as error:
            print(f"jitdesk: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        clock = ServerClock(SystemClock(), backend.gateway.server_time.offset)
        state = found.inventory.state_of(found.vm, clock.now())
        if state.policy is None:
            reason = (
                reason_text(state.reason).render()
                if state.reason
                else "JIT is not enabled on it; an admin can enable it."
            )
            print(
                f"jitdesk: {found.vm.name}: cannot connect through JIT. {reason}", file=sys.stderr
            )
            return EXIT_BAD_INPUT
        prefs = prefs_store.get(found.vm.id)
        port = args.port or prefs.port or default_port(found.vm)
        prefer = "private" if args.private else "public" if args.public else prefs.address
        protocol = "rdp" if port == 3389 else "ssh"
        options = ConnectOptions(
            port=port,
            prefer=prefer,
            username=args.user or prefs.username,
            client=prefs.client,
            template=settings.get(SETTING_KEYS[protocol]),
            default_minutes=settings.get("request.default_minutes"),
            wait=timedelta(seconds=args.wait),
            print_only=args.print_only,
        )
        account = backend.gateway.account()
        try:
            outcome = connect(
                backend.gateway,
                found.inventory.subscription,
                found.vm,
                state.policy,
                account.username if account else "",
                options,
                clock,
                _say,
            )
        except ConnectFailed as error:
            print(f"jitdesk: {error}", file=sys.stderr)
            return EXIT_FAILED
        except (LaunchFailed, UnsafeValue) as error:
            print(f"jitdesk: {error}", file=sys.stderr)
            return EXIT_FAILED
        except Cancelled:
            return 130
    seconds = time.perf_counter() - started
    verb = "opened by this request" if outcome.requested else "already open"
    print(
        f"  access {verb}; {outcome.endpoint.host}:{outcome.endpoint.port} answered after "
        f"{outcome.probe.attempts} attempt(s), {outcome.timings['open']:.1f} s after the check "
        f"began ({seconds:.1f} s with loading the inventory)",
        file=sys.stderr,
    )
    if outcome.plan is not None and args.print_only:
        print(outcome.plan.display)
    return EXIT_OK
