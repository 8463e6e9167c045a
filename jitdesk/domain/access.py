"""Asking for access: what a request holds, and every check that can be made before sending it.

The checks mirror the Defender JIT service (see ``azure-specs/FACTS.md``): a port must be in the
VM's rules, the time at most the port's longest grant, and a source must *equal* one of the
rule's allowed prefixes unless the rule allows any source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum

from jitdesk.domain.ids import ResourceId
from jitdesk.domain.model import JitPolicy, OsType, PolicyVm, PortRule, VirtualMachine
from jitdesk.domain.prefixes import allows, contains
from jitdesk.domain.text import QT_TRANSLATE_NOOP, Text

C = "Access"

MIN_DURATION = timedelta(minutes=5)
USUAL_PORTS = {OsType.WINDOWS: (3389,), OsType.LINUX: (22,), OsType.UNKNOWN: (22, 3389)}


class SourceKind(Enum):
    """Where the request says the user comes from."""

    AS_AZURE_SEES = "azure"  # no source in the request: Azure takes the caller's address
    ROUTE_TO_VM = "route"  # this computer's address on the route to the VM (VPN, peering)
    TYPED = "typed"  # addresses or ranges the user typed
    POLICY = "policy"  # the rule's own allowed prefixes


@dataclass(frozen=True)
class AccessTarget:
    """A VM and the policy that governs it."""

    vm: VirtualMachine
    policy: JitPolicy
    policy_vm: PolicyVm

    @property
    def port_numbers(self) -> tuple[int, ...]:
        return tuple(p.number for p in self.policy_vm.ports)


@dataclass(frozen=True)
class AccessRequest:
    """One request for one or several VMs. ``sources`` is empty when Azure should use the
    caller's address; ``sources_by_vm`` overrides it per VM (the route to each VM differs)."""

    targets: tuple[AccessTarget, ...]
    ports: tuple[int, ...]
    duration: timedelta
    source_kind: SourceKind = SourceKind.AS_AZURE_SEES
    sources: tuple[str, ...] = ()
    sources_by_vm: dict[str, tuple[str, ...]] = field(default_factory=dict)
    justification: str = ""

    def ports_for(self, target: AccessTarget) -> tuple[PortRule, ...]:
        """The chosen ports that this VM's policy has (a port may exist on only some VMs)."""
        return tuple(p for p in target.policy_vm.ports if p.number in self.ports)

    def sources_for(self, target: AccessTarget, rule: PortRule | None = None) -> tuple[str, ...]:
        """The prefixes sent for ``target`` (for ``rule``'s port: with the policy's own ranges
        each port takes its own), empty to let Azure use the caller's address."""
        if self.source_kind is SourceKind.POLICY:
            if rule is not None:
                return rule.allowed_source_prefixes
            return tuple(
                dict.fromkeys(p for r in self.ports_for(target) for p in r.allowed_source_prefixes)
            )
        return self.sources_by_vm.get(target.vm.id.key, self.sources)


@dataclass(frozen=True)
class Problem:
    """Something that stops a request (``blocking``) or that the user should know first."""

    field: str  # "targets", "ports", "duration", "source", "justification"
    text: Text
    blocking: bool = True


def usual_ports(target: AccessTarget) -> tuple[int, ...]:
    """The ports preselected for a VM: its OS's management port if the policy has it."""
    wanted = USUAL_PORTS[target.vm.os_type]
    chosen = tuple(n for n in target.port_numbers if n in wanted)
    return chosen or target.port_numbers[:1]


def longest_allowed(request: AccessRequest) -> timedelta | None:
    """The longest duration every chosen port of every VM allows, or None with no ports."""
    limits = [p.max_duration for t in request.targets for p in request.ports_for(t)]
    return min(limits) if limits else None


def _policy_refuses(rule: PortRule, target: AccessTarget, prefix: str) -> Problem | None:
    if allows(rule.allowed_source_prefixes, prefix):
        return None
    allowed = ", ".join(rule.allowed_source_prefixes)
    inside = next((a for a in rule.allowed_source_prefixes if contains(a, prefix)), None)
    if inside is not None:
        text = Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "{vm}, port {port}: {source} lies inside the allowed range {range}, but Azure "
                "accepts only a source that equals an allowed prefix. Choose “{range}” instead.",
            ),
            {"vm": target.vm.name, "port": rule.number, "source": prefix, "range": inside},
        )
    else:
        text = Text(
            C,
            QT_TRANSLATE_NOOP(
                C, "{vm}, port {port}: the policy allows only {allowed}, not {source}."
            ),
            {"vm": target.vm.name, "port": rule.number, "source": prefix, "allowed": allowed},
        )
    return Problem("source", text)


def check_request(request: AccessRequest, justification_required: bool = False) -> list[Problem]:
    """Every problem the service would refuse the request for, found before sending it."""
    problems: list[Problem] = []
    if not request.targets:
        problems.append(Problem("targets", Text(C, QT_TRANSLATE_NOOP(C, "Choose a VM first."))))
        return problems
    if not request.ports:
        problems.append(
            Problem("ports", Text(C, QT_TRANSLATE_NOOP(C, "Choose at least one port.")))
        )
    for target in request.targets:
        if request.ports and not request.ports_for(target):
            problems.append(
                Problem(
                    "ports",
                    Text(
                        C,
                        QT_TRANSLATE_NOOP(
                            C, "{vm} has none of the chosen ports; its policy allows {ports}."
                        ),
                        {
                            "vm": target.vm.name,
                            "ports": ", ".join(str(n) for n in target.port_numbers),
                        },
                    ),
                )
            )
    problems += _duration_problems(request)
    problems += _source_problems(request)
    if justification_required and not request.justification.strip():
        problems.append(
            Problem(
                "justification",
                Text(
                    C,
                    QT_TRANSLATE_NOOP(
                        C, "Say why you need access (a justification is required by your settings)."
                    ),
                ),
            )
        )
    return problems


def _duration_problems(request: AccessRequest) -> list[Problem]:
    if request.duration < MIN_DURATION:
        return [Problem("duration", Text(C, QT_TRANSLATE_NOOP(C, "Ask for at least 5 minutes.")))]
    longest = longest_allowed(request)
    if longest is not None and request.duration > longest:
        return [
            Problem(
                "duration",
                Text(
                    C,
                    QT_TRANSLATE_NOOP(
                        C, "The policy allows at most {minutes} minutes for the chosen ports."
                    ),
                    {"minutes": int(longest.total_seconds() // 60)},
                ),
            )
        ]
    return []


def _source_problems(request: AccessRequest) -> list[Problem]:
    problems: list[Problem] = []
    for target in request.targets:
        rules = request.ports_for(target)
        sources = request.sources_for(target)
        if request.source_kind is SourceKind.AS_AZURE_SEES:
            limited = [r for r in rules if not r.allows_any_source]
            if limited:
                problems.append(
                    Problem(
                        "source",
                        Text(
                            C,
                            QT_TRANSLATE_NOOP(
                                C,
                                "{vm}: the policy allows only {allowed}. Azure will refuse the "
                                "request unless the address it sees for you is exactly one of "
                                "them.",
                            ),
                            {
                                "vm": target.vm.name,
                                "allowed": ", ".join(limited[0].allowed_source_prefixes),
                            },
                        ),
                        blocking=False,
                    )
                )
            continue
        if not sources:
            problems.append(
                Problem(
                    "source",
                    Text(
                        C,
                        QT_TRANSLATE_NOOP(C, "{vm}: enter at least one address or range."),
                        {"vm": target.vm.name},
                    ),
                )
            )
            continue
        for rule in rules:
            for prefix in request.sources_for(target, rule):
                problem = _policy_refuses(rule, target, prefix)
                if problem is not None:
                    problems.append(problem)
    return problems


def blocking(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.blocking]


def group_by_policy(request: AccessRequest) -> dict[str, list[AccessTarget]]:
    """Targets per policy id key: one initiate call serves all VMs of one policy."""
    groups: dict[str, list[AccessTarget]] = {}
    for target in request.targets:
        groups.setdefault(target.policy.id.key, []).append(target)
    return groups


def policy_id_of(targets: list[AccessTarget]) -> ResourceId:
    return targets[0].policy.id
