"""Enabling, editing and removing JIT, read-modify-write against the policy Azure has now."""

from __future__ import annotations

import logging
import threading
from typing import Protocol

from jitdesk.domain.access import Problem
from jitdesk.domain.ids import ResourceId
from jitdesk.domain.model import JitPolicy, PolicyVm, Subscription
from jitdesk.domain.policy_edit import check_rules, merge

logger = logging.getLogger(__name__)


class PolicyGateway(Protocol):
    def get_policy(self, sub: Subscription, policy_id: ResourceId) -> JitPolicy | None: ...
    def put_policy(
        self, sub: Subscription, policy_id: ResourceId, vms: list[PolicyVm], kind: str = "Basic"
    ) -> JitPolicy: ...
    def delete_policy(self, sub: Subscription, policy_id: ResourceId) -> None: ...


class InvalidRules(Exception):
    """The rules break what Azure accepts; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.text.render() for p in problems))
        self.problems = problems


def save_vms(
    gateway: PolicyGateway,
    sub: Subscription,
    policy_id: ResourceId,
    seen: dict[str, PolicyVm | None],
    changes: dict[str, PolicyVm | None],
) -> JitPolicy | None:
    """Apply ``changes`` (new rules per VM id key, None to remove JIT) to the policy.

    Re-reads the policy first, keeps its other VMs, and raises
    :class:`jitdesk.domain.policy_edit.ChangedMeanwhile` when one of the edited VMs no longer
    has the rules in ``seen``. Deletes the policy when no VM is left. Blocks on the network.
    """
    problems = [p for vm in changes.values() if vm is not None for p in check_rules(vm.ports)]
    if problems:
        raise InvalidRules(problems)
    # A PUT replaces the policy's whole VM list: two saves of one policy at once would each
    # write back only their own VMs. One at a time, each reading what the other wrote.
    with _policy_lock(policy_id):
        return _save(gateway, sub, policy_id, seen, changes)


_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _policy_lock(policy_id: ResourceId) -> threading.Lock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(policy_id.key, threading.Lock())


def _save(
    gateway: PolicyGateway,
    sub: Subscription,
    policy_id: ResourceId,
    seen: dict[str, PolicyVm | None],
    changes: dict[str, PolicyVm | None],
) -> JitPolicy | None:
    current = gateway.get_policy(sub, policy_id)
    vms = merge(current, seen, changes)
    if not vms:
        if current is not None:
            gateway.delete_policy(sub, policy_id)
        return None
    return gateway.put_policy(sub, policy_id, vms, current.kind if current else "Basic")
