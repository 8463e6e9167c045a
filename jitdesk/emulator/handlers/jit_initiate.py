"""``JitNetworkAccessPolicies_Initiate``: check a request against its policy and record it.

Order of checks: subscription and resource group, RBAC (``initiate/action``), the shape of the
body (initiate_input, before the policy is looked up, as the service does), the policy (404
``PolicyNotFound``), then against the policy: every VM is in it, every port is a rule of its VM,
the requested time is within ``maxRequestAccessDuration``, the end is in the future, and every
source equals one of the rule's allowed prefixes (unless the rule allows ``*``). A request
without a source is for the caller's address as the server sees it (the connection's peer).
The answer is 202 with the new request, its ports ``Initiating``; they read ``Initiated`` once
``World.initiate_delay`` has passed, and older open requests for the same VM and port read
``Revoked/NewerRequestInitiated`` from now on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from jitdesk.emulator import arm_ids, errors, write_errors
from jitdesk.emulator.context import Context, Reply
from jitdesk.emulator.initiate_input import AskedPort, AskedVm, read_initiate
from jitdesk.emulator.jit_state import (
    JitPolicy,
    JitRequest,
    PolicyVm,
    PortRule,
    RequestPort,
    RequestVm,
    mapped_port,
)
from jitdesk.emulator.seed_reader import check_prefix
from jitdesk.emulator.shapes import security as shapes
from jitdesk.emulator.timefmt import format_duration, parse_duration

INITIATE = "Microsoft.Security/locations/jitNetworkAccessPolicies/initiate/action"
# endTimeUtc is computed on the caller's clock; a few seconds over the maximum is clock skew.
END_TIME_GRACE = timedelta(seconds=5)


@dataclass(frozen=True)
class _Checked:
    """One asked port matched with its VM and its rule in the policy."""

    vm: PolicyVm
    rule: PortRule
    asked: AskedPort

    @property
    def vm_name(self) -> str:
        return _vm_name(self.vm.vm_id)


def _vm_name(vm_id: str) -> str:
    return vm_id.rstrip("/").rsplit("/", 1)[-1]


def initiate(ctx: Context) -> Reply:
    """``POST …/jitNetworkAccessPolicies/{name}/initiate``: 202 with the recorded request."""
    record = ctx.subscription()
    group = ctx.group(record)
    region, name = ctx.params["region"], ctx.params["name"]
    scope = arm_ids.policy_id(record.id, group.name, region, name)
    ctx.require(INITIATE, record, group.name, scope)
    asked = read_initiate(ctx.json_body(write_errors.INVALID_INITIATE))
    policy = ctx.world.find_policy(record.id, group.name, region, name)
    if policy is None:
        raise errors.policy_not_found(name, group.name, region)
    checked = _match(policy, asked.vms)
    ends = [_check_time(item, ctx.now) for item in checked]
    for item in checked:
        _check_source(item, ctx.client_ip)
    request = JitRequest(
        start=ctx.now,
        requestor=ctx.caller.upn,
        justification=asked.justification,
        vms=_opened(checked, ends, ctx.client_ip),
        active_from=ctx.now + ctx.world.initiate_delay,
    )
    policy.requests.append(request)
    return Reply(shapes.request(policy, request, ctx.now, initiating=True), status=202)


def _match(policy: JitPolicy, vms: tuple[AskedVm, ...]) -> list[_Checked]:
    """Every asked VM must be in the policy, then every asked port a rule of its VM."""
    found: list[tuple[AskedVm, PolicyVm]] = []
    for vm in vms:
        policy_vm = policy.vm(vm.id)
        if policy_vm is None:
            raise write_errors.vm_not_in_policy(vm.id, policy.name)
        found.append((vm, policy_vm))
    checked: list[_Checked] = []
    for vm, policy_vm in found:
        rules = {rule.number: rule for rule in policy_vm.ports}
        for port in vm.ports:
            rule = rules.get(port.number)
            if rule is None:
                raise write_errors.port_not_in_policy(
                    port.number, _vm_name(policy_vm.vm_id), policy.name, sorted(rules)
                )
            checked.append(_Checked(policy_vm, rule, port))
    return checked


def _check_time(item: _Checked, now: datetime) -> datetime:
    """Return the port's end time; refuse a request longer than the rule's maximum or over."""
    maximum = parse_duration(item.rule.max_duration)
    if item.asked.duration is not None:
        requested, grace, end = item.asked.duration, timedelta(0), now + item.asked.duration
    else:
        assert item.asked.end is not None
        end = item.asked.end
        requested, grace = end - now, END_TIME_GRACE
    if requested > maximum + grace:
        raise write_errors.duration_too_long(
            item.asked.number, item.vm_name, format_duration(requested), item.rule.max_duration
        )
    if end <= now:
        raise write_errors.end_in_past(item.asked.number, item.vm_name, end, now)
    return end


def _sources(value: str | tuple[str, ...]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _check_source(item: _Checked, client_ip: str) -> None:
    """Each requested prefix must equal an allowed one; a prefix inside an allowed CIDR is not
    enough (FACTS §5). ``*`` in the rule allows any source."""
    defaulted = item.asked.source is None
    asked = _sources(client_ip if item.asked.source is None else item.asked.source)
    allowed = _sources(item.rule.source)
    allowed_keys = {prefix.lower() for prefix in allowed}
    for prefix in asked:
        try:
            check_prefix(prefix)
        except ValueError:
            raise write_errors.malformed_source(prefix) from None
        if "*" in allowed_keys or prefix.lower() in allowed_keys:
            continue
        raise write_errors.source_not_allowed(prefix, allowed, defaulted)


def _opened(checked: list[_Checked], ends: list[datetime], client_ip: str) -> list[RequestVm]:
    """The request's VMs and ports as they are recorded (VM ids in the policy's spelling)."""
    opened: dict[str, RequestVm] = {}
    for item, end in zip(checked, ends, strict=True):
        key = item.vm.vm_id.lower()
        vm = opened.setdefault(key, RequestVm(vm_id=item.vm.vm_id, ports=[]))
        source = client_ip if item.asked.source is None else item.asked.source
        mapped = None
        if item.vm.firewall_ip is not None:
            mapped = mapped_port(item.vm.vm_id, item.asked.number)
        vm.ports.append(RequestPort(item.asked.number, end, source, mapped))
    return list(opened.values())
