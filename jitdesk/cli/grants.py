"""``jitdesk grants``: the open grants, read from Azure's request history (not from memory)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from jitdesk.cli.common import EXIT_FAILED, EXIT_OK, connection_arguments, loaded
from jitdesk.domain.clock import ServerClock, SystemClock
from jitdesk.domain.grants import Grant, open_grants
from jitdesk.domain.wording import explain_error, format_remaining


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "grants",
        help="list your open JIT grants with their end times and time left",
        description="List the open grants of the signed-in user, then other people's grants "
        "on the VMs you can see. Read from the policies' request history, so a grant made "
        "elsewhere shows up too. Time left is counted on Azure's clock.",
    )
    connection_arguments(parser, suppress=True)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(run=run)


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def grant_json(grant: Grant, now: datetime) -> dict[str, Any]:
    """One grant for scripts; ``secondsLeft`` is counted from ``now``."""
    return {
        "vm": grant.vm.name,
        "id": grant.vm.id.text,
        "subscription": grant.subscription.display_name,
        "subscriptionId": grant.subscription.subscription_id,
        "port": grant.port,
        "mappedPort": grant.mapped_port,
        "sources": list(grant.source_prefixes),
        "until": _utc(grant.end_time),
        "secondsLeft": int(grant.time_left(now).total_seconds()),
        "requestor": grant.requestor,
        "justification": grant.justification,
        "initiating": grant.initiating,
    }


def _rows(grants: list[Grant], now: datetime, with_requestor: bool) -> list[list[str]]:
    header = ["VM", "SUBSCRIPTION", "PORT", "SOURCE", "UNTIL (UTC)", "LOCAL", "LEFT"]
    rows = [header + (["REQUESTOR"] if with_requestor else [])]
    for grant in grants:
        port = str(grant.port)
        if grant.mapped_port:
            port += f" (firewall {grant.mapped_port})"
        local = grant.end_time.astimezone()
        row = [
            grant.vm.name,
            grant.subscription.display_name,
            port,
            ", ".join(grant.source_prefixes).replace("*", "any") or "-",
            f"{grant.end_time.astimezone(UTC):%Y-%m-%d %H:%M:%S}",
            f"{local:%H:%M:%S %Z}".strip(),
            format_remaining(grant.time_left(now)) + (" (starting)" if grant.initiating else ""),
        ]
        rows.append(row + ([grant.requestor] if with_requestor else []))
    return rows


def _print_table(rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def run(args: argparse.Namespace) -> int:
    """Load the inventory, derive the open grants and print them. Blocks on the network."""
    with loaded(args) as (backend, inventory):
        account = backend.gateway.account()
        if account is None:
            print("jitdesk: nobody is signed in, so there are no grants to list.", file=sys.stderr)
            return EXIT_FAILED
        clock = ServerClock(SystemClock(), backend.gateway.server_time.offset)
        now = clock.now()
        grants = open_grants(inventory.subscriptions, account.username, now)
    for sub in inventory.subscriptions:
        if sub.policy_error is not None:
            print(
                f"jitdesk: grants in {sub.subscription.display_name} are unknown: "
                f"{explain_error(sub.policy_error)}",
                file=sys.stderr,
            )
    mine = [g for g in grants if g.mine]
    others = [g for g in grants if not g.mine]
    if args.json:
        result = {
            "mine": [grant_json(g, now) for g in mine],
            "others": [grant_json(g, now) for g in others],
        }
        json.dump(result, sys.stdout, indent=2)
        print()
        return EXIT_OK
    if mine:
        _print_table(_rows(mine, now, with_requestor=False))
    else:
        print(f"{account.username} has no open grants.")
    if others:
        print("\nOther people's grants on the VMs you can see:")
        _print_table(_rows(others, now, with_requestor=True))
    return EXIT_OK
