"""Turn azure-core exceptions and raw ARM error answers into :mod:`jitdesk.domain.errors`."""

from __future__ import annotations

import json
import logging
from typing import Any

from azure.core.exceptions import (
    AzureError,
    ClientAuthenticationError,
    HttpResponseError,
    ServiceRequestError,
    ServiceResponseError,
)

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
    UnreadableAnswer,
)

logger = logging.getLogger(__name__)

_BY_STATUS: dict[int, type[CloudError]] = {
    400: InvalidRequest,
    401: AuthenticationRequired,
    403: PermissionDenied,
    404: NotFound,
    409: Conflict,
    412: Conflict,
    429: Throttled,
}


def _error_body(response: Any) -> tuple[str | None, str | None]:
    try:
        body = json.loads(response.text())
    except (ValueError, AttributeError, TypeError):
        return None, None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None, None
    return error.get("code"), error.get("message")


def details_of(error: HttpResponseError) -> ServiceDetails:
    """What Azure said in a failed answer: status, ARM code and message, request ids."""
    response = error.response
    code = message = None
    if error.error is not None:
        code, message = error.error.code, error.error.message
    if code is None and response is not None:
        code, message = _error_body(response)
    headers: Any = getattr(response, "headers", None) or {}
    return ServiceDetails(
        status=error.status_code,
        code=code,
        message=message or error.reason,
        request_id=headers.get("x-ms-request-id"),
        correlation_id=headers.get("x-ms-correlation-request-id"),
    )


def to_domain_error(error: Exception, operation: str = "") -> CloudError:
    """Map any exception from an SDK call to a domain error; log the raw one for support."""
    if isinstance(error, CloudError):
        return error
    if isinstance(error, ClientAuthenticationError) and error.response is None:
        return AuthenticationRequired(ServiceDetails(message=str(error)), operation)
    if isinstance(error, HttpResponseError) and error.status_code is not None:
        details = details_of(error)
        status = error.status_code
        cls = _BY_STATUS.get(status, ServiceUnavailable if status >= 500 else CloudError)
        logger.debug(
            "%s failed: %s %s (request id %s)", operation, status, details.code, details.request_id
        )
        return cls(details, operation)
    if isinstance(error, ServiceRequestError | ServiceResponseError):
        return NetworkError(ServiceDetails(message=str(error)), operation)
    if isinstance(error, AzureError):
        return CloudError(ServiceDetails(message=str(error)), operation)
    if isinstance(error, OSError):
        return NetworkError(ServiceDetails(message=str(error)), operation)
    if isinstance(error, ValueError):
        # An answer that is not the JSON ARM sends (a proxy's HTML page, a captive portal).
        logger.warning("%s: unreadable answer: %s", operation, error)
        return UnreadableAnswer(ServiceDetails(message=str(error)), operation)
    raise error
