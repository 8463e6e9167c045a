"""``Pricings_Update`` (PUT ``…/providers/Microsoft.Security/pricings/{name}``) for Defender for
Servers, the ``VirtualMachines`` plan; the only plan the emulator models.

Turning the plan on (Free → Standard) sets ``enablementTime`` to now and starts the free trial
the subscription has left counting down; turning it off keeps what is left of the trial.
Changing the sub plan of a Standard subscription keeps both.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from jitdesk.emulator import arm_ids, errors, write_errors
from jitdesk.emulator.context import Context, Reply
from jitdesk.emulator.shapes import security as shapes
from jitdesk.emulator.world import DefenderPlan

PRICING_WRITE = "Microsoft.Security/pricings/write"
SERVERS = "VirtualMachines"


def update_pricing(ctx: Context) -> Reply:
    """Set the Defender for Servers tier and sub plan; 200 with the pricing."""
    record = ctx.subscription()
    name = ctx.params["name"]
    ctx.require(PRICING_WRITE, record, scope=arm_ids.pricing_id(record.id, name))
    if name.lower() != SERVERS.lower():
        if any(plan.lower() == name.lower() for plan in shapes.OTHER_PLANS):
            # (emulator wording) other plans are listed as Free and cannot be changed here.
            raise write_errors.invalid_pricing(
                f"The emulator models only the '{SERVERS}' plan (Defender for Servers); "
                f"'{name}' stays Free."
            )
        raise errors.ArmError(404, "NotFound", f"The pricing '{name}' was not found.")
    data = ctx.json_body(write_errors.INVALID_CONTENT)
    properties = data.get("properties") if isinstance(data, dict) else None
    if not isinstance(properties, dict):
        raise write_errors.invalid_pricing('The request body must be {"properties": {...}}.')
    tier = _choice(properties.get("pricingTier"), ("Free", "Standard"), "pricingTier")
    sub_plan = None
    if tier == "Standard":
        asked = properties.get("subPlan")
        sub_plan = "P2" if asked is None else _choice(asked, ("P1", "P2"), "subPlan")
    plan = _switch(record.plan, tier, sub_plan, ctx.now)
    ctx.world.set_plan(record.id, plan)
    return Reply(shapes.servers_pricing(record.id, plan, ctx.now))


def _choice(value: object, choices: tuple[str, ...], field: str) -> str:
    for choice in choices:
        if isinstance(value, str) and value.lower() == choice.lower():
            return choice
    raise write_errors.invalid_pricing(
        f"'properties.{field}' must be one of {', '.join(choices)}; got {value!r}."
    )


def _switch(plan: DefenderPlan, tier: str, sub_plan: str | None, now: datetime) -> DefenderPlan:
    if tier == "Free":
        if plan.tier == "Free":
            return plan
        return DefenderPlan("Free", None, None, plan.trial_left(now))
    if plan.tier == "Standard":
        return replace(plan, sub_plan=sub_plan)
    return DefenderPlan("Standard", sub_plan, now, plan.trial_left(now), trial_since=now)
