"""From ARM JSON (as the wire carries it) to domain objects.

Listings are read as raw JSON through the SDK pipeline, which is much faster than building SDK
models for thousands of VMs; SDK models are turned into the same JSON with
``model.serialize(keep_readonly=True)`` so that one set of adapters serves both paths.
Adapters are forgiving: a missing optional field gives an empty value, never an exception.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from jitdesk.domain.durations import parse_iso_duration
from jitdesk.domain.ids import ResourceId, id_key
from jitdesk.domain.model import (
    JitPolicy,
    JitRequest,
    OsType,
    PlanStatus,
    PolicyVm,
    PortRule,
    PowerState,
    Protocol,
    RequestPort,
    RequestStatus,
    RequestVm,
    StatusReason,
    Subscription,
    Tenant,
    VirtualMachine,
)

Json = Mapping[str, Any]

REACH_TAG = "jitdesk-reach"
"""A VM tag an admin sets to ``private`` for VMs reached over a VPN or peering."""
GATE_TAG = "jitdesk-demo-gate"
"""The demo emulator's map of JIT ports to its local port gates, ``22=10022,3389=13389``."""


def _gate_ports(text: str) -> tuple[tuple[int, int], ...]:
    pairs = []
    for part in text.split(","):
        port, _, gate = part.strip().partition("=")
        if port.isdigit() and gate.isdigit() and 0 < int(gate) < 65536:
            pairs.append((int(port), int(gate)))
    return tuple(pairs)


def _props(item: Json) -> Json:
    value = item.get("properties")
    return value if isinstance(value, Mapping) else {}


def _ref(item: Json | None) -> str | None:
    """The ``id`` of a sub-resource reference such as ``{"id": "/subscriptions/..."}``."""
    if isinstance(item, Mapping):
        ref = item.get("id")
        return ref if isinstance(ref, str) and ref else None
    return None


def parse_time(text: str) -> datetime:
    """Parse an ARM timestamp (``2030-01-01T12:00:00.000Z``, 7 fraction digits allowed) to UTC."""
    value = text.strip().replace("Z", "+00:00").replace("z", "+00:00")
    if "." in value:
        head, _, tail = value.partition(".")
        digits = "".join(itertools.takewhile(str.isdigit, tail))
        zone = tail[len(digits) :]
        value = f"{head}.{digits[:6].ljust(6, '0')}{zone}"
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _prefixes(item: Json) -> tuple[str, ...]:
    many = item.get("allowedSourceAddressPrefixes")
    if isinstance(many, list) and many:
        return tuple(str(p) for p in many)
    one = item.get("allowedSourceAddressPrefix")
    return (str(one),) if one else ()


# --- tenants, subscriptions -------------------------------------------------------------------


def tenant_from_json(item: Json, home_tenant_id: str | None) -> Tenant:
    tenant_id = str(item.get("tenantId") or "")
    return Tenant(
        tenant_id=tenant_id,
        display_name=str(item.get("displayName") or item.get("defaultDomain") or tenant_id),
        default_domain=str(item.get("defaultDomain") or ""),
        is_guest=home_tenant_id is not None and tenant_id.lower() != home_tenant_id.lower(),
    )


def subscription_from_json(item: Json) -> Subscription:
    return Subscription(
        subscription_id=str(item.get("subscriptionId") or ""),
        display_name=str(item.get("displayName") or item.get("subscriptionId") or ""),
        tenant_id=str(item.get("tenantId") or ""),
        state=str(item.get("state") or ""),
    )


def plan_from_json(item: Json) -> PlanStatus:
    """Defender for Servers status from the ``VirtualMachines`` pricing."""
    props = _props(item)
    tier = str(props.get("pricingTier") or "").lower()
    if tier == "free":
        return PlanStatus.OFF
    if tier != "standard":
        return PlanStatus.UNKNOWN
    sub_plan = str(props.get("subPlan") or "P2").upper()
    return PlanStatus.PLAN_1 if sub_plan == "P1" else PlanStatus.PLAN_2


# --- VMs and their network ---------------------------------------------------------------------


def power_states(items: Iterable[Json]) -> dict[str, PowerState]:
    """Power state per VM id key, from a ``statusOnly=true`` listing."""
    states: dict[str, PowerState] = {}
    for item in items:
        view = _props(item).get("instanceView") or {}
        codes = [s.get("code") for s in view.get("statuses", []) if isinstance(s, Mapping)]
        state = next(
            (PowerState.from_status_code(c) for c in codes if str(c).lower().startswith("power")),
            PowerState.UNKNOWN,
        )
        if isinstance(item.get("id"), str):
            states[id_key(item["id"])] = state
    return states


class NetworkIndex:
    """NICs, public IPs and subnets of a subscription, looked up by id key."""

    def __init__(
        self, nics: Iterable[Json], public_ips: Iterable[Json], vnets: Iterable[Json]
    ) -> None:
        self.nics = {id_key(n["id"]): n for n in nics if "id" in n}
        self.public_ips = {
            id_key(p["id"]): _props(p).get("ipAddress") for p in public_ips if "id" in p
        }
        self.subnet_nsgs: dict[str, str | None] = {}
        for vnet in vnets:
            for subnet in _props(vnet).get("subnets", []) or []:
                if isinstance(subnet, Mapping) and "id" in subnet:
                    nsg = _ref(_props(subnet).get("networkSecurityGroup"))
                    self.subnet_nsgs[id_key(subnet["id"])] = nsg


def _primary(items: list[Json]) -> Json | None:
    for item in items:
        if _props(item).get("primary") or item.get("primary"):
            return item
    return items[0] if items else None


def vm_from_json(item: Json, states: Mapping[str, PowerState], net: NetworkIndex) -> VirtualMachine:
    """Join a VM of the full listing with its power state and network."""
    vm_id = ResourceId.parse(str(item["id"]))
    props = _props(item)
    storage = props.get("storageProfile") or {}
    os_disk = storage.get("osDisk") or {}
    refs = [r for r in (props.get("networkProfile") or {}).get("networkInterfaces", []) or []]
    nic_ids = tuple(ref for r in refs if (ref := _ref(r)))
    nsgs: list[str] = []
    private_ip = public_ip = None
    primary_ref = _primary(refs)
    primary_key = id_key(_ref(primary_ref) or "") if primary_ref else ""
    # The primary NIC first, so that its addresses win over a secondary NIC's.
    ordered = sorted(nic_ids, key=lambda n: id_key(n) != primary_key)
    for nic_id in ordered:
        nic = net.nics.get(id_key(nic_id))
        if nic is None:
            continue
        nic_props = _props(nic)
        if nsg := _ref(nic_props.get("networkSecurityGroup")):
            nsgs.append(nsg)
        configs = [c for c in nic_props.get("ipConfigurations", []) or [] if isinstance(c, Mapping)]
        for config in configs:
            subnet = _ref(_props(config).get("subnet"))
            if subnet and (subnet_nsg := net.subnet_nsgs.get(id_key(subnet))):
                nsgs.append(subnet_nsg)
        primary_config = _primary(configs)
        if primary_config is not None:
            private_ip = private_ip or _props(primary_config).get("privateIPAddress")
            pip_ref = _ref(_props(primary_config).get("publicIPAddress"))
            if pip_ref and not public_ip:
                public_ip = net.public_ips.get(id_key(pip_ref))
    unique_nsgs = tuple(dict.fromkeys(nsgs))
    tags = item.get("tags") or {}
    reach = next((str(v) for k, v in tags.items() if k.lower() == REACH_TAG), "")
    gates = next((str(v) for k, v in tags.items() if k.lower() == GATE_TAG), "")
    return VirtualMachine(
        id=vm_id,
        location=str(item.get("location") or ""),
        os_type=OsType.parse(os_disk.get("osType")),
        size=str((props.get("hardwareProfile") or {}).get("vmSize") or ""),
        power_state=states.get(vm_id.key, PowerState.UNKNOWN),
        private_ip=private_ip,
        public_ip=public_ip,
        nic_ids=nic_ids,
        nsg_ids=unique_nsgs,
        reached_privately=reach.strip().lower() == "private",
        gate_ports=_gate_ports(gates),
    )


_CLASSIC_STATES = {
    "readyrole": PowerState.RUNNING,
    "stoppedvm": PowerState.STOPPED,
    "stoppeddeallocated": PowerState.DEALLOCATED,
    "starting": PowerState.STARTING,
    "stopping": PowerState.STOPPING,
}


def classic_vm_from_json(item: Json) -> VirtualMachine:
    """A classic (Azure Service Manager) VM: listed so the user sees why JIT cannot serve it."""
    props = _props(item)
    view = props.get("instanceView") or {}
    public = view.get("publicIpAddresses") or []
    return VirtualMachine(
        id=ResourceId.parse(str(item["id"])),
        location=str(item.get("location") or ""),
        os_type=OsType.parse(
            (props.get("storageProfile") or {})
            .get("operatingSystemDisk", {})
            .get("operatingSystem")
        ),
        size=str((props.get("hardwareProfile") or {}).get("size") or ""),
        power_state=_CLASSIC_STATES.get(str(view.get("status") or "").lower(), PowerState.UNKNOWN),
        private_ip=view.get("privateIpAddress"),
        public_ip=str(public[0]) if public else None,
        is_classic=True,
    )


# --- JIT ---------------------------------------------------------------------------------------


def port_rule_from_json(item: Json) -> PortRule:
    return PortRule(
        number=int(item["number"]),
        protocol=Protocol.parse(str(item.get("protocol") or "*")),
        allowed_source_prefixes=_prefixes(item),
        max_duration=parse_iso_duration(str(item.get("maxRequestAccessDuration") or "PT3H")),
    )


def request_from_json(item: Json) -> JitRequest:
    vms = []
    for vm in item.get("virtualMachines", []) or []:
        ports = tuple(
            RequestPort(
                number=int(p["number"]),
                end_time=parse_time(str(p["endTimeUtc"])),
                status=RequestStatus.parse(p.get("status")),
                status_reason=StatusReason.parse(p.get("statusReason")),
                source_prefixes=_prefixes(p),
                mapped_port=int(p["mappedPort"]) if p.get("mappedPort") is not None else None,
            )
            for p in vm.get("ports", []) or []
        )
        vms.append(RequestVm(vm_id=ResourceId.parse(str(vm["id"])), ports=ports))
    return JitRequest(
        requestor=str(item.get("requestor") or ""),
        start_time=parse_time(str(item["startTimeUtc"])),
        vms=tuple(vms),
        justification=str(item.get("justification") or ""),
    )


def policy_from_json(item: Json) -> JitPolicy:
    props = _props(item)
    vms = tuple(
        PolicyVm(
            vm_id=ResourceId.parse(str(vm["id"])),
            ports=tuple(port_rule_from_json(p) for p in vm.get("ports", []) or []),
            firewall_ip=vm.get("publicIpAddress") or None,
        )
        for vm in props.get("virtualMachines", []) or []
    )
    return JitPolicy(
        id=ResourceId.parse(str(item["id"])),
        vms=vms,
        requests=tuple(request_from_json(r) for r in props.get("requests", []) or []),
        kind=str(item.get("kind") or ""),
        provisioning_state=str(props.get("provisioningState") or ""),
    )
