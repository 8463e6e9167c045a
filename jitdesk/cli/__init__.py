"""The ``jitdesk`` command: the window by default, and a few commands for scripts.

Exit codes: 0 done, 1 failed, 2 bad input (with the reason), 3 refused by Azure.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_dir

from jitdesk import __version__
from jitdesk.cli import connect, grants, policy, request
from jitdesk.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_REFUSED,
    connection,
    connection_arguments,
    refused,
)
from jitdesk.domain.clock import SystemClock
from jitdesk.domain.connect import parse_link
from jitdesk.domain.errors import CloudError, NetworkError
from jitdesk.domain.wording import explain_error
from jitdesk.services.backend import ConnectionProblem, open_backend
from jitdesk.services.inventory import Inventory, InventoryService
from jitdesk.services.listing import inventory_json, inventory_table


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jitdesk",
        description="Azure just-in-time VM access from the desktop. Without a command, "
        "opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"jitdesk {__version__}")
    connection_arguments(parser, suppress=False)
    parser.add_argument(
        "--screenshot",
        metavar="FILE",
        help="write a PNG of the loaded main window to FILE and exit",
    )
    parser.add_argument("--lang", metavar="CODE", help="interface language, e.g. en or de")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser("list", help="print every VM with its JIT state")
    connection_arguments(listing, suppress=True)
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(run=run_list)
    request.add_parser(commands)
    policy.add_parser(commands)
    connect.add_parser(commands)
    grants.add_parser(commands)

    commands.add_parser(
        "emulator", add_help=False, help="run the local ARM emulator (see 'emulator --help')"
    )
    return parser


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def _setup_logging(verbosity: int, window: bool) -> None:
    """The terminal gets errors only (jitdesk says what went wrong in words), more with -v;
    the window app also keeps an audit-level log file in the platform's log folder."""
    level = logging.ERROR if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "jitdesk", False)]:
        root.removeHandler(old)  # main() may run more than once in one process (tests)
        old.close()
    root.setLevel(min(level, logging.INFO) if window else level)
    terminal = logging.StreamHandler()
    terminal.jitdesk = True  # type: ignore[attr-defined]
    terminal.setLevel(level)
    terminal.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(terminal)
    if window:
        folder = Path(user_log_dir("jitdesk", appauthor=False))
        try:
            folder.mkdir(parents=True, exist_ok=True)
            file = RotatingFileHandler(
                folder / "jitdesk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError as error:
            root.warning("no log file in %s: %s", folder, error)
        else:
            file.jitdesk = True  # type: ignore[attr-defined]
            file.setLevel(logging.INFO if verbosity < 2 else logging.DEBUG)
            file.setFormatter(logging.Formatter(LOG_FORMAT))
            root.addHandler(file)
    if verbosity < 2:
        logging.getLogger("azure").setLevel(logging.WARNING)
        # urllib3 reports each failed connection itself; jitdesk says it once, in words.
        logging.getLogger("urllib3").setLevel(logging.ERROR)


def _window_problem(args: argparse.Namespace) -> str | None:
    """What would stop the window from opening, said before Qt aborts with its own words."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless and not platform:
        return (
            "no display found (neither DISPLAY nor WAYLAND_DISPLAY is set). Run jitdesk in a "
            "desktop session; for a screenshot without one, set QT_QPA_PLATFORM=offscreen."
        )
    if args.screenshot:
        target = Path(args.screenshot)
        if target.suffix.lower() != ".png":
            return f"--screenshot {target}: the file must end in .png"
        if not target.parent.is_dir():
            return f"--screenshot {target}: the folder {target.parent} does not exist"
    return None


def _print_table(rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def run_list(args: argparse.Namespace) -> int:
    """``jitdesk list``: load the whole inventory and print it."""
    backend = open_backend(connection(args))
    service = InventoryService(backend.gateway)
    try:
        inventory = service.load_all()
    finally:
        service.shutdown()
        backend.close()
    now = SystemClock().now()
    if args.json:
        json.dump(inventory_json(inventory, now), sys.stdout, indent=2)
        print()
    elif inventory.error is None:
        _print_table(inventory_table(inventory, now))
    problems = _problems(inventory)
    for problem in problems:
        print(f"jitdesk: {problem}", file=sys.stderr)
    return EXIT_FAILED if problems else EXIT_OK


def _problems(inventory: Inventory) -> list[str]:
    """Everything that did not load, in words; an empty list when the listing is complete."""
    if inventory.error is not None:
        return [str(explain_error(inventory.error))]
    names = {t.tenant_id: t.display_name for t in inventory.tenants}
    problems = [
        f"tenant {names.get(tid, tid)}: {explain_error(error)}"
        for tid, error in inventory.tenant_errors.items()
    ]
    for sub in inventory.subscriptions:
        name = sub.subscription.display_name
        if sub.error is not None:
            problems.append(f"{name}: {explain_error(sub.error)}")
        for part, error in sub.incomplete:
            problems.append(
                f"{name}: the {part} could not be read, so the VMs are listed "
                f"without them. {explain_error(error)}"
            )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["emulator"]:
        from jitdesk.emulator.cli import main as emulator_main

        return emulator_main(arguments[1:])
    link = None
    if arguments and arguments[-1].lower().startswith("jitdesk://"):
        # A deep link, as the desktop passes it: jitdesk://connect/<sub>/<group>/<vm>?port=N
        try:
            link = parse_link(arguments.pop())
        except ValueError as error:
            print(f"jitdesk: this link cannot be opened: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
    parser = build_parser()
    args = parser.parse_args(arguments)
    _setup_logging(args.verbose, window=args.command is None)
    try:
        if args.command is not None:
            code: int = args.run(args)
            return code
        problem = _window_problem(args)
        if problem:
            print(f"jitdesk: {problem}", file=sys.stderr)
            return EXIT_BAD_INPUT
        from jitdesk.app.application import run_gui

        return run_gui(connection(args), screenshot=args.screenshot, lang=args.lang, link=link)
    except ConnectionProblem as problem:
        print(f"jitdesk: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except CloudError as error:
        return refused(error) if not isinstance(error, NetworkError) else _unreachable(error)
    except KeyboardInterrupt:
        print("jitdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``jitdesk list --json | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED


def _unreachable(error: CloudError) -> int:
    print(f"jitdesk: {explain_error(error)}", file=sys.stderr)
    return EXIT_FAILED


__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILED", "EXIT_OK", "EXIT_REFUSED", "build_parser", "main"]


if __name__ == "__main__":
    sys.exit(main())
