"""Microsoft.Security bodies: JIT policies (2020-01-01), ASC locations, Defender pricings.

JIT and location shapes follow Microsoft's swagger (``jitNetworkAccessPolicies.json``,
``locations.json``); pricings follow the 2024-01-01 pricing examples.
"""

from __future__ import annotations

from datetime import datetime

from jitdesk.emulator import arm_ids
from jitdesk.emulator.jit_state import INITIATING, JitPolicy, JitRequest, PortRule, RequestPort
from jitdesk.emulator.seed_model import SourcePrefixes
from jitdesk.emulator.shapes import JsonObject
from jitdesk.emulator.timefmt import format_arm_time, format_duration
from jitdesk.emulator.world import DefenderPlan

POLICY_TYPE = "Microsoft.Security/locations/jitNetworkAccessPolicies"
# Plans other than servers, listed as Free so a pricings list looks like a real subscription's.
OTHER_PLANS = ("SqlServers", "AppServices", "StorageAccounts", "KeyVaults", "Arm", "Containers")


def _with_source(body: JsonObject, source: SourcePrefixes) -> JsonObject:
    if isinstance(source, str):
        body["allowedSourceAddressPrefix"] = source
    else:
        body["allowedSourceAddressPrefixes"] = list(source)
    return body


def port_rule(rule: PortRule) -> JsonObject:
    """A policy port rule: exactly one of the two source fields."""
    body: JsonObject = {"number": rule.number, "protocol": rule.protocol}
    _with_source(body, rule.source)
    body["maxRequestAccessDuration"] = rule.max_duration
    return body


def request_port(
    policy: JitPolicy,
    request: JitRequest,
    vm_id: str,
    port: RequestPort,
    now: datetime,
    initiating: bool = False,
) -> JsonObject:
    """A request port with its status derived from the clock (``Initiating`` when asked)."""
    if initiating:
        status, reason = INITIATING
    else:
        status, reason = policy.port_status(request, vm_id, port, now)
    body: JsonObject = {"number": port.number}
    _with_source(body, port.source)
    body["endTimeUtc"] = format_arm_time(port.end)
    body["status"] = status
    body["statusReason"] = reason
    if port.mapped_port is not None:
        body["mappedPort"] = port.mapped_port
    return body


def request(
    policy: JitPolicy, entry: JitRequest, now: datetime, initiating: bool = False
) -> JsonObject:
    """One entry of ``properties.requests``; with ``initiating`` the body initiate answers with
    (ports ``Initiating``, as in Microsoft's example, whatever the delay)."""
    body: JsonObject = {
        "virtualMachines": [
            {
                "id": vm.vm_id,
                "ports": [
                    request_port(policy, entry, vm.vm_id, p, now, initiating) for p in vm.ports
                ],
            }
            for vm in entry.vms
        ],
        "startTimeUtc": format_arm_time(entry.start),
        "requestor": entry.requestor,
    }
    if entry.justification is not None:
        body["justification"] = entry.justification
    return body


def policy(item: JitPolicy, now: datetime) -> JsonObject:
    """A whole JIT policy with its VMs, rules and request history."""
    machines = []
    for vm in item.vms:
        machine: JsonObject = {"id": vm.vm_id, "ports": [port_rule(r) for r in vm.ports]}
        if vm.firewall_ip is not None:
            machine["publicIpAddress"] = vm.firewall_ip
        machines.append(machine)
    return {
        "id": item.id,
        "name": item.name,
        "type": POLICY_TYPE,
        "kind": item.kind,
        "location": item.region,
        "properties": {
            "virtualMachines": machines,
            "requests": [request(item, entry, now) for entry in item.requests],
            "provisioningState": item.provisioning_state,
        },
    }


def location(sub_id: str, region: str) -> JsonObject:
    """The ASC location (home region) of a subscription."""
    return {
        "id": arm_ids.security_location_id(sub_id, region),
        "name": region,
        "type": "Microsoft.Security/locations",
        "properties": {"homeRegionName": region},
    }


def servers_pricing(sub_id: str, plan: DefenderPlan, now: datetime) -> JsonObject:
    """The ``VirtualMachines`` pricing: Defender for Servers tier, sub plan and enablement."""
    properties: JsonObject = {"pricingTier": plan.tier}
    if plan.sub_plan is not None:
        properties["subPlan"] = plan.sub_plan
    properties["freeTrialRemainingTime"] = format_duration(plan.trial_left(now))
    if plan.enabled_at is not None:
        properties["enablementTime"] = format_arm_time(plan.enabled_at)
    properties["enforce"] = "False"
    properties["resourcesCoverageStatus"] = (
        "FullyCovered" if plan.tier == "Standard" else "NotCovered"
    )
    if plan.sub_plan == "P2":
        properties["extensions"] = [
            {"name": "MdeDesignatedSubscription", "isEnabled": "False"},
            {"name": "AgentlessVmScanning", "isEnabled": "True"},
        ]
    elif plan.sub_plan == "P1":
        properties["extensions"] = [{"name": "MdeDesignatedSubscription", "isEnabled": "False"}]
    return {
        "id": arm_ids.pricing_id(sub_id, "VirtualMachines"),
        "name": "VirtualMachines",
        "type": "Microsoft.Security/pricings",
        "properties": properties,
    }


def free_pricing(sub_id: str, name: str) -> JsonObject:
    """A plan this emulator does not model, reported as Free."""
    return {
        "id": arm_ids.pricing_id(sub_id, name),
        "name": name,
        "type": "Microsoft.Security/pricings",
        "properties": {
            "pricingTier": "Free",
            "freeTrialRemainingTime": "PT0S",
            "enforce": "False",
            "resourcesCoverageStatus": "NotCovered",
        },
    }
