"""What jitdesk says to people about states, reasons and errors.

Every sentence is a :class:`Text` marked for translation, so the window shows it in the user's
language and the command line in English. Errors always say what happened and what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import TypeVar

from jitdesk.domain.errors import (
    AuthenticationRequired,
    CloudError,
    Conflict,
    EmulatorUnreachable,
    InvalidRequest,
    NetworkError,
    NotFound,
    PermissionDenied,
    ServiceUnavailable,
    Throttled,
)
from jitdesk.domain.grants import EndReason
from jitdesk.domain.jit_state import JitState, JitStateKind, StateReason
from jitdesk.domain.model import OsType, PlanStatus, PowerState
from jitdesk.domain.text import QT_TRANSLATE_NOOP, Text

C = "Wording"
K = TypeVar("K")

STATE_LABELS = {
    JitStateKind.NOT_CONFIGURED: QT_TRANSLATE_NOOP(C, "Not configured"),
    JitStateKind.CLOSED: QT_TRANSLATE_NOOP(C, "Closed"),
    JitStateKind.OPEN: QT_TRANSLATE_NOOP(C, "Open"),
    JitStateKind.UNSUPPORTED: QT_TRANSLATE_NOOP(C, "Unsupported"),
    JitStateKind.UNKNOWN: QT_TRANSLATE_NOOP(C, "Unknown"),
}

REASON_SHORT = {
    StateReason.CLASSIC_VM: QT_TRANSLATE_NOOP(C, "classic VM"),
    StateReason.NO_NSG: QT_TRANSLATE_NOOP(C, "no network security group"),
    StateReason.PLAN_MISSING: QT_TRANSLATE_NOOP(C, "Defender plan missing"),
    StateReason.POLICIES_FORBIDDEN: QT_TRANSLATE_NOOP(C, "no permission to read"),
    StateReason.POLICIES_UNAVAILABLE: QT_TRANSLATE_NOOP(C, "policies could not be read"),
}

REASON_LONG = {
    StateReason.CLASSIC_VM: QT_TRANSLATE_NOOP(
        C,
        "This is a classic (Azure Service Manager) VM. Just-in-time access works only for VMs "
        "deployed through Azure Resource Manager; migrate the VM to use it.",
    ),
    StateReason.NO_NSG: QT_TRANSLATE_NOOP(
        C,
        "Neither the VM's network interface nor its subnet has a network security group, so "
        "there is nothing for just-in-time access to open and close. Attach an NSG (or put the "
        "VM behind an Azure Firewall) first.",
    ),
    StateReason.PLAN_MISSING: QT_TRANSLATE_NOOP(
        C,
        "Just-in-time access needs Microsoft Defender for Servers Plan 2 on this subscription, "
        "and it is not enabled. An owner or security admin can turn it on in Defender for Cloud "
        "(billed per server and month, with a 30-day trial).",
    ),
    StateReason.POLICIES_FORBIDDEN: QT_TRANSLATE_NOOP(
        C,
        "You may not read the JIT policies of this subscription, so jitdesk cannot tell whether "
        "JIT is on. Ask for a role with 'Microsoft.Security/locations/jitNetworkAccessPolicies/"
        "read', such as Security Reader.",
    ),
    StateReason.POLICIES_UNAVAILABLE: QT_TRANSLATE_NOOP(
        C,
        "The JIT policies of this subscription could not be read just now. Refresh (F5) to "
        "try again.",
    ),
}

POWER_LABELS = {
    PowerState.RUNNING: QT_TRANSLATE_NOOP(C, "Running"),
    PowerState.STARTING: QT_TRANSLATE_NOOP(C, "Starting"),
    PowerState.STOPPING: QT_TRANSLATE_NOOP(C, "Stopping"),
    PowerState.STOPPED: QT_TRANSLATE_NOOP(C, "Stopped"),
    PowerState.DEALLOCATING: QT_TRANSLATE_NOOP(C, "Deallocating"),
    PowerState.DEALLOCATED: QT_TRANSLATE_NOOP(C, "Deallocated"),
    PowerState.UNKNOWN: QT_TRANSLATE_NOOP(C, "Unknown"),
}

OS_LABELS = {
    OsType.WINDOWS: QT_TRANSLATE_NOOP(C, "Windows"),
    OsType.LINUX: QT_TRANSLATE_NOOP(C, "Linux"),
    OsType.UNKNOWN: QT_TRANSLATE_NOOP(C, "Unknown"),
}

PLAN_LABELS = {
    PlanStatus.PLAN_2: QT_TRANSLATE_NOOP(C, "Defender for Servers Plan 2"),
    PlanStatus.PLAN_1: QT_TRANSLATE_NOOP(C, "Defender for Servers Plan 1 (no JIT)"),
    PlanStatus.OFF: QT_TRANSLATE_NOOP(C, "Defender for Servers off (no JIT)"),
    PlanStatus.UNKNOWN: QT_TRANSLATE_NOOP(C, "Defender plan unknown"),
}

END_REASON_LABELS = {
    EndReason.EXPIRED: QT_TRANSLATE_NOOP(C, "its time is up"),
    EndReason.SUPERSEDED: QT_TRANSLATE_NOOP(C, "a newer request for the same port replaced it"),
    EndReason.REVOKED: QT_TRANSLATE_NOOP(C, "Azure closed it early"),
    EndReason.VANISHED: QT_TRANSLATE_NOOP(
        C, "the request, or JIT on this VM, was removed from the policy"
    ),
}


def label(table: Mapping[K, str], key: K) -> Text:
    """The translatable label of ``key`` in one of the tables above."""
    return Text(C, table[key])


def state_label(state: JitState) -> Text:
    """A short label: "Open", "Unsupported: classic VM", "Unknown: no permission to read"."""
    if state.reason is None:
        return Text(C, STATE_LABELS[state.kind])
    return Text(
        C,
        QT_TRANSLATE_NOOP(C, "{state}: {reason}"),
        {"state": Text(C, STATE_LABELS[state.kind]), "reason": Text(C, REASON_SHORT[state.reason])},
    )


def reason_text(reason: StateReason) -> Text:
    return Text(C, REASON_LONG[reason])


def format_remaining(left: timedelta) -> str:
    """Time left as a countdown: ``mm:ss`` under an hour, ``h:mm:ss`` up to a day, else days."""
    seconds = max(0, int(left.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours == 0:
        return f"{minutes:02d}:{secs:02d}"
    if hours < 24:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{hours // 24}d {hours % 24:02d}:{minutes:02d}"


def format_duration(value: timedelta) -> Text:
    """A policy duration for people: "30 min", "3 h", "1 h 30 min", "1 day"."""
    minutes = int(value.total_seconds()) // 60
    if minutes % 1440 == 0 and minutes >= 1440:
        days = minutes // 1440
        template = QT_TRANSLATE_NOOP(C, "1 day") if days == 1 else QT_TRANSLATE_NOOP(C, "{n} days")
        return Text(C, template, {"n": days})
    hours, mins = divmod(minutes, 60)
    if hours and mins:
        return Text(C, QT_TRANSLATE_NOOP(C, "{h} h {m} min"), {"h": hours, "m": mins})
    if hours:
        return Text(C, QT_TRANSLATE_NOOP(C, "{h} h"), {"h": hours})
    return Text(C, QT_TRANSLATE_NOOP(C, "{m} min"), {"m": mins})


ROLE_HINTS = {
    "microsoft.security/locations/jitnetworkaccesspolicies/initiate/action": QT_TRANSLATE_NOOP(
        C,
        "An owner can grant it with a custom “JIT requester” role or a role such as Security "
        "Admin on the VM's resource group.",
    ),
    "microsoft.security/locations/jitnetworkaccesspolicies/read": QT_TRANSLATE_NOOP(
        C, "Roles that grant it include Security Reader and Reader."
    ),
    "microsoft.security/locations/jitnetworkaccesspolicies/write": QT_TRANSLATE_NOOP(
        C,
        "Configuring JIT needs Security Admin together with Virtual Machine Contributor (or "
        "Contributor) on the VM's resource group.",
    ),
    "microsoft.security/locations/jitnetworkaccesspolicies/delete": QT_TRANSLATE_NOOP(
        C, "Removing JIT needs Security Admin (or Contributor) on the VM's resource group."
    ),
    "microsoft.security/pricings/write": QT_TRANSLATE_NOOP(
        C, "Turning on a Defender plan needs Security Admin or Owner on the subscription."
    ),
}


def role_hint(action: str) -> Text | None:
    """Which role grants a missing permission, when jitdesk knows."""
    hint = ROLE_HINTS.get(action.lower())
    return Text(C, hint) if hint else None


def explain_error(error: CloudError) -> Text:
    """Say what went wrong and what to do, in plain words."""
    d = error.details
    if isinstance(error, PermissionDenied):
        action = error.action
        if action:
            hint = role_hint(action)
            return Text(
                C,
                QT_TRANSLATE_NOOP(
                    C,
                    "Azure refused: your account lacks the permission '{action}' here. {hint}",
                ),
                {
                    "action": action,
                    "hint": hint
                    or Text(
                        C,
                        QT_TRANSLATE_NOOP(
                            C, "Ask an owner of the subscription for a role that includes it."
                        ),
                    ),
                },
            )
        return Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "Azure refused: your account has no permission for this. Ask an owner of the "
                "subscription for access.",
            ),
        )
    if isinstance(error, AuthenticationRequired):
        return Text(
            C,
            QT_TRANSLATE_NOOP(
                C, "Your sign-in has expired or is not valid for this tenant. Sign in again."
            ),
        )
    if isinstance(error, NotFound):
        if (d.code or "").lower() == "policynotfound":
            return Text(
                C,
                QT_TRANSLATE_NOOP(
                    C, "Just-in-time access is not enabled on this VM (no JIT policy found)."
                ),
            )
        return Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "Azure could not find this resource. It may have been deleted or moved; refresh "
                "(F5).",
            ),
        )
    if isinstance(error, Throttled):
        return Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "Azure is receiving too many requests from you right now. Wait a minute, then "
                "try again.",
            ),
        )
    if isinstance(error, EmulatorUnreachable):
        return Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "No jitdesk emulator answers at {url}. Start one with 'jitdesk emulator' and use "
                "the URL and CA file it prints, or start the built-in demo with --demo.",
            ),
            {"url": error.url},
        )
    if isinstance(error, NetworkError):
        return Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "Azure could not be reached. Check your network connection or proxy, then try "
                "again.",
            ),
        )
    if isinstance(error, ServiceUnavailable):
        return Text(
            C,
            QT_TRANSLATE_NOOP(
                C, "Azure had a problem answering ({status}). Try again in a moment."
            ),
            {"status": d.status},
        )
    if isinstance(error, Conflict):
        return Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "Someone else changed this resource at the same time. Refresh (F5) and try again.",
            ),
        )
    if isinstance(error, InvalidRequest):
        return Text(
            C,
            QT_TRANSLATE_NOOP(C, "Azure refused the request: {message}"),
            {"message": d.message or d.code or ""},
        )
    return Text(
        C,
        QT_TRANSLATE_NOOP(C, "Azure answered with an error: {message}"),
        {"message": d.message or d.code or str(error)},
    )
