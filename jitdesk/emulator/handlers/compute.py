"""Virtual machines: ``Microsoft.Compute`` (list, get, instance view) and classic VMs."""

from __future__ import annotations

from jitdesk.emulator import errors, gate_plan
from jitdesk.emulator.context import Context, Listing, Reply
from jitdesk.emulator.shapes import JsonObject
from jitdesk.emulator.shapes import compute as shapes
from jitdesk.emulator.world import SubscriptionRecord, VmRecord

READ = "Microsoft.Compute/virtualMachines/read"
CLASSIC_READ = "Microsoft.ClassicCompute/virtualMachines/read"


def list_all(ctx: Context) -> Listing:
    """All VMs of a subscription; ``statusOnly=true`` gives the run-time status variant."""
    record = ctx.subscription()
    ctx.require(READ, record)
    vms = [vm for vm in record.vms if ctx.allowed_in(READ, record, vm.resource_group)]
    if ctx.flag("statusOnly"):
        return Listing(vms, lambda vm: shapes.vm_status_only(vm, ctx.world.built_at))
    return Listing(vms, lambda vm: _full(ctx, vm))


def _full(ctx: Context, vm: VmRecord) -> JsonObject:
    """A VM's model view, with the demo gate tag when the emulator runs gates.

    Pages are shaped after the handler returned, so this takes the (re-entrant) world lock.
    """
    with ctx.world.lock:
        tag = gate_plan.vm_gate_tag(ctx.world, vm)
    return shapes.vm_full(vm, ctx.world.built_at, tag)


def list_in_group(ctx: Context) -> Listing:
    """The VMs of one resource group (this operation has no ``statusOnly``)."""
    record = ctx.subscription()
    group = ctx.group(record)
    ctx.require(READ, record, group.name)
    return Listing([_full(ctx, vm) for vm in record.vms if vm.resource_group == group.name])


def _find(ctx: Context) -> tuple[SubscriptionRecord, VmRecord]:
    record = ctx.subscription()
    group = ctx.group(record)
    name = ctx.params["name"]
    ctx.require(READ, record, group.name)
    for vm in record.vms:
        if vm.resource_group == group.name and vm.seed.name.lower() == name.lower():
            return record, vm
    raise errors.resource_not_found("Microsoft.Compute/virtualMachines", name, group.name)


def get(ctx: Context) -> Reply:
    """One VM; ``$expand=instanceView`` adds its statuses."""
    _, vm = _find(ctx)
    body = _full(ctx, vm)
    if ctx.query.get("$expand", "").lower() == "instanceview":
        body["properties"]["instanceView"] = _instance_view(ctx, vm)
    return Reply(body)


def _instance_view(ctx: Context, vm: VmRecord) -> dict[str, object]:
    return {
        "computerName": vm.seed.name[:15] if vm.seed.os == "Windows" else vm.seed.name,
        "statuses": shapes.vm_statuses(vm, ctx.world.built_at),
    }


def instance_view(ctx: Context) -> Reply:
    """``GET …/virtualMachines/{vm}/instanceView``: computer name and statuses."""
    _, vm = _find(ctx)
    return Reply(_instance_view(ctx, vm))


def list_classic(ctx: Context) -> Listing:
    """Classic VMs of a subscription (modelled shape; see shapes.compute)."""
    record = ctx.subscription()
    ctx.require(CLASSIC_READ, record)
    return Listing([shapes.classic_vm(vm) for vm in record.classic_vms])
