"""The ``jitdesk`` command: the window by default, and a few commands for scripts.

Exit codes: 0 done, 1 failed, 2 bad input (with the reason), 3 refused by Azure.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence

from jitdesk import __version__
from jitdesk.cli import grants, policy, request
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
from jitdesk.domain.errors import CloudError, NetworkError
from jitdesk.domain.wording import explain_error
from jitdesk.services.backend import ConnectionProblem, open_backend
from jitdesk.services.inventory import InventoryService
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
    grants.add_parser(commands)

    commands.add_parser(
        "emulator", add_help=False, help="run the local ARM emulator (see 'emulator --help')"
    )
    return parser


def _setup_logging(verbosity: int) -> None:
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if verbosity < 2:
        logging.getLogger("azure").setLevel(logging.WARNING)


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
    else:
        _print_table(inventory_table(inventory, now))
        for sub in inventory.subscriptions:
            if sub.error is not None:
                print(
                    f"\n{sub.subscription.display_name}: {explain_error(sub.error)}",
                    file=sys.stderr,
                )
    if inventory.error is not None:
        print(f"jitdesk: {explain_error(inventory.error)}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["emulator"]:
        from jitdesk.emulator.cli import main as emulator_main

        return emulator_main(arguments[1:])
    parser = build_parser()
    args = parser.parse_args(arguments)
    _setup_logging(args.verbose)
    try:
        if args.command is not None:
            code: int = args.run(args)
            return code
        from jitdesk.app.application import run_gui

        return run_gui(connection(args), screenshot=args.screenshot, lang=args.lang)
    except ConnectionProblem as problem:
        print(f"jitdesk: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except CloudError as error:
        return refused(error) if not isinstance(error, NetworkError) else _unreachable(error)


def _unreachable(error: CloudError) -> int:
    print(f"jitdesk: {explain_error(error)}", file=sys.stderr)
    return EXIT_FAILED


__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILED", "EXIT_OK", "EXIT_REFUSED", "build_parser", "main"]


if __name__ == "__main__":
    sys.exit(main())
