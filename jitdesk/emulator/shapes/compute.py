"""Microsoft.Compute and Microsoft.ClassicCompute virtual machine bodies.

Full VMs follow the shape of ``VirtualMachines_ListAll`` (compute api 2025-04-01 and later);
status-only items follow what ``statusOnly=true`` returns (see FACTS §2.2: no example exists
upstream, so id/name/type/location plus ``instanceView.statuses`` are modelled). Classic VMs
have no published schema; their shape here is modelled on the ARM classic-compute resource.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from jitdesk.emulator import arm_ids
from jitdesk.emulator.seed_model import GATE_TAG, REACH_TAG
from jitdesk.emulator.shapes import JsonObject
from jitdesk.emulator.timefmt import format_arm_time
from jitdesk.emulator.world import ClassicVmRecord, VmRecord

VM_TYPE = "Microsoft.Compute/virtualMachines"
CLASSIC_VM_TYPE = "Microsoft.ClassicCompute/virtualMachines"
_POWER_TEXT = {
    "running": "VM running",
    "deallocated": "VM deallocated",
    "stopped": "VM stopped",
    "starting": "VM starting",
    "stopping": "VM stopping",
    "deallocating": "VM deallocating",
}
_CLASSIC_POWER = {
    "ReadyRole": "Started",
    "StoppedDeallocated": "Stopped",
    "StoppedVM": "Stopped",
    "RoleStateUnknown": "Unknown",
}


def _created(record: VmRecord, built_at: datetime) -> datetime:
    """A stable creation time some weeks before the world was built."""
    days = int(arm_ids.stable_guid("created", record.id)[:4], 16) % 400 + 30
    return built_at - timedelta(days=days)


def vm_full(record: VmRecord, built_at: datetime, gate_tag: str | None = None) -> JsonObject:
    """The model view of a VM as a list or get answers it (no instance view).

    ``gate_tag`` is the value of the demo's ``jitdesk-demo-gate`` tag, when it has one.
    """
    vm = record.seed
    publisher, offer, sku, version = vm.image
    os_disk = f"{vm.name}_OsDisk_1_{arm_ids.stable_guid('disk', record.id).replace('-', '')}"
    os_profile: JsonObject = {
        "computerName": vm.name[:15] if vm.os == "Windows" else vm.name,
        "adminUsername": vm.admin_username,
        "secrets": [],
        "allowExtensionOperations": True,
    }
    if vm.os == "Windows":
        os_profile["windowsConfiguration"] = {
            "provisionVMAgent": True,
            "enableAutomaticUpdates": True,
        }
    else:
        os_profile["linuxConfiguration"] = {
            "disablePasswordAuthentication": True,
            "provisionVMAgent": True,
        }
    body: JsonObject = {
        "name": vm.name,
        "id": record.id,
        "type": VM_TYPE,
        "location": vm.region,
        "properties": {
            "vmId": arm_ids.stable_guid("vmId", record.id),
            "hardwareProfile": {"vmSize": vm.size},
            "storageProfile": {
                "imageReference": {
                    "publisher": publisher,
                    "offer": offer,
                    "sku": sku,
                    "version": version,
                },
                "osDisk": {
                    "osType": vm.os,
                    "name": os_disk,
                    "createOption": "FromImage",
                    "caching": "ReadWrite",
                    "managedDisk": {
                        "storageAccountType": "Premium_LRS",
                        "id": arm_ids.resource_id(
                            record.subscription_id,
                            record.resource_group,
                            "Microsoft.Compute/disks",
                            os_disk,
                        ),
                    },
                    "deleteOption": "Delete",
                },
                "dataDisks": [],
            },
            "osProfile": os_profile,
            "networkProfile": {
                "networkInterfaces": [
                    {
                        "id": record.network.nic_id,
                        "properties": {"primary": True, "deleteOption": "Detach"},
                    }
                ]
            },
            "provisioningState": "Succeeded",
            "timeCreated": format_arm_time(_created(record, built_at)),
        },
    }
    tags = dict(vm.tags)
    if vm.reach == "private":
        # ARM has no field for "reached over a site-to-site VPN"; the emulator says it as a tag.
        tags[REACH_TAG] = "private"
    if gate_tag:
        # Nor for "this demo port listens elsewhere"; see gate_plan and SEED.md.
        tags[GATE_TAG] = gate_tag
    if tags:
        body["tags"] = tags
    return body


def vm_statuses(record: VmRecord, built_at: datetime) -> list[JsonObject]:
    """The two instance-view statuses: provisioning state and power state."""
    return [
        {
            "code": "ProvisioningState/succeeded",
            "level": "Info",
            "displayStatus": "Provisioning succeeded",
            "time": format_arm_time(_created(record, built_at)),
        },
        {
            "code": f"PowerState/{record.seed.power}",
            "level": "Info",
            "displayStatus": _POWER_TEXT[record.seed.power],
        },
    ]


def vm_status_only(record: VmRecord, built_at: datetime) -> JsonObject:
    """One item of ``virtualMachines?statusOnly=true``: identity and run-time status only."""
    return {
        "name": record.seed.name,
        "id": record.id,
        "type": VM_TYPE,
        "location": record.seed.region,
        "properties": {
            "vmId": arm_ids.stable_guid("vmId", record.id),
            "instanceView": {"statuses": vm_statuses(record, built_at)},
        },
    }


def classic_vm(record: ClassicVmRecord) -> JsonObject:
    """A classic VM as ``Microsoft.ClassicCompute/virtualMachines`` lists it (modelled)."""
    vm = record.seed
    domain = arm_ids.resource_id(
        record.subscription_id,
        record.resource_group,
        "Microsoft.ClassicCompute/domainNames",
        vm.name,
    )
    return {
        "id": record.id,
        "name": vm.name,
        "type": CLASSIC_VM_TYPE,
        "location": vm.region,
        "properties": {
            "provisioningState": "Succeeded",
            "domainName": {
                "id": domain,
                "name": vm.name,
                "type": "Microsoft.ClassicCompute/domainNames",
            },
            "hardwareProfile": {
                "platformGuestAgent": True,
                "size": vm.size,
                "deploymentName": vm.name,
                "deploymentId": arm_ids.stable_guid("deployment", record.id).replace("-", ""),
                "deploymentLabel": vm.name,
                "deploymentLocked": False,
            },
            "storageProfile": {
                "operatingSystemDisk": {"operatingSystem": vm.os, "ioType": "Standard"}
            },
            "instanceView": {
                "updateDomain": 0,
                "faultDomain": 0,
                "status": vm.status,
                "powerState": _CLASSIC_POWER[vm.status],
                "computerName": vm.name[:15],
                "privateIpAddress": vm.private_ip,
                "publicIpAddresses": list(vm.public_ips),
                "fullyQualifiedDomainName": f"{vm.name}.cloudapp.net",
            },
        },
    }
