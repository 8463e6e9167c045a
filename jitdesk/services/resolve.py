"""Finding the VMs a person names on the command line: by name, name and group, or id."""

from __future__ import annotations

from dataclasses import dataclass

from jitdesk.domain.ids import ResourceId, id_key
from jitdesk.domain.model import VirtualMachine
from jitdesk.services.inventory import Inventory, SubscriptionInventory


@dataclass(frozen=True)
class Found:
    vm: VirtualMachine
    inventory: SubscriptionInventory


class NotResolved(Exception):
    """A name matched no VM, or several; the message says which and how to narrow it."""


def resolve(
    inventory: Inventory,
    names: list[str],
    resource_group: str | None = None,
    subscription: str | None = None,
) -> list[Found]:
    """One VM per name; raise :class:`NotResolved` for a name that matches none or several."""
    everything = [Found(vm, sub) for sub in inventory.subscriptions for vm in sub.vms]
    result: list[Found] = []
    for name in names:
        if name.lower().startswith("/subscriptions/"):
            key = id_key(name)
            matches = [f for f in everything if f.vm.id.key == key]
            ResourceId.parse(name)  # a malformed id says so
        else:
            matches = [
                f
                for f in everything
                if f.vm.name.lower() == name.lower()
                and (
                    resource_group is None or f.vm.resource_group.lower() == resource_group.lower()
                )
                and (
                    subscription is None
                    or subscription.lower()
                    in (
                        f.inventory.subscription.subscription_id.lower(),
                        f.inventory.subscription.display_name.lower(),
                    )
                )
            ]
        if not matches:
            raise NotResolved(
                f"no VM named {name!r} is visible to you" + _scope(resource_group, subscription)
            )
        if len(matches) > 1:
            places = "; ".join(
                f"{m.inventory.subscription.display_name} / {m.vm.resource_group}" for m in matches
            )
            raise NotResolved(
                f"{name!r} names {len(matches)} VMs ({places}); add --resource-group or "
                "--subscription, or give the VM's resource id"
            )
        if all(m.vm.id != matches[0].vm.id for m in result):
            result.append(matches[0])
    return result


def _scope(resource_group: str | None, subscription: str | None) -> str:
    parts = []
    if resource_group:
        parts.append(f"resource group {resource_group!r}")
    if subscription:
        parts.append(f"subscription {subscription!r}")
    return (" in " + " and ".join(parts)) if parts else ""
