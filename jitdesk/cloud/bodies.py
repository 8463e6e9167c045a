"""Request bodies exactly as the Defender JIT service takes them.

The SDK's generated models drop ``duration`` and ``allowedSourceAddressPrefixes`` from an
initiate request, so jitdesk writes the JSON itself and hands the SDK the bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jitdesk.domain.access import AccessRequest, AccessTarget
from jitdesk.domain.durations import format_iso_duration
from jitdesk.domain.model import PolicyVm, PortRule


def _source_fields(prefixes: Sequence[str], singular: str, plural: str) -> dict[str, Any]:
    """One prefix in the singular field, several in the list; never both (Azure refuses)."""
    if not prefixes:
        return {}
    if len(prefixes) == 1:
        return {singular: prefixes[0]}
    return {plural: list(prefixes)}


def initiate_body(request: AccessRequest, targets: Sequence[AccessTarget]) -> dict[str, Any]:
    """The initiate body for the targets of one policy.

    Each port carries exactly one time field, ``duration`` (ISO 8601): the service computes the
    end from its own clock, so a wrong local clock cannot shorten or refuse the grant. No source
    field at all lets Azure take the caller's address as it sees it.
    """
    duration = format_iso_duration(request.duration)
    machines = []
    for target in targets:
        ports = [
            {
                "number": rule.number,
                "duration": duration,
                **_source_fields(
                    request.sources_for(target, rule),
                    "allowedSourceAddressPrefix",
                    "allowedSourceAddressPrefixes",
                ),
            }
            for rule in request.ports_for(target)
        ]
        machines.append({"id": target.policy_vm.vm_id.text, "ports": ports})
    body: dict[str, Any] = {"virtualMachines": machines}
    if request.justification.strip():
        body["justification"] = request.justification.strip()
    return body


def _rule_body(rule: PortRule) -> dict[str, Any]:
    return {
        "number": rule.number,
        "protocol": rule.protocol.value,
        **_source_fields(
            rule.allowed_source_prefixes,
            "allowedSourceAddressPrefix",
            "allowedSourceAddressPrefixes",
        ),
        "maxRequestAccessDuration": format_iso_duration(rule.max_duration),
    }


def policy_body(vms: Sequence[PolicyVm], kind: str = "Basic") -> dict[str, Any]:
    """A policy for CreateOrUpdate: the whole VM list (a PUT replaces it)."""
    machines = []
    for vm in vms:
        machine: dict[str, Any] = {"id": vm.vm_id.text, "ports": [_rule_body(r) for r in vm.ports]}
        if vm.firewall_ip:
            machine["publicIpAddress"] = vm.firewall_ip
        machines.append(machine)
    return {"kind": kind or "Basic", "properties": {"virtualMachines": machines}}
