"""Errors the core raises, in domain words.

The cloud layer turns azure-core exceptions into these; the UI and the command line turn these
into sentences (see :mod:`jitdesk.domain.explain`). Each keeps what a support ticket needs: the
HTTP status, the ARM error code and message, and the request and correlation ids.
"""

from __future__ import annotations

from dataclasses import dataclass


class JitdeskError(Exception):
    """Base class of every error jitdesk raises on purpose."""


class InvalidResourceId(JitdeskError, ValueError):
    """A string that should be an ARM resource id is not one."""

    def __init__(self, text: str, why: str) -> None:
        super().__init__(f"not an Azure resource id ({why}): {text!r}")
        self.text = text
        self.why = why


@dataclass(frozen=True)
class ServiceDetails:
    """What Azure said, kept for the user and for support tickets."""

    status: int | None = None
    code: str | None = None
    message: str | None = None
    request_id: str | None = None
    correlation_id: str | None = None


class CloudError(JitdeskError):
    """An Azure call failed. Subclasses say how."""

    def __init__(self, details: ServiceDetails, operation: str = "") -> None:
        super().__init__(details.message or details.code or type(self).__name__)
        self.details = details
        self.operation = operation

    @property
    def code(self) -> str | None:
        return self.details.code


class PermissionDenied(CloudError):
    """403: the signed-in user lacks an Azure RBAC action (named in :attr:`action` if known)."""

    @property
    def action(self) -> str | None:
        message = self.details.message or ""
        # A linked-authorization message names the action the user has first and the one they
        # lack last; the one that matters follows "does not have authorization".
        marker = "perform action '"
        lacking = message.find("does not have authorization to perform action '")
        start = message.find(marker, lacking) if lacking >= 0 else message.rfind(marker)
        if start < 0:
            return None
        start += len(marker)
        end = message.find("'", start)
        return message[start:end] if end > start else None


class NotFound(CloudError):
    """404: the resource does not exist (``PolicyNotFound`` for JIT: not configured)."""


class InvalidRequest(CloudError):
    """400: Azure refused the input; :attr:`code` says which rule."""


class Conflict(CloudError):
    """409 or 412: someone else changed the resource, or it is in a state that refuses this."""


class Throttled(CloudError):
    """429: too many requests; azure-core has already retried."""


class AuthenticationRequired(CloudError):
    """401, or the credential needs the user to sign in again."""


class ServiceUnavailable(CloudError):
    """5xx: Azure failed; trying again later may help."""


class UnreadableAnswer(CloudError):
    """Azure answered, but with something jitdesk could not make sense of."""


class NetworkError(CloudError):
    """No answer at all: DNS, TCP, TLS or a timeout."""


class EmulatorUnreachable(NetworkError):
    """No jitdesk emulator answers at the URL the user gave."""

    def __init__(self, details: ServiceDetails, operation: str, url: str) -> None:
        super().__init__(details, operation)
        self.url = url
