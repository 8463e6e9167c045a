"""Helpers shared by the emulator tests: demo-seed facts, tokens, an HTTPS client and a
validator built from Microsoft's swagger files."""

from __future__ import annotations

import base64
import copy
import http.client
import json
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from jitdesk.emulator import Emulator

NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)

# Facts of the built-in demo seed that tests rely on.
TENANT_CONTOSO = "449444ff-07cb-44b8-9941-0af3333c92f7"
TENANT_FABRIKAM = "7fb8f7e7-35d2-4644-8ab0-7f6f555e0826"
SUB_PROD = "f3f0d89d-f6a9-45dc-a23f-dadaf88f8bd9"
SUB_DEV = "f0a1de0c-5fff-4d36-9a8c-1cd2cd9b329e"
SUB_PLANT = "6bb41544-3ae5-4612-94b9-f394457f8237"
SUB_CORP = "821c6ebb-2497-4d0b-a544-831c48af33e8"
USER = "alex.morgan@contoso.example"
USER_OID = "da5bc224-3a2e-4c8c-afd8-f181e081fa9c"
USER_GUEST_OID = "3548ac58-e299-4120-aa4b-335c2c7997ec"

JIT = "api-version=2020-01-01"
ARM = "api-version=2022-12-01"
COMPUTE = "api-version=2024-11-01"
NETWORK = "api-version=2024-05-01"


def policy_path(group: str, region: str, name: str, sub: str = SUB_PROD) -> str:
    """The path of a JIT policy (no query)."""
    return (
        f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Security/"
        f"locations/{region}/jitNetworkAccessPolicies/{name}"
    )


def vm_id(group: str, name: str, sub: str = SUB_PROD) -> str:
    """The ARM id of a VM."""
    return (
        f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Compute/"
        f"virtualMachines/{name}"
    )


def demo_data() -> dict[str, Any]:
    """The demo seed as a dict, to change before handing it to an Emulator."""
    text = resources.files("jitdesk.emulator").joinpath("seeds/demo.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def deny(data: dict[str, Any], sub: str, action: str, group: str | None = None) -> None:
    """Add a denial of ``action`` for the demo user to subscription ``sub`` of ``data``."""
    for tenant in data["tenants"]:
        for subscription in tenant["subscriptions"]:
            if subscription["id"] == sub:
                denial = {"user": USER, "action": action}
                if group is not None:
                    denial["resource_group"] = group
                subscription.setdefault("denials", []).append(denial)
                return
    raise KeyError(sub)


def make_token(**claims: str) -> str:
    """An unsigned JWT like jitdesk's demo credential sends."""

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(dict(claims))}."


@dataclass
class Answer:
    """One HTTP answer: status, headers (lower-case names) and the parsed JSON body."""

    status: int
    headers: dict[str, str]
    body: Any

    @property
    def error_code(self) -> str:
        return str(self.body["error"]["code"])


class ArmClient:
    """A tiny keep-alive HTTPS client that trusts only the emulator's CA."""

    def __init__(self, emulator: Emulator, token: str | None = "opaque-demo-token") -> None:
        self.token = token
        self.context = ssl.create_default_context(cafile=emulator.ca_bundle)
        self.connection = http.client.HTTPSConnection(
            "127.0.0.1", emulator.port, context=self.context, timeout=10
        )

    def request(
        self,
        method: str,
        target: str,
        *,
        token: str | bool | None = True,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
    ) -> Answer:
        sent = dict(headers or {})
        bearer = self.token if token is True else token
        if bearer:
            sent["Authorization"] = f"Bearer {bearer}"
        self.connection.request(method, target, body=body, headers=sent)
        response = self.connection.getresponse()
        data = response.read()
        parsed = json.loads(data) if data else None
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, parsed)

    def get(self, target: str, **kwargs: Any) -> Answer:
        return self.request("GET", target, **kwargs)

    def send(self, method: str, target: str, body: Any, **kwargs: Any) -> Answer:
        """``method`` with ``body`` as JSON (bytes are sent as they are)."""
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        headers = {"Content-Type": "application/json", **kwargs.pop("headers", {})}
        return self.request(method, target, body=data, headers=headers, **kwargs)

    def pages(self, target: str, **kwargs: Any) -> list[Answer]:
        """Every page of a list, following absolute nextLinks on the same server."""
        answers = [self.get(target, **kwargs)]
        while answers[-1].status == 200 and answers[-1].body.get("nextLink"):
            link = urlsplit(answers[-1].body["nextLink"])
            assert link.scheme == "https" and link.hostname == "127.0.0.1"
            answers.append(self.get(f"{link.path}?{link.query}", **kwargs))
            assert len(answers) < 500, "paging does not end"
        return answers

    def items(self, target: str, **kwargs: Any) -> list[dict[str, Any]]:
        answers = self.pages(target, **kwargs)
        assert all(a.status == 200 for a in answers), [a.body for a in answers]
        return [item for answer in answers for item in answer.body["value"]]

    def close(self) -> None:
        self.connection.close()


JIT_SWAGGER = "security/Microsoft.Security/stable/2020-01-01/jitNetworkAccessPolicies.json"
LOCATIONS_SWAGGER = "security/Microsoft.Security/preview/2015-06-01-preview/locations.json"
COMMON_TYPES = "security/common/v1/types.json"


class SwaggerValidator:
    """Validates bodies against swagger 2.0 definitions, strictly.

    Swagger definitions allow unknown properties; here every definition that is not an
    ``allOf`` parent gets ``unevaluatedProperties: false`` so a misspelt or invented key fails.
    Swagger-only keywords (``x-ms-*``, ``discriminator``) are ignored by JSON Schema 2020-12.
    With ``open_enums`` an enum marked ``x-ms-enum.modelAsString`` accepts any string, as the
    SDK does (Microsoft's own initiate example answers ``status: Initiating``).
    """

    def __init__(self, specs: Path) -> None:
        documents = {
            rel: json.loads((specs / rel).read_text(encoding="utf-8"))
            for rel in (JIT_SWAGGER, LOCATIONS_SWAGGER, COMMON_TYPES)
        }
        parents = set()
        for document in documents.values():
            for definition in document.get("definitions", {}).values():
                for part in definition.get("allOf", []):
                    parents.add(part["$ref"].rsplit("/", 1)[-1])
        self.uris = {rel: (specs / rel).resolve().as_uri() for rel in documents}
        self.registry = self._registry(documents, parents, open_enums=False)
        self.open_registry = self._registry(documents, parents, open_enums=True)

    def _registry(
        self, documents: dict[str, Any], parents: set[str], *, open_enums: bool
    ) -> Registry[Any]:
        resources = []
        for rel, document in documents.items():
            strict = copy.deepcopy(document)
            for name, definition in strict.get("definitions", {}).items():
                if name not in parents and "properties" in definition:
                    definition["unevaluatedProperties"] = False
                if open_enums:
                    _open_enums(definition)
            resources.append(
                (self.uris[rel], Resource.from_contents(strict, default_specification=DRAFT202012))
            )
        return Registry().with_resources(resources)

    def errors(
        self, body: Any, swagger: str, definition: str, *, open_enums: bool = False
    ) -> list[str]:
        schema = {"$ref": f"{self.uris[swagger]}#/definitions/{definition}"}
        registry = self.open_registry if open_enums else self.registry
        validator = Draft202012Validator(schema, registry=registry)
        return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]

    def check(self, body: Any, swagger: str, definition: str, *, open_enums: bool = False) -> None:
        problems = self.errors(body, swagger, definition, open_enums=open_enums)
        assert not problems, "\n".join(problems[:10])


def _open_enums(schema: Any) -> None:
    """Drop ``enum`` wherever ``x-ms-enum.modelAsString`` says the list is not closed."""
    if isinstance(schema, dict):
        if schema.get("x-ms-enum", {}).get("modelAsString") and "enum" in schema:
            del schema["enum"]
        for value in schema.values():
            _open_enums(value)
    elif isinstance(schema, list):
        for value in schema:
            _open_enums(value)
