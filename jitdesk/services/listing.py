"""The inventory as plain data, for ``jitdesk list`` and scripts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from jitdesk.domain.durations import format_iso_duration
from jitdesk.domain.jit_state import JitState
from jitdesk.domain.wording import explain_error, format_remaining, state_label
from jitdesk.services.inventory import Inventory, SubscriptionInventory


def _time(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _state_json(state: JitState, vm_id: Any, now: datetime) -> dict[str, Any]:
    policy_vm = state.policy.vm(vm_id) if state.policy else None
    return {
        "state": state.kind.value,
        "reason": state.reason.value if state.reason else None,
        "summary": str(state_label(state)),
        "policy": state.policy.id.text if state.policy else None,
        "ports": [
            {
                "number": p.number,
                "protocol": p.protocol.value,
                "allowedSources": list(p.allowed_source_prefixes),
                "maxDuration": format_iso_duration(p.max_duration),
            }
            for p in (policy_vm.ports if policy_vm else ())
        ],
        "open": [
            {
                "port": p.number,
                "until": _time(p.end_time),
                "secondsLeft": int((p.end_time - now).total_seconds()),
                "requestor": p.requestor,
                "sources": list(p.source_prefixes),
                "mappedPort": p.mapped_port,
            }
            for p in state.open_ports
        ],
    }


def inventory_json(inventory: Inventory, now: datetime) -> dict[str, Any]:
    """Every VM with tenant, subscription, group and JIT state; errors kept beside them."""
    tenants = {t.tenant_id: t for t in inventory.tenants}
    vms: list[dict[str, Any]] = []
    subscriptions: list[dict[str, Any]] = []
    for sub_inv in inventory.subscriptions:
        sub = sub_inv.subscription
        tenant = tenants.get(sub.tenant_id)
        subscriptions.append(_subscription_json(sub_inv, tenant.display_name if tenant else ""))
        for vm in sub_inv.vms:
            state = sub_inv.state_of(vm, now)
            vms.append(
                {
                    "name": vm.name,
                    "id": vm.id.text,
                    "tenant": tenant.display_name if tenant else sub.tenant_id,
                    "tenantId": sub.tenant_id,
                    "subscription": sub.display_name,
                    "subscriptionId": sub.subscription_id,
                    "resourceGroup": vm.resource_group,
                    "region": vm.location,
                    "os": vm.os_type.value,
                    "size": vm.size,
                    "powerState": vm.power_state.value,
                    "privateIp": vm.private_ip,
                    "publicIp": vm.public_ip,
                    "classic": vm.is_classic,
                    "jit": _state_json(state, vm.id, now),
                }
            )
    return {
        "generatedAt": _time(now),
        "tenants": [
            {
                "tenantId": t.tenant_id,
                "name": t.display_name,
                "domain": t.default_domain,
                "guest": t.is_guest,
                "error": str(explain_error(inventory.tenant_errors[t.tenant_id]))
                if t.tenant_id in inventory.tenant_errors
                else None,
            }
            for t in inventory.tenants
        ],
        "subscriptions": subscriptions,
        "vms": vms,
        "error": str(explain_error(inventory.error)) if inventory.error else None,
    }


def _subscription_json(sub_inv: SubscriptionInventory, tenant_name: str) -> dict[str, Any]:
    sub = sub_inv.subscription
    return {
        "subscriptionId": sub.subscription_id,
        "name": sub.display_name,
        "tenant": tenant_name,
        "tenantId": sub.tenant_id,
        "vmCount": len(sub_inv.vms),
        "defenderPlan": sub_inv.plan.value,
        "error": str(explain_error(sub_inv.error)) if sub_inv.error else None,
        "policyError": str(explain_error(sub_inv.policy_error)) if sub_inv.policy_error else None,
        "incomplete": [f"{part}: {explain_error(error)}" for part, error in sub_inv.incomplete],
    }


def inventory_table(inventory: Inventory, now: datetime) -> list[list[str]]:
    """Rows for the plain-text listing, header first."""
    data = inventory_json(inventory, now)
    rows = [["TENANT", "SUBSCRIPTION", "RESOURCE GROUP", "VM", "POWER", "JIT", "PORTS"]]
    for vm in data["vms"]:
        jit = vm["jit"]
        if jit["open"]:
            ports = ", ".join(
                f"{p['port']} open {format_remaining_seconds(p['secondsLeft'])}"
                for p in jit["open"]
            )
        else:
            ports = ",".join(str(p["number"]) for p in jit["ports"])
        rows.append(
            [
                vm["tenant"],
                vm["subscription"],
                vm["resourceGroup"],
                vm["name"],
                vm["powerState"],
                jit["summary"],
                ports,
            ]
        )
    return rows


def format_remaining_seconds(seconds: int) -> str:
    return format_remaining(timedelta(seconds=seconds))
