"""The raw ARM client: paging stays on the endpoint the token is meant for."""

from __future__ import annotations

import pytest

from jitdesk.cloud.arm import ArmClient
from jitdesk.cloud.credentials import DemoCredential
from jitdesk.domain.model import Account


def _client(pages: dict[str, dict]) -> ArmClient:
    client = ArmClient(
        DemoCredential(Account("a@b.example", "t")),
        "https://127.0.0.1:8443",
        "https://management.azure.com/.default",
        "jitdesk-test",
    )
    client.get = lambda url: pages[url]  # type: ignore[method-assign]
    return client


def test_relative_and_same_host_next_links_are_followed():
    client = _client(
        {
            "/a": {"value": [1], "nextLink": "https://127.0.0.1:8443/b"},
            "https://127.0.0.1:8443/b": {"value": [2], "nextLink": "/c"},
            "/c": {"value": [3]},
        }
    )
    assert list(client.pages("/a")) == [1, 2, 3]
    client.close()


def test_a_next_link_to_another_host_is_refused_before_the_token_goes_there():
    client = _client({"/a": {"value": [1], "nextLink": "https://127.0.0.2:8443/b"}})
    with pytest.raises(ValueError, match="leaves"):
        list(client.pages("/a"))
    client.close()
