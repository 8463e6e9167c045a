"""Calls to Azure Resource Manager through the official SDK clients.

Every method blocks on the network and may be called from any worker thread (the SDK clients
are thread-safe); none may run on the GUI thread. Failures come out as
:class:`jitdesk.domain.errors.CloudError` subclasses.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from azure.core.credentials import TokenCredential
from azure.core.rest import HttpRequest
from azure.mgmt.compute import ComputeManagementClient
from azure.mgmt.network import NetworkManagementClient
from azure.mgmt.resource.subscriptions import SubscriptionClient
from azure.mgmt.security import SecurityCenter

from jitdesk import __version__
from jitdesk.cloud import adapters
from jitdesk.cloud.adapters import Json
from jitdesk.cloud.errors import to_domain_error
from jitdesk.domain.model import Account, JitPolicy, PlanStatus, Subscription, Tenant

logger = logging.getLogger(__name__)

PUBLIC_ARM = "https://management.azure.com"
COMPUTE_API = "2026-04-01"
NETWORK_API = "2026-03-01"
RESOURCES_API = "2021-04-01"
CLASSIC_VM_TYPE = "Microsoft.ClassicCompute/virtualMachines"

CredentialProvider = Callable[[str | None], TokenCredential]
"""Gives the credential for a tenant id (None: the account's home tenant)."""

T = TypeVar("T")


@dataclass(frozen=True)
class Endpoint:
    """Where ARM lives and which CA to trust (None: the system's)."""

    arm_url: str = PUBLIC_ARM
    ca_bundle: str | None = None

    def client_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "base_url": self.arm_url.rstrip("/"),
            "user_agent": f"jitdesk/{__version__}",
            "connection_timeout": 10,
            "read_timeout": 60,
        }
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
    ) -> None:
        self.endpoint = endpoint
        self._credentials = credentials
        self._account = account
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, str | None], Any] = {}

    # --- clients -------------------------------------------------------------------------------

    def _cached(self, key: tuple[str, str | None], build: Callable[[], Any]) -> Any:
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                client = self._clients[key] = build()
            return client

    def _subscription_client(self, tenant_id: str | None) -> Any:
        def build() -> SubscriptionClient:
            credential = self._credentials(tenant_id)
            return SubscriptionClient(credential, **self.endpoint.client_options())

        return self._cached(("subscriptions", tenant_id), build)

    def _client(self, kind: type[Any], sub: Subscription) -> Any:
        def build() -> Any:
            credential = self._credentials(sub.tenant_id)
            return kind(credential, sub.subscription_id, **self.endpoint.client_options())

        return self._cached((kind.__name__, sub.subscription_id), build)

    def close(self) -> None:
        """Close every SDK client (their HTTP sessions)."""
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            client.close()

    def _call(self, operation: str, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except Exception as error:
            raise to_domain_error(error, operation) from error

    def _pages(self, client: Any, url: str) -> Iterator[Json]:
        """Follow ``nextLink`` through a listing read as raw JSON via the SDK pipeline."""
        next_url: str | None = url
        while next_url:
            response = client.send_request(HttpRequest("GET", next_url))
            response.raise_for_status()
            body = response.json()
            yield from body.get("value", []) or []
            next_url = body.get("nextLink") or None

    def _list(self, kind: type[Any], sub: Subscription, path: str, operation: str) -> list[Json]:
        client = self._client(kind, sub)
        url = f"/subscriptions/{sub.subscription_id}/{path}"
        return self._call(operation, lambda: list(self._pages(client, url)))

    # --- tenants and subscriptions -------------------------------------------------------------

    def account(self) -> Account | None:
        """The signed-in account; may block on first use (the emulator is asked who it is)."""
        return self._call("identify the account", self._account)

    def list_tenants(self) -> list[Tenant]:
        client = self._subscription_client(None)
        items = self._call(
            "list tenants",
            lambda: [t.serialize(keep_readonly=True) for t in client.tenants.list()],
        )
        account = self.account()
        home = account.home_tenant_id if account else None
        return [adapters.tenant_from_json(t, home) for t in items]

    def list_subscriptions(self, tenant_id: str) -> list[Subscription]:
        client = self._subscription_client(tenant_id)
        items = self._call(
            "list subscriptions",
            lambda: [s.serialize(keep_readonly=True) for s in client.subscriptions.list()],
        )
        subscriptions = [adapters.subscription_from_json(s) for s in items]
        return [s if s.tenant_id else replace(s, tenant_id=tenant_id) for s in subscriptions]

    # --- resources of a subscription (raw JSON on the listing paths) ---------------------------

    def list_virtual_machines(self, sub: Subscription) -> list[Json]:
        path = f"providers/Microsoft.Compute/virtualMachines?api-version={COMPUTE_API}"
        return self._list(ComputeManagementClient, sub, path, "list virtual machines")

    def list_power_states(self, sub: Subscription) -> list[Json]:
        path = (
            f"providers/Microsoft.Compute/virtualMachines?api-version={COMPUTE_API}&statusOnly=true"
        )
        return self._list(ComputeManagementClient, sub, path, "list power states")

    def list_network_interfaces(self, sub: Subscription) -> list[Json]:
        path = f"providers/Microsoft.Network/networkInterfaces?api-version={NETWORK_API}"
        return self._list(NetworkManagementClient, sub, path, "list network interfaces")

    def list_public_ips(self, sub: Subscription) -> list[Json]:
        path = f"providers/Microsoft.Network/publicIPAddresses?api-version={NETWORK_API}"
        return self._list(NetworkManagementClient, sub, path, "list public IP addresses")

    def list_virtual_networks(self, sub: Subscription) -> list[Json]:
        path = f"providers/Microsoft.Network/virtualNetworks?api-version={NETWORK_API}"
        return self._list(NetworkManagementClient, sub, path, "list virtual networks")

    def list_classic_vms(self, sub: Subscription) -> list[Json]:
        """Classic VMs through the generic resource list, which never registers a provider."""
        path = f"resources?api-version={RESOURCES_API}&$filter=resourceType eq '{CLASSIC_VM_TYPE}'"
        return self._list(ComputeManagementClient, sub, path, "list classic virtual machines")

    def list_jit_policies(self, sub: Subscription) -> list[JitPolicy]:
        client = self._client(SecurityCenter, sub)
        items = self._call(
            "list JIT policies",
            lambda: [
                p.serialize(keep_readonly=True) for p in client.jit_network_access_policies.list()
            ],
        )
        return [adapters.policy_from_json(p) for p in items]

    def defender_plan(self, sub: Subscription) -> PlanStatus:
        client = self._client(SecurityCenter, sub)
        pricing = self._call(
            "read Defender plan",
            lambda: client.pricings.get(
                scope_id=f"subscriptions/{sub.subscription_id}", pricing_name="VirtualMachines"
            ).serialize(keep_readonly=True),
        )
        return adapters.plan_from_json(pricing)
