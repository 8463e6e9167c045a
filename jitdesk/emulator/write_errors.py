"""Error answers of the write paths: JIT initiate, JIT policy PUT/DELETE, pricing PUT.

``InvalidInitiateInput`` is the service's code (FACTS §1.3); ``InvalidRequestContent`` is ARM's.
Every other code here is the emulator's own: no public source gives the service's code for
these refusals. SEED.md lists them all. Messages are the emulator's wording except where a
comment says otherwise. None of these answers carries ``Retry-After`` (Azure sends none).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from jitdesk.emulator.errors import ArmError
from jitdesk.emulator.timefmt import format_arm_time

INVALID_INITIATE = "InvalidInitiateInput"
INVALID_CONTENT = "InvalidRequestContent"


def _listed(values: Sequence[object]) -> str:
    return ", ".join(str(v) for v in values)


def invalid_initiate(message: str) -> ArmError:
    """400 ``InvalidInitiateInput``: the body of an initiate request is malformed."""
    return ArmError(400, INVALID_INITIATE, message)


def vm_not_in_policy(vm_id: str, policy: str) -> ArmError:
    return ArmError(
        400,
        "VmNotInPolicy",
        f"Virtual machine '{vm_id}' is not part of just-in-time network access policy '{policy}'.",
    )


def port_not_in_policy(number: int, vm_name: str, policy: str, allowed: Sequence[int]) -> ArmError:
    return ArmError(
        400,
        "PortNotInPolicy",
        f"Port {number} of virtual machine '{vm_name}' is not configured in just-in-time network "
        f"access policy '{policy}'. Ports the policy allows: {_listed(allowed)}.",
    )


def duration_too_long(number: int, vm_name: str, requested: str, maximum: str) -> ArmError:
    return ArmError(
        400,
        "RequestedDurationTooLong",
        f"The requested access time {requested} for port {number} of virtual machine "
        f"'{vm_name}' is longer than the policy allows: maxRequestAccessDuration is {maximum}.",
    )


def end_in_past(number: int, vm_name: str, end: datetime, now: datetime) -> ArmError:
    return ArmError(
        400,
        "EndTimeInPast",
        f"endTimeUtc {format_arm_time(end)} for port {number} of virtual machine '{vm_name}' is "
        f"not in the future (the time now is {format_arm_time(now)}).",
    )


def source_not_allowed(requested: str, allowed: Sequence[str], caller_address: bool) -> ArmError:
    # The phrase "is not a subset of policy's allowed source address prefixes" follows the
    # service's refusal as users report it (FACTS §1.5, MicrosoftDocs/azure-docs#53026).
    origin = (
        " (no source was given, so the request is for the address it came from)"
        if caller_address
        else ""
    )
    return ArmError(
        400,
        "InvalidSourceAddress",
        f"Requested source address prefix '{requested}'{origin} is not a subset of policy's "
        f"allowed source address prefixes '{_listed(allowed)}'.",
    )


def malformed_source(requested: str) -> ArmError:
    return ArmError(
        400,
        "InvalidSourceAddress",
        f"Requested source address prefix '{requested}' is not '*', an IP address or a CIDR range.",
    )


def invalid_policy(code: str, message: str) -> ArmError:
    """400 for a policy body the emulator refuses (``InvalidJitPolicy``, ``InvalidProtocol``…)."""
    return ArmError(400, code, message)


def plan_required(subscription: str, sub_id: str, plan: str) -> ArmError:
    return ArmError(
        409,
        "DefenderForServersPlan2Required",
        f"Just-in-time VM access requires Microsoft Defender for Servers Plan 2, but "
        f"subscription '{subscription}' ({sub_id}) has {plan}. Turn on Defender for Servers "
        "Plan 2 (pricing 'VirtualMachines': pricingTier Standard, subPlan P2) first.",
    )


def invalid_pricing(message: str) -> ArmError:
    return ArmError(400, "InvalidPricing", message)
