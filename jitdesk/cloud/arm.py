"""A raw-JSON client for Azure Resource Manager, built from the SDK's own ARM pipeline.

The listings jitdesk needs (thousands of VMs, NICs, addresses) are read as JSON through
``azure.mgmt.core.ARMPipelineClient`` with the policies every generated management client uses:
request ids, user agent, proxy, redirects, azure-core's retries, ARM's bearer-token challenge
handling and logging that redacts secrets. The body is parsed once, here, so the pipeline's
content-decoding policy is left out too. Skipping the generated models saves most of the CPU
time of a large listing, and not importing ``azure-mgmt-compute`` and ``azure-mgmt-network``
saves 3 s of start-up. The one policy left out on purpose is automatic resource-provider
registration: a reader must never register providers on a customer's subscription.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import requests
import requests.adapters
import requests.utils
from azure.core.credentials import TokenCredential
from azure.core.pipeline import policies
from azure.core.pipeline.transport import RequestsTransport
from azure.core.rest import HttpRequest
from azure.mgmt.core import ARMPipelineClient
from azure.mgmt.core.policies import ARMChallengeAuthenticationPolicy, ARMHttpLoggingPolicy

from jitdesk.cloud.adapters import Json
from jitdesk.cloud.server_time import ServerTimeProbe

POOL_SIZE = 32


class ArmClient:
    """GET and page through ARM resources as JSON. Thread-safe; every call blocks.

    With ``server_time``, every response's ``Date`` header is recorded there.
    """

    def __init__(
        self,
        credential: TokenCredential,
        base_url: str,
        scope: str,
        user_agent: str,
        connect_retries: int = 3,
        server_time: ServerTimeProbe | None = None,
        **transport: Any,
    ) -> None:
        hooks = server_time.hooks() if server_time is not None else {}
        pipeline = [
            policies.RequestIdPolicy(),
            policies.HeadersPolicy(),
            policies.UserAgentPolicy(user_agent=user_agent),
            policies.ProxyPolicy(),
            policies.RedirectPolicy(),
            policies.RetryPolicy(retry_connect=connect_retries),
            ARMChallengeAuthenticationPolicy(credential, scope),
            # Each attempt's Date header goes to the probe (the hook sits inside the retries).
            policies.CustomHookPolicy(**hooks),
            policies.NetworkTraceLoggingPolicy(),
            policies.SensitiveHeaderCleanupPolicy(),
            ARMHttpLoggingPolicy(),
        ]
        # One session per tenant, shared by the worker threads: give it a place per thread.
        session = requests.Session()
        # Every request goes to this one host: decide the proxy once (honouring NO_PROXY)
        # instead of scanning the environment on each call, which costs 0.15 ms a request.
        session.proxies = requests.utils.get_environ_proxies(base_url)
        session.trust_env = False
        # ...and keep what trust_env would have given: a CA bundle named in the environment
        # (corporate TLS inspection); an explicit connection_verify still wins.
        bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        if bundle:
            session.verify = bundle
        adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=POOL_SIZE)
        session.mount("https://", adapter)
        self._base = base_url
        self._client: ARMPipelineClient[Any, Any] = ARMPipelineClient(
            base_url=base_url,
            policies=pipeline,
            transport=RequestsTransport(session=session, session_owner=True, **transport),
        )

    def get(self, url: str) -> Json:
        """GET one resource (``url`` relative to the endpoint, with its api-version)."""
        request = HttpRequest("GET", self._client.format_url(url))
        response = self._client.send_request(request)
        response.raise_for_status()
        body: Json = response.json()
        return body

    def pages(self, url: str) -> Iterator[Json]:
        """Yield every item of a listing, following ``nextLink`` (absolute or relative)."""
        next_url: str | None = url
        while next_url:
            body = self.get(next_url)
            yield from body.get("value", []) or []
            next_url = body.get("nextLink") or None
            if next_url and not self._same_endpoint(next_url):
                # The bearer token goes with every request: never follow a link elsewhere.
                raise ValueError(f"a listing's nextLink leaves {self._base}: {next_url}")

    def _same_endpoint(self, url: str) -> bool:
        target = urlsplit(url)
        if not target.scheme and not target.netloc:
            return True  # relative to the endpoint
        base = urlsplit(self._base)
        return (target.scheme.lower(), target.netloc.lower()) == (
            base.scheme.lower(),
            base.netloc.lower(),
        )

    def close(self) -> None:
        self._client.close()
