"""``jitdesk request``: ask for access from a script or a terminal."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from jitdesk.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    BadInput,
    connection_arguments,
    loaded,
    refused,
    vm_arguments,
)
from jitdesk.config.settings import Settings
from jitdesk.domain.access import (
    AccessRequest,
    AccessTarget,
    SourceKind,
    blocking,
    check_request,
    usual_ports,
)
from jitdesk.domain.clock import SystemClock
from jitdesk.domain.durations import format_iso_duration, parse_short_duration
from jitdesk.domain.errors import InvalidResourceId
from jitdesk.domain.prefixes import PrefixError, normalize_prefix
from jitdesk.domain.wording import reason_text
from jitdesk.launch.route import NoRoute, local_address_towards
from jitdesk.services.access import request_access
from jitdesk.services.resolve import Found, NotResolved, resolve


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "request",
        help="ask Azure to open JIT ports of one or several VMs",
        description="Ask for just-in-time access. Without --source, Azure uses your address "
        "as it sees it; --source route uses this computer's address on the way to the VM "
        "(VPN, peering); --source policy uses the policy's own allowed range.",
    )
    connection_arguments(parser, suppress=True)
    vm_arguments(parser)
    parser.add_argument(
        "--port",
        "-p",
        type=int,
        action="append",
        default=[],
        help="port to open (repeatable; default: the VM's RDP or SSH port)",
    )
    parser.add_argument(
        "--duration",
        "-d",
        default=None,
        help="how long, e.g. 30m, 2h, 1h30m (default: the setting, at most "
        "the policy's longest grant)",
    )
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="PREFIX",
        help="allowed source address or CIDR (repeatable), or 'route' or 'policy'",
    )
    parser.add_argument("--justification", "-j", default="", help="why you need access")
    parser.add_argument("--json", action="store_true", help="print the grants as JSON")
    parser.set_defaults(run=run)


def _source(values: list[str], targets: list[AccessTarget]) -> dict[str, Any]:
    if not values:
        return {"source_kind": SourceKind.AS_AZURE_SEES}
    if values == ["policy"]:
        return {"source_kind": SourceKind.POLICY}
    if values == ["route"]:
        by_vm: dict[str, tuple[str, ...]] = {}
        for target in targets:
            if not target.vm.private_ip:
                raise BadInput(f"{target.vm.name} has no private address to route to")
            try:
                by_vm[target.vm.id.key] = (local_address_towards(target.vm.private_ip),)
            except NoRoute as error:
                raise BadInput(f"{target.vm.name}: {error}") from error
        return {"source_kind": SourceKind.ROUTE_TO_VM, "sources_by_vm": by_vm}
    prefixes = []
    for value in values:
        try:
            prefixes.append(normalize_prefix(value))
        except PrefixError as error:
            raise BadInput(str(error)) from error
    return {"source_kind": SourceKind.TYPED, "sources": tuple(prefixes)}


def _targets(found: list[Found]) -> list[AccessTarget]:
    targets = []
    for item in found:
        state = item.inventory.state_of(item.vm, SystemClock().now())
        policy = state.policy
        policy_vm = policy.vm(item.vm.id) if policy else None
        if policy is None or policy_vm is None:
            reason = (
                f"JIT is not enabled on it; an admin can enable it ('jitdesk policy enable "
                f"{item.vm.name}')."
                if state.reason is None
                else reason_text(state.reason).render()
            )
            raise BadInput(f"{item.vm.name}: access cannot be requested. {reason}")
        targets.append(AccessTarget(item.vm, policy, policy_vm))
    return targets


def build_request(args: argparse.Namespace, targets: list[AccessTarget]) -> AccessRequest:
    settings = Settings()
    bad = [p for p in args.port if not 1 <= p <= 65535]
    if bad:
        raise BadInput(f"{bad[0]} is not a port number; ports run from 1 to 65535")
    ports = tuple(args.port) or tuple(sorted({n for t in targets for n in usual_ports(t)}))
    limits = [r.max_duration for t in targets for r in t.policy_vm.ports if r.number in ports]
    if args.duration:
        try:
            duration = parse_short_duration(args.duration)
        except ValueError as error:
            raise BadInput(str(error)) from error
    else:
        duration = timedelta(minutes=settings.get("request.default_minutes"))
        if limits:
            duration = min(duration, min(limits))
    return AccessRequest(
        targets=tuple(targets),
        ports=ports,
        duration=duration,
        justification=args.justification,
        **_source(args.source, targets),
    )


def run(args: argparse.Namespace) -> int:
    with loaded(args) as (backend, inventory):
        try:
            found = resolve(inventory, args.vms, args.resource_group, args.subscription)
            targets = _targets(found)
            request = build_request(args, targets)
        except (BadInput, NotResolved, InvalidResourceId) as error:
            print(f"jitdesk: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        required = Settings().get("request.justification_required")
        problems = blocking(check_request(request, required))
        if problems:
            for problem in problems:
                print(f"jitdesk: {problem.text}", file=sys.stderr)
            return EXIT_BAD_INPUT
        subscriptions = {
            s.subscription.subscription_id.lower(): s.subscription for s in inventory.subscriptions
        }
        outcomes = request_access(backend.gateway, subscriptions, request, required)
    granted: list[dict[str, Any]] = []
    code = EXIT_OK
    for outcome in outcomes:
        if outcome.error is not None:
            code = refused(outcome.error, ", ".join(t.vm.name for t in outcome.targets))
            continue
        assert outcome.request is not None
        for vm in outcome.request.vms:
            for port in vm.ports:
                granted.append(
                    {
                        "vm": vm.vm_id.name,
                        "id": vm.vm_id.text,
                        "port": port.number,
                        "mappedPort": port.mapped_port,
                        "until": port.end_time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "status": port.status.value,
                        "sources": list(port.source_prefixes),
                        "duration": format_iso_duration(request.duration),
                    }
                )
    if args.json:
        json.dump({"granted": granted}, sys.stdout, indent=2)
        print()
    else:
        for grant in granted:
            until = datetime.strptime(grant["until"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            source = ", ".join(grant["sources"]).replace("*", "any source") or (
                "your address as Azure sees it"
            )
            mapped = (
                f" (through the firewall on port {grant['mappedPort']})"
                if grant["mappedPort"]
                else ""
            )
            print(
                f"{grant['vm']}: port {grant['port']}{mapped} open for {source} until "
                f"{until.astimezone():%H:%M} local time ({grant['until']})"
            )
    return code
