"""Reading the body of ``JitNetworkAccessPolicies_Initiate`` before the policy is looked up.

The service checks the shape of the body first: a body with neither ``endTimeUtc`` nor
``duration`` is refused with ``400 InvalidInitiateInput`` even for a policy that does not exist
(FACTS §1.3, Azure/azure-rest-api-specs#43491). Everything that needs the policy (is the VM in
it, is the port, how long, which source) is checked afterwards, in handlers/jit_initiate.py.

Accepted per port, as the portal and the service do: ``endTimeUtc`` or ``duration`` (exactly
one), and ``allowedSourceAddressPrefix`` or ``allowedSourceAddressPrefixes`` (at most one; none
means the address the request came from).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from jitdesk.emulator.seed_model import SourcePrefixes
from jitdesk.emulator.timefmt import parse_arm_time, parse_duration
from jitdesk.emulator.write_errors import invalid_initiate

_ONE_END = "Only one of fields 'EndTimeUtc' and 'Duration' can be set."  # the service's words
_ONE_SOURCE = (
    "Only one of fields 'allowedSourceAddressPrefix' and 'allowedSourceAddressPrefixes' can be set."
)


@dataclass(frozen=True)
class AskedPort:
    """One port of an initiate request, as asked. ``source`` None means the caller's address."""

    where: str
    number: int
    duration: timedelta | None
    end: datetime | None
    source: SourcePrefixes | None


@dataclass(frozen=True)
class AskedVm:
    """One VM of an initiate request."""

    where: str
    id: str
    ports: tuple[AskedPort, ...]


@dataclass(frozen=True)
class AskedRequest:
    """A whole initiate request whose shape is valid."""

    vms: tuple[AskedVm, ...]
    justification: str | None


def read_initiate(data: Any) -> AskedRequest:
    """Check the shape of a parsed initiate body; raise 400 ``InvalidInitiateInput`` if wrong."""
    if not isinstance(data, dict):
        raise invalid_initiate("The request body must be a JSON object with 'virtualMachines'.")
    machines = data.get("virtualMachines")
    if not isinstance(machines, list) or not machines:
        raise invalid_initiate(
            "The request must name at least one virtual machine in 'virtualMachines'."
        )
    justification = data.get("justification")
    if justification is not None and not isinstance(justification, str):
        raise invalid_initiate("'justification' must be a string.")
    vms = tuple(_vm(entry, f"virtualMachines[{i}]") for i, entry in enumerate(machines))
    seen: set[str] = set()
    for vm in vms:
        if vm.id.lower() in seen:
            raise invalid_initiate(f"'{vm.where}': virtual machine '{vm.id}' appears twice.")
        seen.add(vm.id.lower())
    return AskedRequest(vms, justification)


def _vm(entry: Any, where: str) -> AskedVm:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
        raise invalid_initiate(f"'{where}.id' must be the resource id of a virtual machine.")
    ports = entry.get("ports")
    if not isinstance(ports, list) or not ports:
        raise invalid_initiate(f"'{where}.ports' must list at least one port.")
    asked = tuple(_port(port, f"{where}.ports[{i}]") for i, port in enumerate(ports))
    numbers = [port.number for port in asked]
    for port in asked:
        if numbers.count(port.number) > 1:
            raise invalid_initiate(f"'{port.where}': port {port.number} appears twice.")
    return AskedVm(where, entry["id"], asked)


def _port(entry: Any, where: str) -> AskedPort:
    if not isinstance(entry, dict):
        raise invalid_initiate(f"'{where}' must be an object with 'number'.")
    number = entry.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or not 0 <= number <= 65535:
        raise invalid_initiate(f"'{where}.number' must be a port number from 0 to 65535.")
    has_duration = entry.get("duration") is not None
    has_end = entry.get("endTimeUtc") is not None
    if has_duration == has_end:
        which = "both" if has_end else "neither"
        raise invalid_initiate(f"{_ONE_END} '{where}' has {which}.")
    duration = _duration(entry["duration"], where) if has_duration else None
    end = _end(entry["endTimeUtc"], where) if has_end else None
    return AskedPort(where, number, duration, end, _source(entry, where))


def _duration(value: Any, where: str) -> timedelta:
    try:
        if not isinstance(value, str):
            raise ValueError(f"{value!r} is not an ISO 8601 duration like PT3H, PT45M or P1D")
        duration = parse_duration(value)
    except ValueError as exc:
        raise invalid_initiate(f"'{where}.duration': {exc}.") from None
    if duration <= timedelta(0):
        raise invalid_initiate(f"'{where}.duration' must be longer than zero, got '{value}'.")
    return duration


def _end(value: Any, where: str) -> datetime:
    try:
        if not isinstance(value, str):
            raise ValueError(str(value))
        return parse_arm_time(value)
    except ValueError:
        raise invalid_initiate(
            f"'{where}.endTimeUtc' must be a UTC date-time such as 2025-03-14T10:30:00Z, "
            f"got {value!r}."
        ) from None


def _source(entry: dict[str, Any], where: str) -> SourcePrefixes | None:
    one = entry.get("allowedSourceAddressPrefix")
    many = entry.get("allowedSourceAddressPrefixes")
    if one is not None and many is not None:
        raise invalid_initiate(f"{_ONE_SOURCE} '{where}' has both.")
    if one is not None:
        if not isinstance(one, str) or not one.strip():
            raise invalid_initiate(f"'{where}.allowedSourceAddressPrefix' must be a string.")
        return one.strip()
    if many is not None:
        if (
            not isinstance(many, list)
            or not many
            or not all(isinstance(v, str) and v.strip() for v in many)
        ):
            raise invalid_initiate(
                f"'{where}.allowedSourceAddressPrefixes' must be a non-empty list of strings."
            )
        return tuple(v.strip() for v in many)
    return None
