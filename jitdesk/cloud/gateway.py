"""Calls to Azure Resource Manager through the official SDK clients.

Every method blocks on the network and may be called from any worker thread (the SDK clients
are thread-safe); none may run on the GUI thread. Failures come out as
:class:`jitdesk.domain.errors.CloudError` subclasses.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from azure.core.credentials import TokenCredential

from jitdesk import __version__
from jitdesk.cloud import adapters, bodies
from jitdesk.cloud.adapters import Json
from jitdesk.cloud.arm import ArmClient
from jitdesk.cloud.errors import to_domain_error
from jitdesk.cloud.server_time import ServerTimeProbe
from jitdesk.domain.errors import CloudError, EmulatorUnreachable, NetworkError, NotFound
from jitdesk.domain.ids import ResourceId
from jitdesk.domain.model import (
    Account,
    JitPolicy,
    JitRequest,
    PlanStatus,
    PolicyVm,
    Subscription,
    Tenant,
)

logger = logging.getLogger(__name__)

PUBLIC_ARM = "https://management.azure.com"
ARM_SCOPE = "https://management.azure.com/.default"
JIT_API = "2020-01-01"
PRICINGS_API = "2024-01-01"
COMPUTE_API = "2026-04-01"
NETWORK_API = "2026-03-01"
CLASSIC_API = "2017-04-01"
SUBSCRIPTIONS_API = "2022-12-01"

CredentialProvider = Callable[[str | None], TokenCredential]
"""Gives the credential for a tenant id (None: the account's home tenant)."""

T = TypeVar("T")


@dataclass(frozen=True)
class Endpoint:
    """Where ARM lives and which CA to trust (None: the system's)."""

    arm_url: str = PUBLIC_ARM
    ca_bundle: str | None = None
    scope: str = ARM_SCOPE
    connect_retries: int = 3
    """How often a refused or failed connection is tried again (a local emulator: never)."""
    emulator: bool = False
    """The endpoint is a jitdesk emulator: a failed connection means it is not running."""

    def transport_options(self) -> dict[str, Any]:
        """Keyword arguments for azure-core's transport (timeouts, the CA to trust)."""
        options: dict[str, Any] = {"connection_timeout": 10, "read_timeout": 60}
        if self.ca_bundle:
            options["connection_verify"] = self.ca_bundle
        return options


class AzureGateway:
    """One signed-in account's view of ARM: tenants, subscriptions and their resources."""

    def __init__(
        self,
        endpoint: Endpoint,
        credentials: CredentialProvider,
        account: Callable[[], Account | None] = lambda: None,
        server_time: ServerTimeProbe | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.server_time = server_time if server_time is not None else ServerTimeProbe()
        """The measured offset to the server's clock, fed by every response of every client."""
        self._credentials = credentials
        self._account = account
        self._lock = threading.Lock()
        self._clients: dict[str | None, ArmClient] = {}
        self._security_clients: dict[str, Any] = {}

    def _arm(self, tenant_id: str | None) -> ArmClient:
        """The ARM client of a tenant (None: the home tenant); one HTTP session each."""
        with self._lock:
            client = self._clients.get(tenant_id)
            if client is None:
                client = self._clients[tenant_id] = ArmClient(
                    self._credentials(tenant_id),
                    self.endpoint.arm_url.rstrip("/"),
                    self.endpoint.scope,
                    f"jitdesk/{__version__}",
                    self.endpoint.connect_retries,
                    self.server_time,
                    **self.endpoint.transport_options(),
                )
            return client

    def _security(self, sub: Subscription) -> Any:
        """The typed Defender client of a subscription, for writes. Imported on first use: the
        package costs a third of a second to import and listings do not need it."""
        from azure.mgmt.security import SecurityCenter

        key = sub.subscription_id.lower()
        with self._lock:
            client = self._security_clients.get(key)
            if client is None:
                options = self.endpoint.transport_options()
                client = SecurityCenter(
                    self._credentials(sub.tenant_id),
                    sub.subscription_id,
                    base_url=self.endpoint.arm_url.rstrip("/"),
                    user_agent=f"jitdesk/{__version__}",
                    retry_connect=self.endpoint.connect_retries,
                    raw_request_hook=self.server_time.request_hook,
                    raw_response_hook=self.server_time.response_hook,
                    **options,
                )
                self._security_clients[key] = client
            return client

    def close(self) -> None:
        """Close every client (their HTTP sessions)."""
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
            security, self._security_clients = list(self._security_clients.values()), {}
        for client in clients:
            client.close()
        for typed in security:
            typed.close()

    def _call(self, operation: str, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except Exception as error:  # every SDK failure becomes a domain error
            mapped = to_domain_error(error, operation)
            if self.endpoint.emulator and type(mapped) is NetworkError:
                mapped = EmulatorUnreachable(mapped.details, operation, self.endpoint.arm_url)
            raise mapped from error

    def _list(self, tenant_id: str | None, url: str, operation: str) -> list[Json]:
        client = self._arm(tenant_id)
        return self._call(operation, lambda: list(client.pages(url)))

    def _list_in(self, sub: Subscription, path: str, api: str, operation: str) -> list[Json]:
        separator = "&" if "?" in path else "?"
        url = f"/subscriptions/{sub.subscription_id}/{path}{separator}api-version={api}"
        return self._list(sub.tenant_id, url, operation)

    # --- the account, tenants and subscriptions ------------------------------------------------

    def account(self) -> Account | None:
        """The signed-in account; may block on first use (the emulator is asked who it is)."""
        return self._call("identify the account", self._account)

    def list_tenants(self) -> list[Tenant]:
        url = f"/tenants?api-version={SUBSCRIPTIONS_API}"
        items = self._list(None, url, "list tenants")
        account = self.account()
        home = account.home_tenant_id if account else None
        return [adapters.tenant_from_json(t, home) for t in items]

    def list_subscriptions(self, tenant_id: str) -> list[Subscription]:
        url = f"/subscriptions?api-version={SUBSCRIPTIONS_API}"
        items = self._list(tenant_id, url, "list subscriptions")
        subscriptions = [adapters.subscription_from_json(s) for s in items]
        return [s if s.tenant_id else replace(s, tenant_id=tenant_id) for s in subscriptions]

    # --- resources of a subscription -----------------------------------------------------------

    def list_virtual_machines(self, sub: Subscription) -> list[Json]:
        path = "providers/Microsoft.Compute/virtualMachines"
        return self._list_in(sub, path, COMPUTE_API, "list virtual machines")

    def list_power_states(self, sub: Subscription) -> list[Json]:
        path = "providers/Microsoft.Compute/virtualMachines?statusOnly=true"
        return self._list_in(sub, path, COMPUTE_API, "list power states")

    def list_network_interfaces(self, sub: Subscription) -> list[Json]:
        path = "providers/Microsoft.Network/networkInterfaces"
        return self._list_in(sub, path, NETWORK_API, "list network interfaces")

    def list_public_ips(self, sub: Subscription) -> list[Json]:
        path = "providers/Microsoft.Network/publicIPAddresses"
        return self._list_in(sub, path, NETWORK_API, "list public IP addresses")

    def list_virtual_networks(self, sub: Subscription) -> list[Json]:
        path = "providers/Microsoft.Network/virtualNetworks"
        return self._list_in(sub, path, NETWORK_API, "list virtual networks")

    def list_classic_vms(self, sub: Subscription) -> list[Json]:
        """Classic VMs, listed so the user sees why JIT cannot serve them.

        Classic compute is retired and most subscriptions never registered its provider, so
        any refusal here means "none" (the pipeline never registers a provider by itself).
        """
        path = "providers/Microsoft.ClassicCompute/virtualMachines"
        try:
            return self._list_in(sub, path, CLASSIC_API, "list classic virtual machines")
        except CloudError as error:
            logger.debug("no classic VMs in %s: %s", sub.subscription_id, error)
            return []

    def list_jit_policies(self, sub: Subscription) -> list[JitPolicy]:
        path = "providers/Microsoft.Security/jitNetworkAccessPolicies"
        items = self._list_in(sub, path, JIT_API, "list JIT policies")
        return [adapters.policy_from_json(p) for p in items]

    def defender_plan(self, sub: Subscription) -> PlanStatus:
        """Defender for Servers on the subscription, from the ``VirtualMachines`` pricing."""
        url = (
            f"/subscriptions/{sub.subscription_id}/providers/Microsoft.Security/pricings/"
            f"VirtualMachines?api-version={PRICINGS_API}"
        )
        client = self._arm(sub.tenant_id)
        pricing = self._call("read Defender plan", lambda: client.get(url))
        return adapters.plan_from_json(pricing)

    # --- JIT writes (typed SDK client, JSON bodies) ---------------------------------------------

    def get_policy(self, sub: Subscription, policy_id: ResourceId) -> JitPolicy | None:
        """Read one policy as Azure has it now; None when it does not exist."""
        client = self._arm(sub.tenant_id)
        url = f"{policy_id.text}?api-version={JIT_API}"
        try:
            return adapters.policy_from_json(self._call("read JIT policy", lambda: client.get(url)))
        except NotFound:
            return None

    def put_policy(
        self, sub: Subscription, policy_id: ResourceId, vms: list[PolicyVm], kind: str = "Basic"
    ) -> JitPolicy:
        """Create or replace a policy with exactly ``vms`` (Azure replaces the whole list)."""
        body = json.dumps(bodies.policy_body(vms, kind)).encode()
        operations = self._security(sub).jit_network_access_policies
        policy = self._call(
            "save JIT policy",
            lambda: operations.create_or_update(
                policy_id.resource_group, policy_id.name_of("locations"), policy_id.name, body
            ),
        )
        logger.info("JIT policy %s saved with %d VMs", policy_id.text, len(vms))
        return adapters.policy_from_json(policy.serialize(keep_readonly=True))

    def delete_policy(self, sub: Subscription, policy_id: ResourceId) -> None:
        operations = self._security(sub).jit_network_access_policies
        self._call(
            "delete JIT policy",
            lambda: operations.delete(
                policy_id.resource_group, policy_id.name_of("locations"), policy_id.name
            ),
        )
        logger.info("JIT policy %s deleted", policy_id.text)

    def initiate(
        self, sub: Subscription, policy_id: ResourceId, body: dict[str, Any]
    ) -> JitRequest:
        """Ask for access with ``body`` as the service takes it (see :mod:`cloud.bodies`)."""
        operations = self._security(sub).jit_network_access_policies
        raw = json.dumps(body).encode()
        answer = self._call(
            "request JIT access",
            lambda: operations.initiate(
                policy_id.resource_group, policy_id.name_of("locations"), policy_id.name, raw
            ),
        )
        return adapters.request_from_json(answer.serialize(keep_readonly=True))

    def enable_defender_plan(self, sub: Subscription) -> PlanStatus:
        """Turn on Defender for Servers Plan 2 for the subscription (this costs money)."""
        from azure.mgmt.security.v2024_01_01.models import Pricing

        pricings = self._security(sub).pricings
        pricing = self._call(
            "turn on Defender for Servers",
            lambda: pricings.update(
                scope_id=f"subscriptions/{sub.subscription_id}",
                pricing_name="VirtualMachines",
                pricing=Pricing(pricing_tier="Standard", sub_plan="P2"),
            ),
        )
        logger.info("Defender for Servers Plan 2 turned on for %s", sub.subscription_id)
        return adapters.plan_from_json(pricing.serialize(keep_readonly=True))
