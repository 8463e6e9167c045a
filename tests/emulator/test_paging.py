"""Paging: every list splits into nextLink-linked pages that return each item exactly once."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from arm_testkit import ARM, COMPUTE, JIT, NETWORK, SUB_DEV, SUB_PROD, ArmClient

from jitdesk.emulator import Emulator

LISTS = [
    f"/tenants?{ARM}",
    f"/subscriptions?{ARM}",
    f"/subscriptions/{SUB_PROD}/providers/Microsoft.Compute/virtualMachines?{COMPUTE}",
    f"/subscriptions/{SUB_PROD}/providers/Microsoft.Compute/virtualMachines"
    f"?{COMPUTE}&statusOnly=true",
    f"/subscriptions/{SUB_PROD}/resourceGroups/rg-prod-web/providers/Microsoft.Compute/"
    f"virtualMachines?{COMPUTE}",
    f"/subscriptions/{SUB_PROD}/providers/Microsoft.ClassicCompute/virtualMachines"
    "?api-version=2017-04-01",
    f"/subscriptions/{SUB_PROD}/providers/Microsoft.Network/networkInterfaces?{NETWORK}",
    f"/subscriptions/{SUB_PROD}/providers/Microsoft.Network/publicIPAddresses?{NETWORK}",
    f"/subscriptions/{SUB_PROD}/providers/Microsoft.Network/virtualNetworks?{NETWORK}",
    f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/locations"
    "?api-version=2015-06-01-preview",
    f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/jitNetworkAccessPolicies?{JIT}",
    f"/subscriptions/{SUB_PROD}/providers/Microsoft.Security/locations/westeurope/"
    f"jitNetworkAccessPolicies?{JIT}",
    f"/subscriptions/{SUB_PROD}/resourceGroups/rg-prod-web/providers/Microsoft.Security/"
    f"jitNetworkAccessPolicies?{JIT}",
    f"/subscriptions/{SUB_PROD}/resourceGroups/rg-prod-web/providers/Microsoft.Security/"
    f"locations/westeurope/jitNetworkAccessPolicies?{JIT}",
]


@pytest.mark.parametrize("target", LISTS)
def test_page_size_one_returns_every_item_once_in_the_same_order(
    arm: ArmClient, emulator: Emulator, target: str
) -> None:
    whole = arm.get(target)
    assert whole.status == 200 and "nextLink" not in whole.body
    expected = [item["id"] for item in whole.body["value"]]

    emulator.page_size = 1
    pages = arm.pages(target)

    assert [len(p.body["value"]) for p in pages] == [1] * len(expected)
    assert [item["id"] for p in pages for item in p.body["value"]] == expected
    assert "nextLink" not in pages[-1].body


def test_next_links_are_absolute_and_keep_the_query(arm: ArmClient, emulator: Emulator) -> None:
    emulator.page_size = 4

    first = arm.get(
        f"/subscriptions/{SUB_PROD}/providers/Microsoft.Compute/virtualMachines"
        f"?{COMPUTE}&statusOnly=true"
    )

    link = urlsplit(first.body["nextLink"])
    assert f"{link.scheme}://{link.netloc}" == emulator.url
    query = parse_qs(link.query)
    assert query["statusOnly"] == ["true"] and query["api-version"] == ["2024-11-01"]
    assert "$skiptoken" in query
    second = arm.get(f"{link.path}?{link.query}")
    assert all("instanceView" in vm["properties"] for vm in second.body["value"])


def test_empty_pages_come_first_and_change_nothing_else(arm: ArmClient, emulator: Emulator) -> None:
    target = f"/subscriptions/{SUB_PROD}/providers/Microsoft.Network/virtualNetworks?{NETWORK}"
    expected = [item["id"] for item in arm.get(target).body["value"]]
    emulator.page_size = 2
    emulator.faults.empty_pages = True

    pages = arm.pages(target)

    assert pages[0].body["value"] == [] and "nextLink" in pages[0].body
    assert [item["id"] for p in pages for item in p.body["value"]] == expected


def test_an_empty_list_is_an_empty_value(arm: ArmClient) -> None:
    answer = arm.get(
        f"/subscriptions/{SUB_DEV}/providers/Microsoft.Security/jitNetworkAccessPolicies?{JIT}"
    )

    assert answer.status == 200
    assert answer.body == {"value": []}


def test_a_forged_skip_token_is_refused(arm: ArmClient) -> None:
    answer = arm.get(f"/subscriptions?{ARM}&$skiptoken=not-ours")

    assert answer.status == 400
    assert answer.error_code == "InvalidSkipToken"
    assert "retry-after" not in answer.headers


def test_page_size_can_change_while_serving(arm: ArmClient, emulator: Emulator) -> None:
    target = f"/subscriptions/{SUB_PROD}/providers/Microsoft.Compute/virtualMachines?{COMPUTE}"
    total = len(arm.get(target).body["value"])

    emulator.page_size = 5
    five = arm.pages(target)
    emulator.page_size = None
    default = arm.pages(target)

    assert len(five) == -(-total // 5)
    assert len(default) == 1
    with pytest.raises(ValueError, match="at least 1"):
        emulator.page_size = 0
