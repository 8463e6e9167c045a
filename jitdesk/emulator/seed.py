"""Load and validate seed files: the JSON description of the world the emulator serves.

The format is documented in SEED.md beside this file.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Mapping
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

from jitdesk.emulator.seed_checks import check_seed
from jitdesk.emulator.seed_model import (
    GATE_TAG,
    REACH_TAG,
    Seed,
    SeedClassicVm,
    SeedDenial,
    SeedPlan,
    SeedPolicy,
    SeedPolicyVm,
    SeedPortRule,
    SeedRequest,
    SeedRequestPort,
    SeedRequestVm,
    SeedResourceGroup,
    SeedSubscription,
    SeedTenant,
    SeedTime,
    SeedUser,
    SeedVm,
)
from jitdesk.emulator.seed_reader import Fields, SeedError

logger = logging.getLogger(__name__)

POWER_STATES = ("running", "deallocated", "stopped", "starting", "stopping", "deallocating")
CLASSIC_STATUSES = ("ReadyRole", "StoppedDeallocated", "StoppedVM", "RoleStateUnknown")
NSG_PLACES = ("nic", "subnet", "both", "none")
REACHES = ("public", "private")
REGIONS_HINT = "a short region name such as westeurope"
_DEFAULT_IMAGES = {
    "Windows": "MicrosoftWindowsServer:WindowsServer:2022-datacenter-azure-edition:latest",
    "Linux": "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest",
}
_DEFAULT_ADMINS = {"Windows": "azureadmin", "Linux": "azureuser"}


def load_seed(source: str | PathLike[str] | Mapping[str, Any]) -> Seed:
    """Read, validate and return a seed.

    ``source`` is the name of a built-in seed (``"demo"``), a path to a JSON file, or an already
    parsed dict. Raises SeedError (a ValueError) naming the key and entity that are wrong. Reads
    one file; does not block otherwise.
    """
    if isinstance(source, Mapping):
        return parse_seed(dict(source), origin="<dict>")
    text, origin = _read_source(source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SeedError(origin, f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    return parse_seed(data, origin=origin)


def _read_source(source: str | PathLike[str]) -> tuple[str, str]:
    name = str(source)
    if "/" not in name and "\\" not in name and not name.endswith(".json"):
        builtin = resources.files("jitdesk.emulator").joinpath("seeds").joinpath(f"{name}.json")
        if builtin.is_file():
            return builtin.read_text(encoding="utf-8"), f"built-in seed '{name}'"
    path = Path(name)
    if not path.is_file():
        raise SeedError(name, "no built-in seed of that name and no file at that path")
    return path.read_text(encoding="utf-8"), str(path)


def parse_seed(data: object, origin: str = "<dict>") -> Seed:
    """Validate parsed JSON and build the Seed; raises SeedError on the first problem."""
    root = Fields(data, "top level")
    root.integer("version", 1, 1, default=1)
    root.has("description")
    user_fields = root.child("user")
    assert user_fields is not None
    user = SeedUser(
        upn=user_fields.text("upn"),
        name=user_fields.text("name"),
        object_id=user_fields.guid("object_id"),
        home_tenant_id=user_fields.guid("home_tenant"),
    )
    user_fields.done()
    tenants = tuple(_tenant(f, user) for f in root.children("tenants", "tenant", required=True))
    gate_ports = root.port_map("gate_ports")
    root.done()
    seed = Seed(user=user, tenants=tenants, origin=origin, gate_ports=gate_ports)
    check_seed(seed)
    logger.debug("loaded seed %s: %d tenants", origin, len(tenants))
    return seed


def _tenant(f: Fields, user: SeedUser) -> SeedTenant:
    default_domain = f.text("default_domain")
    tenant = SeedTenant(
        id=f.guid("id"),
        name=f.text("name"),
        default_domain=default_domain,
        domains=f.texts("domains") or (default_domain,),
        country=f.text("country", "US").upper(),
        user_object_id=f.guid("user_object_id", user.object_id),
        subscriptions=tuple(_subscription(s) for s in f.children("subscriptions", "subscription")),
    )
    f.done()
    return tenant


def _subscription(f: Fields) -> SeedSubscription:
    plan_fields = f.child("defender_for_servers", required=False)
    subscription = SeedSubscription(
        id=f.guid("id"),
        name=f.text("name"),
        state=f.choice("state", ("Enabled", "Disabled", "Warned", "PastDue", "Deleted"), "Enabled"),
        quota_id=f.text("quota_id", "EnterpriseAgreement_2014-09-01"),
        spending_limit=f.choice("spending_limit", ("On", "Off", "CurrentPeriodOff"), "Off"),
        asc_location=_region(f, "asc_location", "westeurope"),
        defender_for_servers=_plan(plan_fields),
        denials=tuple(_denial(d) for d in f.children("denials", "denial")),
        resource_groups=tuple(_group(g) for g in f.children("resource_groups", "resource group")),
        tags=f.tags("tags"),
    )
    f.done()
    return subscription


def _region(f: Fields, key: str, default: str | None = None) -> str:
    value = f.text(key, default).lower()
    if not value.replace("-", "").isalnum() or " " in value:
        raise f.error(key, f"expected {REGIONS_HINT}, got '{value}'")
    return value


def _plan(f: Fields | None) -> SeedPlan:
    if f is None:
        default_start = SeedTime.parse("now-P90D")
        return SeedPlan(
            tier="Standard", sub_plan="P2", enabled=default_start, trial_remaining="PT0S"
        )
    tier = f.choice("tier", ("Free", "Standard"))
    sub_plan = f.choice("sub_plan", ("P1", "P2"), "P2") if tier == "Standard" else None
    if tier == "Free" and f.has("sub_plan"):
        raise f.error("sub_plan", "a Free tier has no sub plan; remove the key")
    plan = SeedPlan(
        tier=tier,
        sub_plan=sub_plan,
        enabled=f.time("enabled", "now-P90D") if tier == "Standard" else None,
        trial_remaining=f.duration("trial_remaining", "PT0S"),
    )
    f.done()
    return plan


def _denial(f: Fields) -> SeedDenial:
    action = f.text("action")
    if "/" not in action:
        raise f.error(
            "action",
            "expected an RBAC action such as "
            f"'Microsoft.Security/locations/jitNetworkAccessPolicies/read', got '{action}'",
        )
    denial = SeedDenial(
        user=f.text("user"), action=action, resource_group=f.optional_text("resource_group")
    )
    f.done()
    return denial


def _group(f: Fields) -> SeedResourceGroup:
    region = _region(f, "region")
    reach = f.choice("reach", REACHES, "public")
    group = SeedResourceGroup(
        name=f.text("name"),
        region=region,
        reach=reach,
        vms=tuple(_vm(v, region, reach) for v in f.children("vms", "vm")),
        classic_vms=tuple(_classic(v, region) for v in f.children("classic_vms", "classic vm")),
        jit_policies=tuple(_policy(p, region) for p in f.children("jit_policies", "policy")),
    )
    f.done()
    return group


def _vm(f: Fields, group_region: str, group_reach: str) -> SeedVm:
    os_type = f.choice("os", ("Windows", "Linux"))
    image = f.text("image", _DEFAULT_IMAGES[os_type]).split(":")
    if len(image) != 4:
        raise f.error("image", "expected publisher:offer:sku:version")
    private_ip = f.ipv4("private_ip")
    assert private_ip is not None
    if not ipaddress.IPv4Address(private_ip).is_private or private_ip.startswith("127."):
        raise f.error(
            "private_ip",
            f"expected a private address (10.x, 172.16-31.x, 192.168.x), got '{private_ip}'",
        )
    vm = SeedVm(
        name=f.text("name"),
        region=_region(f, "region", group_region),
        os=os_type,
        size=f.text("size", "Standard_D2s_v5"),
        power=f.choice("power", POWER_STATES, "running"),
        private_ip=private_ip,
        public_ip=_loopback(f, "public_ip"),
        nsg=f.choice("nsg", NSG_PLACES, "nic"),
        subnet=f.text("subnet", "default"),
        admin_username=f.text("admin_username", _DEFAULT_ADMINS[os_type]),
        image=(image[0], image[1], image[2], image[3]),
        tags=f.tags("tags"),
        reach=f.choice("reach", REACHES, group_reach),
    )
    if any(key.lower() == REACH_TAG for key in vm.tags):
        raise f.error("tags", f"the tag '{REACH_TAG}' comes from 'reach'; set that instead")
    if any(key.lower() == GATE_TAG for key in vm.tags):
        raise f.error("tags", f"the tag '{GATE_TAG}' comes from the demo gates; remove it")
    f.done()
    return vm


def _demo_address(f: Fields, key: str, text: str) -> str:
    """Public addresses must be loopback (not 127.0.0.1): demo port gates listen on them."""
    try:
        address = ipaddress.IPv4Address(text)
    except ValueError:
        raise f.error(key, f"expected an IPv4 address, got '{text}'") from None
    if not address.is_loopback or str(address) == "127.0.0.1":
        raise f.error(
            key,
            "public addresses must be in 127.0.0.0/8 other than 127.0.0.1 "
            f"(the demo opens ports on them), got '{text}'",
        )
    return str(address)


def _loopback(f: Fields, key: str) -> str | None:
    """An optional public address; see ``_demo_address``."""
    return _demo_address(f, key, f.text(key)) if f.has(key) else None


def _classic(f: Fields, group_region: str) -> SeedClassicVm:
    private_ip = f.ipv4("private_ip")
    assert private_ip is not None
    public_ips = tuple(_demo_address(f, "public_ips", a) for a in f.texts("public_ips"))
    vm = SeedClassicVm(
        name=f.text("name"),
        region=_region(f, "region", group_region),
        os=f.choice("os", ("Windows", "Linux"), "Windows"),
        size=f.text("size", "Small"),
        status=f.choice("status", CLASSIC_STATUSES, "ReadyRole"),
        private_ip=private_ip,
        public_ips=public_ips,
    )
    f.done()
    return vm


def _policy(f: Fields, group_region: str) -> SeedPolicy:
    policy = SeedPolicy(
        name=f.text("name", "default"),
        region=_region(f, "region", group_region),
        kind=f.text("kind", "Basic"),
        vms=tuple(_policy_vm(v) for v in f.children("vms", "vm", required=True)),
        requests=tuple(_request(r) for r in f.children("requests", "request")),
    )
    f.done()
    return policy


def _policy_vm(f: Fields) -> SeedPolicyVm:
    entry = SeedPolicyVm(
        vm=f.text("vm"),
        ports=tuple(_port_rule(p) for p in f.children("ports", "port", required=True)),
        firewall_ip=_loopback(f, "firewall_ip"),
    )
    f.done()
    if not entry.ports:
        raise f.error("ports", "a VM in a policy needs at least one port")
    return entry


def _port_rule(f: Fields) -> SeedPortRule:
    rule = SeedPortRule(
        number=f.integer("number", 0, 65535),
        protocol=f.choice("protocol", ("TCP", "UDP", "*"), "*"),
        source=f.source("source", "*"),
        max_duration=f.duration("max_duration", "PT3H"),
    )
    f.done()
    return rule


def _request(f: Fields) -> SeedRequest:
    request = SeedRequest(
        requestor=f.text("requestor"),
        start=f.time("start"),
        justification=f.optional_text("justification"),
        vms=tuple(_request_vm(v) for v in f.children("vms", "vm", required=True)),
    )
    f.done()
    return request


def _request_vm(f: Fields) -> SeedRequestVm:
    entry = SeedRequestVm(
        vm=f.text("vm"),
        ports=tuple(_request_port(p) for p in f.children("ports", "port", required=True)),
    )
    f.done()
    return entry


def _request_port(f: Fields) -> SeedRequestPort:
    port = SeedRequestPort(
        number=f.integer("number", 0, 65535),
        end=f.time("end"),
        source=f.source("source"),
        mapped_port=f.integer("mapped_port", 1, 65535) if f.has("mapped_port") else None,
    )
    f.done()
    return port
