"""The validated, immutable form of a seed: what the world looks like before it starts running.

Times stay symbolic here (``now-PT2H``) and are resolved against the emulator clock when the
world is built, so one loaded seed can start many emulators at different clock times.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from jitdesk.emulator.timefmt import parse_arm_time, parse_duration

_RELATIVE = re.compile(r"^now(?:(?P<sign>[+-])(?P<duration>P\S+))?$", re.IGNORECASE)

# A port rule or request allows either one prefix (a string) or a list of prefixes.
SourcePrefixes = str | tuple[str, ...]
# The VM tag that carries ``reach: private`` into ARM answers.
REACH_TAG = "jitdesk-reach"
# The VM tag that tells a demo client where the port gates of a VM listen (``22=10022,...``).
GATE_TAG = "jitdesk-demo-gate"


@dataclass(frozen=True)
class SeedTime:
    """A point in time written in a seed: absolute UTC, or an offset from the clock's now."""

    text: str
    absolute: datetime | None = None
    offset: timedelta = timedelta(0)

    @classmethod
    def parse(cls, text: str) -> SeedTime:
        """Parse ``now``, ``now-PT2H``, ``now+P1DT4H`` or an ISO 8601 time with a zone.

        Raises ValueError naming the accepted forms.
        """
        match = _RELATIVE.match(text.strip())
        if match is not None:
            if match.group("duration") is None:
                return cls(text=text)
            delta = parse_duration(match.group("duration"))
            return cls(text=text, offset=-delta if match.group("sign") == "-" else delta)
        try:
            return cls(text=text, absolute=parse_arm_time(text))
        except ValueError:
            raise ValueError(
                f"'{text}' is not a time; write 'now', 'now-PT2H', 'now+PT45M' "
                "or an absolute UTC time such as '2025-03-14T09:30:00Z'"
            ) from None

    def resolve(self, now: datetime) -> datetime:
        """Return the absolute UTC time this stands for, given the clock's ``now``."""
        return self.absolute if self.absolute is not None else now + self.offset


@dataclass(frozen=True)
class SeedUser:
    """The person the emulator treats as signed in when a token does not say otherwise."""

    upn: str
    name: str
    object_id: str
    home_tenant_id: str


@dataclass(frozen=True)
class SeedVm:
    """An ARM virtual machine with one NIC, optionally a public IP, in a derived VNet.

    ``reach`` says how people reach it: ``public`` (over the internet) or ``private`` (over a
    site-to-site VPN, on its private address). ARM has no such field; VMs answer it as the tag
    ``jitdesk-reach: private``.
    """

    name: str
    region: str
    os: str
    size: str
    power: str
    private_ip: str
    public_ip: str | None
    nsg: str
    subnet: str
    admin_username: str
    image: tuple[str, str, str, str]
    tags: Mapping[str, str] = field(default_factory=dict)
    reach: str = "public"


@dataclass(frozen=True)
class SeedClassicVm:
    """A classic (Azure Service Manager) VM, listed but never eligible for JIT."""

    name: str
    region: str
    os: str
    size: str
    status: str
    private_ip: str
    public_ips: tuple[str, ...]


@dataclass(frozen=True)
class SeedPortRule:
    """One port a JIT policy lets people open on one VM."""

    number: int
    protocol: str
    source: SourcePrefixes
    max_duration: str


@dataclass(frozen=True)
class SeedPolicyVm:
    """A VM inside a JIT policy, with its port rules and optional Azure Firewall address."""

    vm: str
    ports: tuple[SeedPortRule, ...]
    firewall_ip: str | None


@dataclass(frozen=True)
class SeedRequestPort:
    """One port of a past or current access request."""

    number: int
    end: SeedTime
    source: SourcePrefixes
    mapped_port: int | None


@dataclass(frozen=True)
class SeedRequestVm:
    """The ports one request opened on one VM."""

    vm: str
    ports: tuple[SeedRequestPort, ...]


@dataclass(frozen=True)
class SeedRequest:
    """An entry of a policy's request history."""

    requestor: str
    start: SeedTime
    justification: str | None
    vms: tuple[SeedRequestVm, ...]


@dataclass(frozen=True)
class SeedPolicy:
    """A JIT network access policy of one resource group and region."""

    name: str
    region: str
    kind: str
    vms: tuple[SeedPolicyVm, ...]
    requests: tuple[SeedRequest, ...]


@dataclass(frozen=True)
class SeedResourceGroup:
    """A resource group and what lives in it."""

    name: str
    region: str
    vms: tuple[SeedVm, ...]
    classic_vms: tuple[SeedClassicVm, ...]
    jit_policies: tuple[SeedPolicy, ...]
    reach: str = "public"


@dataclass(frozen=True)
class SeedPlan:
    """The Defender for Servers pricing of a subscription."""

    tier: str
    sub_plan: str | None
    enabled: SeedTime | None
    trial_remaining: str


@dataclass(frozen=True)
class SeedDenial:
    """An RBAC action a user may not perform, in a subscription or one of its groups."""

    user: str
    action: str
    resource_group: str | None


@dataclass(frozen=True)
class SeedSubscription:
    """A subscription with its Defender plan, denials and resource groups."""

    id: str
    name: str
    state: str
    quota_id: str
    spending_limit: str
    asc_location: str
    defender_for_servers: SeedPlan
    denials: tuple[SeedDenial, ...]
    resource_groups: tuple[SeedResourceGroup, ...]
    tags: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SeedTenant:
    """An Entra ID tenant the user belongs to (home or guest) and its subscriptions."""

    id: str
    name: str
    default_domain: str
    domains: tuple[str, ...]
    country: str
    user_object_id: str
    subscriptions: tuple[SeedSubscription, ...]


@dataclass(frozen=True)
class Seed:
    """A whole validated seed. Build one with ``load_seed``."""

    user: SeedUser
    tenants: tuple[SeedTenant, ...]
    origin: str = "<dict>"
    # Demo port gates: a port number -> the port its gate listens on (overrides the default).
    gate_ports: Mapping[int, int] = field(default_factory=dict)

    @property
    def home_tenant(self) -> SeedTenant:
        """The user's home tenant (validation guarantees it exists)."""
        return next(t for t in self.tenants if t.id == self.user.home_tenant_id)
