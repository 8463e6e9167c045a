"""Enabling, editing and removing JIT on VMs: defaults, checks and read-modify-write merges.

A JIT policy holds every VM of its resource group and region, and a PUT replaces its whole VM
list. So every write starts from the policy as Azure has it *now*, changes only the VMs the user
edited, and refuses when someone else changed those VMs since the user looked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from jitdesk.domain.access import Problem
from jitdesk.domain.ids import ResourceId
from jitdesk.domain.model import JitPolicy, OsType, PolicyVm, PortRule, Protocol, VirtualMachine
from jitdesk.domain.prefixes import ANY, PrefixError, normalize_prefix
from jitdesk.domain.text import QT_TRANSLATE_NOOP, Text

C = "PolicyEdit"

RECOMMENDED_PORTS = (22, 3389, 5985, 5986)
DEFAULT_DURATION = timedelta(hours=3)
MIN_GRANT = timedelta(minutes=5)
MAX_GRANT = timedelta(hours=24)
DEFAULT_POLICY_NAME = "default"
MAX_NAME_LENGTH = 56  # policy name + VM name, for a policy not named "default"


def os_port(os_type: OsType) -> int:
    return 3389 if os_type is OsType.WINDOWS else 22


@dataclass(frozen=True)
class OfferedPort:
    """A row of the "Enable JIT" dialog: a port rule and whether it starts ticked."""

    rule: PortRule
    selected: bool


def enable_defaults(vm: VirtualMachine) -> list[OfferedPort]:
    """The ports Defender recommends (22, 3389, 5985, 5986), as the portal offers them: any
    protocol, three hours, any source; the VM's own management port ticked."""
    return [
        OfferedPort(
            PortRule(number, Protocol.ANY, (ANY,), DEFAULT_DURATION),
            selected=number == os_port(vm.os_type),
        )
        for number in RECOMMENDED_PORTS
    ]


def check_rules(rules: Sequence[PortRule]) -> list[Problem]:
    """What Azure would refuse in a VM's port rules, in plain words."""
    problems: list[Problem] = []
    if not rules:
        problems.append(
            Problem(
                "ports",
                Text(
                    C,
                    QT_TRANSLATE_NOOP(
                        C, "Keep at least one port, or remove JIT from the VM instead."
                    ),
                ),
            )
        )
    seen: set[int] = set()
    for rule in rules:
        if not 1 <= rule.number <= 65535:
            problems.append(
                Problem(
                    "ports",
                    Text(
                        C,
                        QT_TRANSLATE_NOOP(
                            C, "Port {port} does not exist; ports run from 1 to 65535."
                        ),
                        {"port": rule.number},
                    ),
                )
            )
        if rule.number in seen:
            problems.append(
                Problem(
                    "ports",
                    Text(
                        C,
                        QT_TRANSLATE_NOOP(C, "Port {port} is listed twice."),
                        {"port": rule.number},
                    ),
                )
            )
        seen.add(rule.number)
        if not MIN_GRANT <= rule.max_duration <= MAX_GRANT:
            problems.append(
                Problem(
                    "duration",
                    Text(
                        C,
                        QT_TRANSLATE_NOOP(
                            C,
                            "Port {port}: the longest grant must be between 5 minutes and "
                            "24 hours.",
                        ),
                        {"port": rule.number},
                    ),
                )
            )
        if not rule.allowed_source_prefixes:
            problems.append(
                Problem(
                    "source",
                    Text(
                        C,
                        QT_TRANSLATE_NOOP(
                            C, "Port {port}: allow at least one source, or * for any."
                        ),
                        {"port": rule.number},
                    ),
                )
            )
        for prefix in rule.allowed_source_prefixes:
            try:
                normalize_prefix(prefix)
            except PrefixError as error:
                problems.append(Problem("source", error.text))
        if ANY in rule.allowed_source_prefixes and len(rule.allowed_source_prefixes) > 1:
            problems.append(
                Problem(
                    "source",
                    Text(
                        C,
                        QT_TRANSLATE_NOOP(
                            C, "Port {port}: * already allows any source; remove the other entries."
                        ),
                        {"port": rule.number},
                    ),
                )
            )
    return problems


def check_name(policy_name: str, vm: VirtualMachine) -> Problem | None:
    """A custom policy name and the VM name together may have at most 56 characters."""
    if policy_name == DEFAULT_POLICY_NAME or len(policy_name) + len(vm.name) <= MAX_NAME_LENGTH:
        return None
    return Problem(
        "name",
        Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "The policy name “{policy}” and the VM name “{vm}” together are longer than 56 "
                "characters, which Azure refuses.",
            ),
            {"policy": policy_name, "vm": vm.name},
        ),
    )


def policy_id_for(vm: VirtualMachine, existing: Iterable[JitPolicy]) -> ResourceId:
    """The policy a not-configured VM joins: the one of its resource group and region (the
    one named "default" if there are several), else a new "default" policy there."""
    candidates = [
        p
        for p in existing
        if p.resource_group.lower() == vm.resource_group.lower()
        and p.location.lower() == vm.location.lower()
    ]
    candidates.sort(key=lambda p: (p.name != DEFAULT_POLICY_NAME, p.name))
    if candidates:
        return candidates[0].id
    return ResourceId.parse(
        f"/subscriptions/{vm.subscription_id}/resourceGroups/{vm.resource_group}/providers/"
        f"Microsoft.Security/locations/{vm.location}/jitNetworkAccessPolicies/"
        f"{DEFAULT_POLICY_NAME}"
    )


class ChangedMeanwhile(Exception):
    """Someone changed a VM's rules since the user opened the editor: nothing was written."""

    def __init__(self, vm_names: list[str]) -> None:
        super().__init__(", ".join(vm_names))
        self.vm_names = vm_names
        self.text = Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "Someone else changed the JIT settings of {vms} while you were editing. Nothing "
                "was saved; look at the current settings and try again.",
            ),
            {"vms": ", ".join(vm_names)},
        )


def _same_rules(a: PolicyVm | None, b: PolicyVm | None) -> bool:
    if a is None or b is None:
        return a is b
    return sorted(a.ports, key=lambda p: p.number) == sorted(b.ports, key=lambda p: p.number)


def merge(
    current: JitPolicy | None,
    seen: dict[str, PolicyVm | None],
    changes: dict[str, PolicyVm | None],
) -> list[PolicyVm]:
    """The policy's new VM list: ``current`` with ``changes`` applied (None removes a VM).

    ``seen`` holds, per VM id key, the rules the user started from; if Azure's current rules
    for one of them differ, :class:`ChangedMeanwhile` is raised and nothing is merged.
    Other VMs of the policy are kept as they are.
    """
    vms = list(current.vms) if current else []
    by_key = {vm.vm_id.key: vm for vm in vms}
    changed = [key for key, before in seen.items() if not _same_rules(before, by_key.get(key))]
    if changed:
        names = [(by_key[k].vm_id.name if k in by_key else k.rsplit("/", 1)[-1]) for k in changed]
        raise ChangedMeanwhile(names)
    result: list[PolicyVm] = []
    for vm in vms:
        if vm.vm_id.key not in changes:
            result.append(vm)
        elif (replacement := changes[vm.vm_id.key]) is not None:
            result.append(replacement)
    result += [vm for key, vm in changes.items() if vm is not None and key not in by_key]
    return result
