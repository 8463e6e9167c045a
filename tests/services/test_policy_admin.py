"""Saving JIT settings: one write at a time per policy, since a PUT replaces the VM list."""

from __future__ import annotations

import threading
from datetime import timedelta

from jitdesk.domain.ids import ResourceId
from jitdesk.domain.model import JitPolicy, PolicyVm, PortRule, Protocol, Subscription
from jitdesk.services.policy_admin import save_vms

SUB = Subscription("aaaaaaaa-0000-4000-8000-000000000001", "Prod", "t")
POLICY = ResourceId.parse(
    f"/subscriptions/{SUB.subscription_id}/resourceGroups/rg/providers/Microsoft.Security/"
    "locations/westeurope/jitNetworkAccessPolicies/default"
)
RULES = (PortRule(22, Protocol.TCP, ("*",), timedelta(hours=1)),)


def _vm(name: str) -> ResourceId:
    return ResourceId.parse(
        f"/subscriptions/{SUB.subscription_id}/resourceGroups/rg/providers/"
        f"Microsoft.Compute/virtualMachines/{name}"
    )


class RacingGateway:
    """Holds each reader in get_policy until a second reader arrives (or 0.5 s pass), so two
    unserialised saves would both read the old list and the second PUT would drop a VM."""

    def __init__(self) -> None:
        self.policy: JitPolicy | None = None
        self.readers = 0
        self.lock = threading.Lock()
        self.both_reading = threading.Event()

    def get_policy(self, sub, policy_id):
        with self.lock:
            self.readers += 1
            if self.readers == 2:
                self.both_reading.set()
        self.both_reading.wait(0.5)
        with self.lock:
            self.readers -= 1
        return self.policy

    def put_policy(self, sub, policy_id, vms, kind="Basic"):
        self.policy = JitPolicy(policy_id, tuple(vms))
        return self.policy

    def delete_policy(self, sub, policy_id):
        self.policy = None


def test_two_saves_of_one_policy_at_once_keep_both_vms():
    gateway = RacingGateway()
    names = ("vm-a", "vm-b")

    def enable(name: str) -> None:
        vm = _vm(name)
        save_vms(gateway, SUB, POLICY, {vm.key: None}, {vm.key: PolicyVm(vm, RULES)})

    threads = [threading.Thread(target=enable, args=(n,)) for n in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert gateway.policy is not None
    assert sorted(vm.vm_id.name for vm in gateway.policy.vms) == ["vm-a", "vm-b"]
    assert not gateway.both_reading.is_set()  # the second read waited for the first save
