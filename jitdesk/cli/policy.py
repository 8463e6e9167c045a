"""``jitdesk policy enable|edit|remove``: JIT administration from a script."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
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
from jitdesk.domain.clock import SystemClock
from jitdesk.domain.durations import parse_short_duration
from jitdesk.domain.errors import CloudError
from jitdesk.domain.ids import ResourceId
from jitdesk.domain.jit_state import JitStateKind
from jitdesk.domain.model import PolicyVm, PortRule, Protocol, Subscription
from jitdesk.domain.policy_edit import (
    DEFAULT_DURATION,
    ChangedMeanwhile,
    check_rules,
    os_port,
    policy_id_for,
)
from jitdesk.domain.prefixes import PrefixError, normalize_prefix
from jitdesk.domain.wording import reason_text
from jitdesk.services.policy_admin import InvalidRules, save_vms
from jitdesk.services.resolve import resolve


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("policy", help="enable, edit or remove JIT on VMs")
    actions = parser.add_subparsers(dest="policy_action", metavar="ACTION", required=True)
    for name, text in (
        ("enable", "turn on JIT (default: the VM's RDP or SSH port, 3 h, any source)"),
        ("edit", "change the JIT rules of VMs; unnamed settings keep their values"),
        ("remove", "turn off JIT on VMs"),
    ):
        sub = actions.add_parser(name, help=text, description=text)
        connection_arguments(sub, suppress=True)
        vm_arguments(sub)
        if name != "remove":
            sub.add_argument(
                "--port",
                "-p",
                type=int,
                action="append",
                default=[],
                help="port of the rules (repeatable); with edit, replaces the list",
            )
            sub.add_argument("--add-port", type=int, action="append", default=[])
            sub.add_argument("--remove-port", type=int, action="append", default=[])
            sub.add_argument("--protocol", choices=["TCP", "UDP", "*"], default=None)
            sub.add_argument(
                "--source",
                action="append",
                default=[],
                metavar="PREFIX",
                help="allowed source address or CIDR, or * for any (repeatable)",
            )
            sub.add_argument(
                "--max-duration", default=None, help="longest grant, 5m to 24h (e.g. 3h)"
            )
        sub.set_defaults(run=run)


def _sources(values: list[str]) -> tuple[str, ...] | None:
    if not values:
        return None
    try:
        return tuple(normalize_prefix(v) for v in values)
    except PrefixError as error:
        raise BadInput(str(error)) from error


def _duration(value: str | None) -> timedelta | None:
    if value is None:
        return None
    try:
        return parse_short_duration(value)
    except ValueError as error:
        raise BadInput(str(error)) from error


def _rules(
    args: argparse.Namespace, base: tuple[PortRule, ...], default_port: int
) -> tuple[PortRule, ...]:
    protocol = Protocol.parse(args.protocol) if args.protocol else None
    sources = _sources(args.source)
    longest = _duration(args.max_duration)
    numbers = list(args.port) or [r.number for r in base] or [default_port]
    numbers += [p for p in args.add_port if p not in numbers]
    numbers = [p for p in numbers if p not in args.remove_port]
    by_number = {r.number: r for r in base}
    rules = []
    for number in numbers:
        old = by_number.get(number)
        rules.append(
            PortRule(
                number,
                protocol or (old.protocol if old else Protocol.ANY),
                sources or (old.allowed_source_prefixes if old else ("*",)),
                longest or (old.max_duration if old else DEFAULT_DURATION),
            )
        )
    return tuple(rules)


def run(args: argparse.Namespace) -> int:
    with loaded(args) as (backend, inventory):
        try:
            found = resolve(inventory, args.vms, args.resource_group, args.subscription)
        except Exception as error:
            print(f"jitdesk: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        now = SystemClock().now()
        jobs: dict[
            str,
            tuple[Subscription, ResourceId, dict[str, PolicyVm | None], dict[str, PolicyVm | None]],
        ] = {}
        names: dict[str, str] = {item.vm.id.key: item.vm.name for item in found}
        try:
            for item in found:
                state = item.inventory.state_of(item.vm, now)
                configured = state.kind in (JitStateKind.CLOSED, JitStateKind.OPEN)
                policy = state.policy
                current = policy.vm(item.vm.id) if policy else None
                if args.policy_action == "enable":
                    if configured:
                        raise BadInput(f"{item.vm.name}: JIT is already on; use 'policy edit'")
                    if state.kind is not JitStateKind.NOT_CONFIGURED:
                        reason = reason_text(state.reason).render() if state.reason else ""
                        raise BadInput(f"{item.vm.name}: JIT cannot be enabled. {reason}")
                    existing = item.inventory.policies.policies if item.inventory.policies else ()
                    policy_id = policy_id_for(item.vm, existing)
                    new: PolicyVm | None = PolicyVm(
                        item.vm.id, _rules(args, (), os_port(item.vm.os_type))
                    )
                    before = None
                else:
                    if not configured or policy is None or current is None:
                        why = (
                            reason_text(state.reason).render()
                            if state.reason
                            else f"JIT is not enabled on it; enable it with 'jitdesk policy "
                            f"enable {item.vm.name}'."
                        )
                        raise BadInput(f"{item.vm.name}: {why}")
                    policy_id = policy.id
                    before = current
                    new = (
                        None
                        if args.policy_action == "remove"
                        else PolicyVm(
                            current.vm_id,
                            _rules(args, current.ports, current.ports[0].number),
                            current.firewall_ip,
                        )
                    )
                if new is not None:
                    problems = check_rules(new.ports)
                    if problems:
                        raise BadInput("; ".join(str(p.text) for p in problems))
                sub = item.inventory.subscription
                _, _, seen, changes = jobs.setdefault(policy_id.key, (sub, policy_id, {}, {}))
                seen[item.vm.id.key] = before
                changes[item.vm.id.key] = new
        except BadInput as error:
            print(f"jitdesk: {error}", file=sys.stderr)
            return EXIT_BAD_INPUT
        for sub, policy_id, seen, changes in jobs.values():
            if all(seen.get(key) == new for key, new in changes.items()):
                unchanged = ", ".join(names[k] for k in changes)
                print(f"JIT settings of {unchanged} already are as asked; nothing changed")
                continue
            try:
                save_vms(backend.gateway, sub, policy_id, seen, changes)
            except CloudError as error:
                return refused(error, policy_id.name)
            except (ChangedMeanwhile, InvalidRules) as error:
                print(f"jitdesk: {error}", file=sys.stderr)
                return EXIT_BAD_INPUT
            verb = {"enable": "enabled on", "edit": "changed for", "remove": "removed from"}
            done = ", ".join(names[k] for k in changes)
            print(f"JIT {verb[args.policy_action]} {done} (policy {policy_id.name})")
    return EXIT_OK
