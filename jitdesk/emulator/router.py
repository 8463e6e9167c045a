"""The route table: which handler answers which method and path (paths match in any case)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from jitdesk.emulator.context import Context, Result
from jitdesk.emulator.handlers import (
    compute,
    jit_initiate,
    jit_writes,
    network,
    pricing,
    resources,
    security,
)

Handler = Callable[[Context], Result]

_SUB = "/subscriptions/{sub}"
_GROUP = "/subscriptions/{sub}/resourceGroups/{group}"
_JIT = "providers/Microsoft.Security/locations/{region}/jitNetworkAccessPolicies"


@dataclass(frozen=True)
class Route:
    """One method and path template, compiled to a case-insensitive regex."""

    method: str
    template: str
    handler: Handler
    pattern: re.Pattern[str]


def _route(method: str, template: str, handler: Handler) -> Route:
    regex = ""
    for piece in re.split(r"(\{\w+\})", template):
        if piece.startswith("{"):
            regex += f"(?P<{piece[1:-1]}>[^/]+)"
        else:
            regex += re.escape(piece)
    return Route(method, template, handler, re.compile(f"^{regex}$", re.IGNORECASE))


ROUTES: tuple[Route, ...] = (
    _route("GET", "/tenants", resources.list_tenants),
    _route("GET", "/subscriptions", resources.list_subscriptions),
    _route("GET", _SUB, resources.get_subscription),
    _route("GET", f"{_SUB}/providers/Microsoft.Compute/virtualMachines", compute.list_all),
    _route("GET", f"{_GROUP}/providers/Microsoft.Compute/virtualMachines", compute.list_in_group),
    _route("GET", f"{_GROUP}/providers/Microsoft.Compute/virtualMachines/{{name}}", compute.get),
    _route(
        "GET",
        f"{_GROUP}/providers/Microsoft.Compute/virtualMachines/{{name}}/instanceView",
        compute.instance_view,
    ),
    _route(
        "GET", f"{_SUB}/providers/Microsoft.ClassicCompute/virtualMachines", compute.list_classic
    ),
    _route("GET", f"{_SUB}/providers/Microsoft.Network/networkInterfaces", network.list_nics),
    _route("GET", f"{_SUB}/providers/Microsoft.Network/publicIPAddresses", network.list_public_ips),
    _route("GET", f"{_SUB}/providers/Microsoft.Network/virtualNetworks", network.list_vnets),
    _route(
        "GET", f"{_GROUP}/providers/Microsoft.Network/networkInterfaces/{{name}}", network.get_nic
    ),
    _route(
        "GET",
        f"{_GROUP}/providers/Microsoft.Network/publicIPAddresses/{{name}}",
        network.get_public_ip,
    ),
    _route(
        "GET", f"{_GROUP}/providers/Microsoft.Network/virtualNetworks/{{name}}", network.get_vnet
    ),
    _route("GET", f"{_SUB}/providers/Microsoft.Security/locations", security.list_locations),
    _route(
        "GET", f"{_SUB}/providers/Microsoft.Security/locations/{{region}}", security.get_location
    ),
    _route(
        "GET",
        f"{_SUB}/providers/Microsoft.Security/jitNetworkAccessPolicies",
        security.list_policies,
    ),
    _route("GET", f"{_SUB}/{_JIT}", security.list_policies_in_region),
    _route(
        "GET",
        f"{_GROUP}/providers/Microsoft.Security/jitNetworkAccessPolicies",
        security.list_policies_in_group,
    ),
    _route("GET", f"{_GROUP}/{_JIT}", security.list_policies_in_group_region),
    _route("GET", f"{_GROUP}/{_JIT}/{{name}}", security.get_policy),
    _route("PUT", f"{_GROUP}/{_JIT}/{{name}}", jit_writes.create_or_update),
    _route("DELETE", f"{_GROUP}/{_JIT}/{{name}}", jit_writes.delete),
    _route("POST", f"{_GROUP}/{_JIT}/{{name}}/initiate", jit_initiate.initiate),
    _route("GET", f"{_SUB}/providers/Microsoft.Security/pricings", security.list_pricings),
    _route("GET", f"{_SUB}/providers/Microsoft.Security/pricings/{{name}}", security.get_pricing),
    _route("PUT", f"{_SUB}/providers/Microsoft.Security/pricings/{{name}}", pricing.update_pricing),
)


@dataclass(frozen=True)
class Match:
    """The outcome of routing: a handler with its path parameters, or which methods would fit."""

    handler: Handler | None
    params: dict[str, str]
    allowed_methods: tuple[str, ...]


def match(method: str, path: str) -> Match:
    """Find the handler for ``method`` and ``path`` (a trailing slash is ignored)."""
    path = path.rstrip("/") or "/"
    allowed: list[str] = []
    for route in ROUTES:
        found = route.pattern.match(path)
        if found is None:
            continue
        if route.method == method.upper():
            params = {key: unquote(value) for key, value in found.groupdict().items()}
            return Match(route.handler, params, ())
        allowed.append(route.method)
    return Match(None, {}, tuple(allowed))
