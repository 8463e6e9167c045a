"""ARM error answers: ``{"error": {"code": ..., "message": ...}}`` with an HTTP status.

Codes and messages follow what ARM and the resource providers send (see FACTS §1.5). Where no
public source gives the exact wording, the message is marked "(emulator wording)" in a comment.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ArmError(Exception):
    """Raised by handlers to answer with an ARM error body."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        """The JSON body ARM sends for this error."""
        return {"error": {"code": self.code, "message": self.message}}


def _challenge(authority: str, description: str) -> dict[str, str]:
    """The ``WWW-Authenticate`` header ARM puts on a 401 (no ``claims``: nothing to retry)."""
    value = (
        f'Bearer authorization_uri="{authority}", error="invalid_token", '
        f'error_description="{description}"'
    )
    return {"WWW-Authenticate": value}


_COMMON = "https://login.microsoftonline.com/common"


def missing_authorization() -> ArmError:
    return ArmError(
        401,
        "AuthenticationFailed",
        "Authentication failed. The 'Authorization' header is missing.",
        _challenge(_COMMON, "The authentication failed because of missing 'Authorization' header."),
    )


def malformed_authorization() -> ArmError:
    return ArmError(
        401,
        "AuthenticationFailed",
        "Authentication failed. The 'Authorization' header is provided in an invalid format.",
        _challenge(_COMMON, "The authentication failed because of invalid 'Authorization' header."),
    )


def wrong_tenant(token_tenant: str, subscription_tenant: str) -> ArmError:
    """A token issued by one tenant used on a subscription of another."""
    authority = f"https://login.windows.net/{subscription_tenant}"
    return ArmError(
        401,
        "InvalidAuthenticationTokenTenant",
        f"The access token is from the wrong issuer 'https://sts.windows.net/{token_tenant}/'. "
        f"It must match the tenant 'https://sts.windows.net/{subscription_tenant}/' associated "
        f"with this subscription. Please use the authority (URL) '{authority}' to get the token.",
        _challenge(authority, "The access token is from the wrong issuer."),
    )


def missing_api_version() -> ArmError:
    return ArmError(
        400,
        "MissingApiVersionParameter",
        "The api-version query parameter (?api-version=) is required for all requests.",
    )


def subscription_not_found(sub: str) -> ArmError:
    return ArmError(404, "SubscriptionNotFound", f"The subscription '{sub}' could not be found.")


def resource_group_not_found(group: str) -> ArmError:
    return ArmError(404, "ResourceGroupNotFound", f"Resource group '{group}' could not be found.")


def resource_not_found(provider_type: str, name: str, group: str) -> ArmError:
    return ArmError(
        404,
        "ResourceNotFound",
        f"The Resource '{provider_type}/{name}' under resource group '{group}' was not found. "
        "For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    )


def policy_not_found(name: str, group: str, region: str) -> ArmError:
    # (emulator wording) the code is the service's; no public source quotes its message.
    return ArmError(
        404,
        "PolicyNotFound",
        f"Just-in-time network access policy '{name}' was not found in resource group "
        f"'{group}' at location '{region}'.",
    )


def location_not_found(region: str) -> ArmError:
    # (emulator wording) the service's answer for a non-home ASC location is not documented.
    return ArmError(
        404,
        "LocationNotFound",
        f"The location '{region}' is not the security data location of this subscription.",
    )


def unknown_route(path: str, api_version: str) -> ArmError:
    """An answer for paths this emulator (and usually ARM) does not serve."""
    parts = [p for p in path.split("/") if p]
    lowered = [p.lower() for p in parts]
    if "providers" in lowered:
        index = len(lowered) - 1 - lowered[::-1].index("providers")
        if index + 2 <= len(parts) - 1:
            namespace, resource_type = parts[index + 1], parts[index + 2]
            return ArmError(
                404,
                "InvalidResourceType",
                f"The resource type '{resource_type}' could not be found in the namespace "
                f"'{namespace}' for api version '{api_version}'.",
            )
    return ArmError(404, "NotFound", f"The requested path '{path}' was not found.")


def method_not_allowed(method: str, path: str) -> ArmError:
    # (emulator wording) for methods no route serves, such as PATCH on a JIT policy.
    return ArmError(
        405,
        "MethodNotAllowed",
        f"The HTTP method '{method}' is not supported for '{path}'.",
    )


def authorization_failed(upn: str, object_id: str, action: str, scope: str) -> ArmError:
    return ArmError(
        403,
        "AuthorizationFailed",
        f"The client '{upn}' with object id '{object_id}' does not have authorization to "
        f"perform action '{action}' over scope '{scope}' or the scope is invalid. If access "
        "was recently granted, please refresh your credentials.",
    )


def bad_request(code: str, message: str) -> ArmError:
    return ArmError(400, code, message)
