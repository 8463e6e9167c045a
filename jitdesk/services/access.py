"""Requesting access: check, send one initiate per policy, report each outcome."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from jitdesk.cloud.bodies import initiate_body
from jitdesk.domain.access import (
    AccessRequest,
    AccessTarget,
    Problem,
    blocking,
    check_request,
)
from jitdesk.domain.errors import CloudError
from jitdesk.domain.ids import ResourceId
from jitdesk.domain.model import JitRequest, Subscription


class AccessGateway(Protocol):
    def initiate(
        self, sub: Subscription, policy_id: ResourceId, body: dict[str, object]
    ) -> JitRequest: ...


logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PolicyOutcome:
    """What Azure answered for the VMs of one policy."""

    targets: tuple[AccessTarget, ...]
    request: JitRequest | None = None
    error: CloudError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class RequestRefused(Exception):
    """The request breaks a rule of the policy; nothing was sent."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.text.render() for p in problems))
        self.problems = problems


def request_access(
    gateway: AccessGateway,
    subscriptions: dict[str, Subscription],
    request: AccessRequest,
    justification_required: bool = False,
) -> list[PolicyOutcome]:
    """Check ``request`` and send it, one initiate call per policy. Blocks on the network.

    Raises :class:`RequestRefused` before sending anything when a check fails; a failure of one
    policy's call is kept in its outcome and does not stop the others.
    """
    problems = blocking(check_request(request, justification_required))
    if problems:
        raise RequestRefused(problems)
    outcomes: list[PolicyOutcome] = []
    groups: dict[str, list[AccessTarget]] = {}
    for target in request.targets:
        groups.setdefault(target.policy.id.key, []).append(target)
    for targets in groups.values():
        policy = targets[0].policy
        sub = subscriptions[policy.id.subscription_id.lower()]
        body = initiate_body(request, targets)
        try:
            answer = gateway.initiate(sub, policy.id, body)
        except CloudError as error:
            names = ", ".join(t.vm.name for t in targets)
            logger.info("access to %s refused: %s %s", names, error.details.status, error.code)
            outcomes.append(PolicyOutcome(tuple(targets), error=error))
            continue
        for vm in answer.vms:
            ends = ", ".join(f"{p.number} until {p.end_time:%H:%M} UTC" for p in vm.ports)
            logger.info("access to %s requested: %s", vm.vm_id.name, ends)
        outcomes.append(PolicyOutcome(tuple(targets), request=answer))
    return outcomes
