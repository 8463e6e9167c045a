"""What every command shares: connection options, exit codes, loading the inventory."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from jitdesk.domain.errors import CloudError
from jitdesk.domain.wording import explain_error
from jitdesk.services.backend import Backend, ConnectionOptions, open_backend
from jitdesk.services.inventory import Inventory, InventoryService

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_REFUSED = 3


class BadInput(Exception):
    """The command line asks for something impossible; exit 2 with the reason."""


def connection_arguments(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """The options every command shares; ``suppress`` keeps a subcommand from overwriting
    values given before it."""
    default = argparse.SUPPRESS if suppress else None
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="use the built-in demo world (an emulator in-process)",
    )
    group.add_argument(
        "--emulator",
        metavar="URL",
        default=default,
        help="use a running 'jitdesk emulator' at this https URL",
    )
    group.add_argument(
        "--ca-bundle",
        metavar="PATH",
        default=default,
        help="the emulator's CA file (printed by 'jitdesk emulator')",
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=argparse.SUPPRESS if suppress else 0,
        help="log more (twice: debug)",
    )


def vm_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("vms", nargs="+", metavar="VM", help="VM name or resource id")
    parser.add_argument("--resource-group", "-g", help="where a VM name is ambiguous")
    parser.add_argument("--subscription", "-s", help="subscription id or name, likewise")


def connection(args: argparse.Namespace) -> ConnectionOptions:
    return ConnectionOptions(demo=args.demo, emulator_url=args.emulator, ca_bundle=args.ca_bundle)


@contextmanager
def loaded(args: argparse.Namespace) -> Iterator[tuple[Backend, Inventory]]:
    """Open the backend and load the whole inventory; close both afterwards."""
    backend = open_backend(connection(args))
    service = InventoryService(backend.gateway)
    try:
        inventory = service.load_all()
        if inventory.error is not None:
            raise inventory.error
        yield backend, inventory
    finally:
        service.shutdown()
        backend.close()


def refused(error: CloudError, about: str = "") -> int:
    """Print Azure's refusal in plain words, with the ids for support; return exit code 3."""
    prefix = f"{about}: " if about else ""
    print(f"jitdesk: {prefix}{explain_error(error)}", file=sys.stderr)
    d = error.details
    if d.request_id or d.correlation_id:
        print(
            f"  (request id {d.request_id or '-'}, correlation id {d.correlation_id or '-'})",
            file=sys.stderr,
        )
    return EXIT_REFUSED
