"""The request history of VMs as CSV, for audits and support tickets."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import datetime
from typing import TextIO

from jitdesk.domain.model import PolicyIndex, RequestPort, VirtualMachine

COLUMNS = (
    "vm",
    "resource_group",
    "subscription_id",
    "requestor",
    "requested_utc",
    "port",
    "mapped_port",
    "source",
    "status",
    "status_reason",
    "ends_utc",
    "justification",
)


def _time(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _status(port: RequestPort, now: datetime) -> tuple[str, str]:
    if port.status.value in ("Initiated", "Initiating") and port.end_time <= now:
        return "Revoked", "Expired"
    return port.status.value, port.status_reason.value


def write_history_csv(
    out: TextIO, vms: Iterable[tuple[VirtualMachine, PolicyIndex | None]], now: datetime
) -> int:
    """Write one line per VM, request and port; return the number of lines written."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for vm, policies in vms:
        entries = policies.history_for(vm.id) if policies else []
        for entry in entries:
            for port in entry.ports:
                status, reason = _status(port, now)
                writer.writerow(
                    (
                        vm.name,
                        vm.resource_group,
                        vm.subscription_id,
                        entry.requestor,
                        _time(entry.start_time),
                        port.number,
                        port.mapped_port or "",
                        " ".join(port.source_prefixes),
                        status,
                        reason,
                        _time(port.end_time),
                        entry.justification,
                    )
                )
                count += 1
    return count
