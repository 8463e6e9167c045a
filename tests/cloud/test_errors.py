"""azure-core exceptions, built on real HTTP responses, mapped to the domain's errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from azure.core.exceptions import (
    AzureError,
    ClientAuthenticationError,
    HttpResponseError,
    ResourceExistsError,
    ResourceNotFoundError,
    ServiceRequestError,
    ServiceResponseError,
)
from azure.core.pipeline.transport import HttpRequest, RequestsTransportResponse

from jitdesk.cloud.errors import details_of, to_domain_error
from jitdesk.domain.errors import (
    AuthenticationRequired,
    CloudError,
    Conflict,
    InvalidRequest,
    NetworkError,
    NotFound,
    PermissionDenied,
    ServiceDetails,
    ServiceUnavailable,
    Throttled,
)

URL = (
    "https://management.azure.com/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23"
    "/resourceGroups/myRg1/providers/Microsoft.Security/locations/westeurope"
    "/jitNetworkAccessPolicies/default?api-version=2020-01-01"
)
REQUEST_ID = "6f1c1a7e-3d0c-4b8e-9d57-6a1f2f0c9b11"
CORRELATION_ID = "b2e4c8a0-5f3d-4e61-8c7a-0d9e1f2a3b44"
INITIATE = "Microsoft.Security/locations/jitNetworkAccessPolicies/initiate/action"
FORBIDDEN_MESSAGE = (
    "The client 'ann@contoso.com' with object id '1c7e0c9a-0000-4000-8000-000000000001' does "
    f"not have authorization to perform action '{INITIATE}' over scope '/subscriptions/"
    "20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/myRg1' or the scope is invalid. If "
    "access was recently granted, please refresh your credentials."
)
REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    412: "Precondition Failed",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def arm_response(
    status: int,
    code: str | None = None,
    message: str | None = None,
    *,
    body: str | None = None,
    headers: dict[str, str] | None = None,
) -> RequestsTransportResponse:
    """A real azure-core transport response around a real ``requests.Response``."""
    raw = requests.Response()
    raw.status_code = status
    raw.reason = REASONS.get(status, "Unknown")
    raw.url = URL
    raw.encoding = "utf-8"
    if body is None and code is not None:
        body = json.dumps({"error": {"code": code, "message": message}})
    raw._content = (body or "").encode("utf-8")
    raw.headers.update(
        {
            "Content-Type": "application/json; charset=utf-8",
            # ARM's own spelling; azure-core's headers compare without regard to case.
            "x-ms-request-id": REQUEST_ID,
            "X-Ms-Correlation-Request-Id": CORRELATION_ID,
            **(headers or {}),
        }
    )
    return RequestsTransportResponse(HttpRequest("GET", URL), raw)


def sdk_error(
    status: int, code: str | None = None, message: str | None = None, **kwargs: Any
) -> HttpResponseError:
    """The exception the generated SDK raises for ``status`` (its default error map)."""
    response = arm_response(status, code, message, **kwargs)
    error_type = {
        401: ClientAuthenticationError,
        404: ResourceNotFoundError,
        409: ResourceExistsError,
    }.get(status, HttpResponseError)
    return error_type(response=response)


@pytest.mark.parametrize(
    ("status", "code", "expected"),
    [
        (400, "InvalidInitiateInput", InvalidRequest),
        (401, "ExpiredAuthenticationToken", AuthenticationRequired),
        (403, "AuthorizationFailed", PermissionDenied),
        (404, "PolicyNotFound", NotFound),
        (409, "Conflict", Conflict),
        (412, "PreconditionFailed", Conflict),
        (429, "TooManyRequests", Throttled),
        (500, "InternalServerError", ServiceUnavailable),
        (503, "ServiceUnavailable", ServiceUnavailable),
    ],
)
def test_http_errors_map_by_status(status: int, code: str, expected: type[CloudError]) -> None:
    error = to_domain_error(sdk_error(status, code, f"{code} happened"), "initiate")

    assert type(error) is expected
    assert error.details.status == status
    assert error.code == code
    assert error.details.message == f"{code} happened"
    assert str(error) == f"{code} happened"
    assert error.operation == "initiate"


def test_request_and_correlation_ids_are_kept() -> None:
    details = to_domain_error(sdk_error(500, "InternalServerError", "oops")).details

    assert details.request_id == REQUEST_ID
    assert details.correlation_id == CORRELATION_ID


def test_details_without_id_headers_are_none() -> None:
    raw = arm_response(409, "Conflict", "busy")
    del raw.headers["x-ms-request-id"]
    del raw.headers["x-ms-correlation-request-id"]

    details = details_of(ResourceExistsError(response=raw))

    assert details == ServiceDetails(409, "Conflict", "busy", None, None)


def test_forbidden_names_the_missing_action() -> None:
    error = to_domain_error(sdk_error(403, "AuthorizationFailed", FORBIDDEN_MESSAGE), "initiate")

    assert isinstance(error, PermissionDenied)
    assert error.action == INITIATE
    assert error.code == "AuthorizationFailed"
    assert error.details.message == FORBIDDEN_MESSAGE


def test_forbidden_without_an_action_in_the_message() -> None:
    error = to_domain_error(sdk_error(403, "RequestDisallowedByPolicy", "blocked by a policy"))

    assert isinstance(error, PermissionDenied)
    assert error.action is None


def test_linked_authorization_failure_names_the_missing_action() -> None:
    granted = "Microsoft.Security/locations/jitNetworkAccessPolicies/write"
    missing = "Microsoft.Network/networkSecurityGroups/join/action"
    message = (
        "The client 'ann@contoso.com' with object id '1c7e0c9a-0000-4000-8000-000000000001' has "
        f"permission to perform action '{granted}' on scope '/subscriptions/20ff7fc3-e762-44dd-"
        "bd96-b71116dcdc23/resourceGroups/myRg1'; however, it does not have permission to "
        f"perform action '{missing}' on the linked scope(s) '/subscriptions/20ff7fc3-e762-44dd-"
        "bd96-b71116dcdc23/resourceGroups/net/providers/Microsoft.Network/"
        "networkSecurityGroups/nsg' or the linked scope(s) are invalid."
    )

    error = to_domain_error(sdk_error(403, "LinkedAuthorizationFailed", message))

    assert isinstance(error, PermissionDenied)
    assert error.action == missing


def test_policy_not_found_keeps_its_code() -> None:
    message = "Policy 'default' was not found"

    error = to_domain_error(sdk_error(404, "PolicyNotFound", message), "get policy")

    assert isinstance(error, NotFound)
    assert error.code == "PolicyNotFound"
    assert error.details.message == message


@pytest.mark.parametrize(("status", "expected"), [(402, CloudError), (405, CloudError)])
def test_unexpected_status_gives_the_base_error(status: int, expected: type[CloudError]) -> None:
    error = to_domain_error(sdk_error(status, "Odd", "odd"))

    assert type(error) is expected
    assert error.details.status == status


def test_body_that_is_not_json_keeps_the_http_reason() -> None:
    error = to_domain_error(sdk_error(502, body="<html><body>Bad Gateway</body></html>"))

    assert type(error) is ServiceUnavailable
    assert error.code is None
    assert error.details.message == "Bad Gateway"
    assert error.details.request_id == REQUEST_ID


def test_error_body_without_the_error_wrapper_is_read() -> None:
    body = json.dumps({"code": "InvalidInitiateInput", "message": "Only one of fields"})

    error = to_domain_error(sdk_error(400, body=body))

    assert (error.code, error.details.message) == ("InvalidInitiateInput", "Only one of fields")


def test_no_answer_at_all_is_a_network_error() -> None:
    cause = ServiceRequestError("Failed to establish a new connection: [Errno 111] refused")

    error = to_domain_error(cause, "list tenants")

    assert type(error) is NetworkError
    assert error.details.status is None
    assert "refused" in (error.details.message or "")
    assert error.operation == "list tenants"


def test_broken_answer_is_a_network_error() -> None:
    error = to_domain_error(ServiceResponseError("Connection reset by peer"))

    assert type(error) is NetworkError


def test_os_error_is_a_network_error() -> None:
    error = to_domain_error(TimeoutError("timed out"))

    assert type(error) is NetworkError
    assert error.details.message == "timed out"


def test_credential_failure_without_response_needs_sign_in() -> None:
    cause = ClientAuthenticationError("AADSTS700082: The refresh token has expired")

    error = to_domain_error(cause, "list subscriptions")

    assert type(error) is AuthenticationRequired
    assert error.details.status is None
    assert "AADSTS700082" in (error.details.message or "")


def test_other_azure_error_is_a_plain_cloud_error() -> None:
    error = to_domain_error(AzureError("something else"))

    assert type(error) is CloudError
    assert error.details.message == "something else"


def test_domain_errors_pass_through_unchanged() -> None:
    original = Throttled(ServiceDetails(status=429), "list vms")

    assert to_domain_error(original, "other") is original


def test_programming_errors_are_not_swallowed() -> None:
    with pytest.raises(KeyError, match="oops"):
        to_domain_error(KeyError("oops"))


def test_an_answer_that_is_not_json_becomes_an_unreadable_answer() -> None:
    import json as _json

    from jitdesk.domain.errors import UnreadableAnswer

    try:
        _json.loads("<html>captive portal</html>")
    except ValueError as error:
        mapped = to_domain_error(error, "list tenants")
    assert isinstance(mapped, UnreadableAnswer)
    assert mapped.operation == "list tenants"
