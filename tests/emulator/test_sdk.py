"""The official Azure SDK clients read the emulator as they would read ARM."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from arm_testkit import NOW, SUB_CORP, SUB_PROD, TENANT_CONTOSO, TENANT_FABRIKAM, USER, make_token
from azure.core.credentials import AccessToken
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError
from azure.mgmt.compute import ComputeManagementClient
from azure.mgmt.resource.subscriptions import SubscriptionClient
from azure.mgmt.security import SecurityCenter
from azure.mgmt.security.v2020_01_01 import models

from jitdesk.emulator import Emulator


class DemoCredential:
    """Hands out unsigned demo tokens for one tenant."""

    def __init__(self, tenant: str | None = None) -> None:
        self.tenant = tenant

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        claims = {"upn": USER, "name": "Alex Morgan", "oid": "o-1"}
        if self.tenant:
            claims["tid"] = self.tenant
        return AccessToken(make_token(**claims), int(time.time()) + 3600)


def _options(emulator: Emulator) -> dict[str, Any]:
    return {"base_url": emulator.url, "connection_verify": emulator.ca_bundle, "retry_total": 0}


def test_sdk_lists_tenants_and_the_tokens_subscriptions(emulator: Emulator) -> None:
    client = SubscriptionClient(DemoCredential(TENANT_FABRIKAM), **_options(emulator))

    tenants = [t.tenant_id for t in client.tenants.list()]
    subscriptions = [s.display_name for s in client.subscriptions.list()]

    assert tenants == [TENANT_CONTOSO, TENANT_FABRIKAM]
    assert subscriptions == ["Fabrikam Plant Systems", "Fabrikam Corporate IT"]


def test_sdk_pages_through_jit_policies_and_reads_statuses(emulator: Emulator) -> None:
    emulator.page_size = 1
    client = SecurityCenter(DemoCredential(TENANT_CONTOSO), SUB_PROD, **_options(emulator))

    policies = list(client.jit_network_access_policies.list())

    assert len(policies) == 5
    web = next(p for p in policies if "/resourceGroups/rg-prod-web/" in p.id)
    statuses = {
        (vm.id.rsplit("/", 1)[1], port.number, port.status, port.status_reason)
        for request in web.requests
        for vm in request.virtual_machines
        for port in vm.ports
    }
    assert ("vm-web-01", 22, "Initiated", "UserRequested") in statuses
    assert ("vm-api-02", 3389, "Revoked", "NewerRequestInitiated") in statuses
    assert [r.max_request_access_duration for r in web.virtual_machines[0].ports] == ["PT3H"]


def test_sdk_sees_policy_not_found_and_authorization_failed(emulator: Emulator) -> None:
    prod = SecurityCenter(DemoCredential(TENANT_CONTOSO), SUB_PROD, **_options(emulator))
    corp = SecurityCenter(DemoCredential(TENANT_FABRIKAM), SUB_CORP, **_options(emulator))

    with pytest.raises(ResourceNotFoundError) as missing:
        prod.jit_network_access_policies.get("rg-prod-data", "westeurope", "default")
    with pytest.raises(HttpResponseError) as denied:
        list(corp.jit_network_access_policies.list())

    assert missing.value.error is not None and missing.value.error.code == "PolicyNotFound"
    assert denied.value.status_code == 403
    assert denied.value.error is not None and denied.value.error.code == "AuthorizationFailed"


def test_sdk_reads_power_states_with_status_only(emulator: Emulator) -> None:
    client = ComputeManagementClient(DemoCredential(TENANT_CONTOSO), SUB_PROD, **_options(emulator))

    vms = list(client.virtual_machines.list_all(status_only="true"))

    assert len(vms) == 15
    power = {
        vm.name: [
            s.code for s in vm.properties.instance_view.statuses if s.code.startswith("PowerState/")
        ]
        for vm in vms
    }
    assert power["vm-web-03"] == ["PowerState/deallocated"]
    assert emulator.requests[-1].query["statusOnly"] == "true"


def test_sdk_writes_enable_request_and_disable_jit(emulator: Emulator) -> None:
    client = SecurityCenter(DemoCredential(TENANT_CONTOSO), SUB_PROD, **_options(emulator))
    jit = client.jit_network_access_policies
    vm = (
        f"/subscriptions/{SUB_PROD}/resourceGroups/rg-prod-data/providers/"
        "Microsoft.Compute/virtualMachines/vm-etl-01"
    )
    rule = models.JitNetworkAccessPortRule(
        number=22,
        protocol="TCP",
        allowed_source_address_prefix="*",
        max_request_access_duration="PT3H",
    )
    policy = models.JitNetworkAccessPolicy(
        kind="Basic",
        virtual_machines=[models.JitNetworkAccessPolicyVirtualMachine(id=vm, ports=[rule])],
    )
    port = models.JitNetworkAccessPolicyInitiatePort(
        number=22,
        end_time_utc=NOW + timedelta(hours=1),
        allowed_source_address_prefix="203.0.113.7",
    )
    ask = models.JitNetworkAccessPolicyInitiateRequest(
        virtual_machines=[models.JitNetworkAccessPolicyInitiateVirtualMachine(id=vm, ports=[port])],
        justification="SDK",
    )

    stored = jit.create_or_update("rg-prod-data", "westeurope", "default", policy)
    sent_policy = emulator.requests[-1].body
    request = jit.initiate("rg-prod-data", "westeurope", "default", ask)
    sent_request = emulator.requests[-1].body
    jit.delete("rg-prod-data", "westeurope", "default")

    assert stored.provisioning_state == "Succeeded" and stored.location == "westeurope"
    assert "location" not in sent_policy
    assert sent_policy["properties"]["virtualMachines"][0]["id"] == vm
    assert request.requestor == USER and request.justification == "SDK"
    assert request.virtual_machines[0].ports[0].status == "Initiating"
    assert request.virtual_machines[0].ports[0].end_time_utc == NOW + timedelta(hours=1)
    assert sent_request["virtualMachines"][0]["ports"][0]["endTimeUtc"].startswith(
        "2025-03-14T10:30:00"
    )
    assert [r.status for r in emulator.requests[-3:]] == [200, 202, 200]
    with pytest.raises(ResourceNotFoundError):
        jit.get("rg-prod-data", "westeurope", "default")
