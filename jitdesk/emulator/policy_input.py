"""Reading the body of ``JitNetworkAccessPolicies_CreateOrUpdate`` (the shape only).

Body: ``{kind?, location?, properties: {virtualMachines: [...], requests?}}``. ``location`` and
``requests`` are ignored (the URL names the region; the history is the service's). Checks here
need no world: port numbers, protocols, sources, durations, duplicates. Whether each VM exists
in the policy's subscription, resource group and region is checked by the handler.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from jitdesk.emulator.jit_state import PortRule
from jitdesk.emulator.seed_model import SourcePrefixes
from jitdesk.emulator.seed_reader import check_prefix
from jitdesk.emulator.timefmt import parse_duration
from jitdesk.emulator.write_errors import invalid_policy

INVALID_POLICY = "InvalidJitPolicy"
PROTOCOLS = ("TCP", "UDP", "*")
SHORTEST = timedelta(minutes=5)
LONGEST = timedelta(days=1)


@dataclass(frozen=True)
class VmInput:
    """One VM of a policy body: its id as written, its rules, the firewall address if given."""

    where: str
    id: str
    ports: tuple[PortRule, ...]
    firewall_ip: str | None


@dataclass(frozen=True)
class PolicyInput:
    """A policy body whose shape is valid."""

    kind: str | None
    vms: tuple[VmInput, ...]


def read_policy(data: Any) -> PolicyInput:
    """Check a parsed policy body; raise 400 naming the field that is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("properties"), dict):
        raise invalid_policy(
            INVALID_POLICY,
            "The request body must be a JSON object with 'properties.virtualMachines'.",
        )
    kind = data.get("kind")
    if kind is not None and (not isinstance(kind, str) or not kind.strip()):
        raise invalid_policy(INVALID_POLICY, "'kind' must be a non-empty string such as 'Basic'.")
    machines = data["properties"].get("virtualMachines")
    if not isinstance(machines, list):
        raise invalid_policy(INVALID_POLICY, "'properties.virtualMachines' must be a list.")
    vms = tuple(_vm(v, f"properties.virtualMachines[{i}]") for i, v in enumerate(machines))
    seen: set[str] = set()
    for vm in vms:
        if vm.id.lower() in seen:
            raise invalid_policy(
                INVALID_POLICY, f"'{vm.where}': virtual machine '{vm.id}' appears twice."
            )
        seen.add(vm.id.lower())
    return PolicyInput(kind.strip() if isinstance(kind, str) else None, vms)


def _vm(entry: Any, where: str) -> VmInput:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
        raise invalid_policy(
            INVALID_POLICY, f"'{where}.id' must be the resource id of a virtual machine."
        )
    ports = entry.get("ports")
    if not isinstance(ports, list) or not ports:
        raise invalid_policy(INVALID_POLICY, f"'{where}.ports' must list at least one port rule.")
    rules = tuple(_rule(p, f"{where}.ports[{i}]") for i, p in enumerate(ports))
    numbers = [rule.number for rule in rules]
    if len(set(numbers)) != len(numbers):
        duplicate = next(n for n in numbers if numbers.count(n) > 1)
        raise invalid_policy(INVALID_POLICY, f"'{where}.ports': port {duplicate} appears twice.")
    firewall = entry.get("publicIpAddress")
    if firewall is not None:
        try:
            if not isinstance(firewall, str) or "/" in firewall or firewall == "*":
                raise ValueError(firewall)
            check_prefix(firewall)
        except ValueError:
            raise invalid_policy(
                INVALID_POLICY, f"'{where}.publicIpAddress' must be an IP address."
            ) from None
    return VmInput(where, entry["id"], rules, firewall)


def _rule(entry: Any, where: str) -> PortRule:
    if not isinstance(entry, dict):
        raise invalid_policy(INVALID_POLICY, f"'{where}' must be an object.")
    number = entry.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number <= 65535:
        raise invalid_policy(
            "InvalidPortNumber",
            f"'{where}.number' must be a port number from 0 to 65535, got {number!r}.",
        )
    protocol = entry.get("protocol")
    canonical = next(
        (p for p in PROTOCOLS if isinstance(protocol, str) and p.lower() == protocol.lower()),
        None,
    )
    if canonical is None:
        raise invalid_policy(
            "InvalidProtocol", f"'{where}.protocol' must be one of TCP, UDP, *; got {protocol!r}."
        )
    return PortRule(number, canonical, _source(entry, where), _longest(entry, where))


def _source(entry: dict[str, Any], where: str) -> SourcePrefixes:
    one = entry.get("allowedSourceAddressPrefix")
    many = entry.get("allowedSourceAddressPrefixes")
    if (one is None) == (many is None):
        raise invalid_policy(
            "InvalidSourceAddressPrefix",
            f"'{where}' must set exactly one of 'allowedSourceAddressPrefix' and "
            f"'allowedSourceAddressPrefixes'; it sets {'both' if one is not None else 'neither'}.",
        )
    values = [one] if one is not None else many
    field = "allowedSourceAddressPrefix" if one is not None else "allowedSourceAddressPrefixes"
    if not isinstance(values, list) or not values:
        raise invalid_policy(
            "InvalidSourceAddressPrefix", f"'{where}.{field}' must be a non-empty list."
        )
    for value in values:
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            check_prefix(value.strip())
        except ValueError:
            raise invalid_policy(
                "InvalidSourceAddressPrefix",
                f"'{where}.{field}': {value!r} is not '*', an IP address or a CIDR range.",
            ) from None
    if one is not None:
        return str(one).strip()
    return tuple(str(v).strip() for v in values)


def _longest(entry: dict[str, Any], where: str) -> str:
    value = entry.get("maxRequestAccessDuration")
    problem = f"'{where}.maxRequestAccessDuration' must be an ISO 8601 duration from PT5M to P1D"
    if not isinstance(value, str):
        raise invalid_policy("InvalidMaxRequestAccessDuration", f"{problem}; got {value!r}.")
    try:
        longest = parse_duration(value)
    except ValueError:
        raise invalid_policy(
            "InvalidMaxRequestAccessDuration", f"{problem}; got '{value}'."
        ) from None
    if not SHORTEST <= longest <= LONGEST:
        raise invalid_policy("InvalidMaxRequestAccessDuration", f"{problem}; got '{value}'.")
    return value.strip().upper()
