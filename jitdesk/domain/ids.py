"""Azure resource ids: parsing and case-insensitive identity.

ARM echoes ids in whatever casing a resource was created with, and different APIs disagree
(the VM list may say ``resourceGroups/RG-WEB`` where a JIT policy says ``resourcegroups/rg-web``).
Every comparison of ids in jitdesk therefore goes through :func:`id_key` or :class:`ResourceId`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jitdesk.domain.errors import InvalidResourceId


def id_key(resource_id: str) -> str:
    """Return the comparison key of an id: lower case, one slash in front, none at the end."""
    return "/" + resource_id.strip().strip("/").lower()


def same_resource(a: str, b: str) -> bool:
    """Tell whether two id strings name the same resource, whatever their casing."""
    return id_key(a) == id_key(b)


@dataclass(frozen=True)
class ResourceId:
    """A parsed ARM resource id.

    ``types`` and ``names`` hold the typed segments after the provider namespace, outermost
    first: for a JIT policy, ``("locations", "jitNetworkAccessPolicies")`` and
    ``("westeurope", "default")``. Equality and hashing ignore case.
    """

    text: str = field(compare=False)
    subscription_id: str = field(compare=False)
    resource_group: str | None = field(compare=False)
    namespace: str | None = field(compare=False)
    types: tuple[str, ...] = field(compare=False)
    names: tuple[str, ...] = field(compare=False)
    key: str = field(repr=False)

    @classmethod
    def parse(cls, text: str) -> ResourceId:
        """Parse ``text``; raise :class:`InvalidResourceId` when it is not an ARM resource id."""
        parts = [p for p in text.strip().split("/") if p]
        if len(parts) < 2 or parts[0].lower() != "subscriptions":
            raise InvalidResourceId(text, "it does not start with /subscriptions/{id}")
        subscription_id = parts[1]
        rest = parts[2:]
        resource_group: str | None = None
        if rest and rest[0].lower() == "resourcegroups":
            if len(rest) < 2:
                raise InvalidResourceId(text, "the resource group name is missing")
            resource_group = rest[1]
            rest = rest[2:]
        namespace: str | None = None
        types: list[str] = []
        names: list[str] = []
        if rest:
            if rest[0].lower() != "providers" or len(rest) < 2:
                raise InvalidResourceId(text, "expected /providers/{namespace} after the scope")
            namespace = rest[1]
            typed = rest[2:]
            if len(typed) % 2:
                raise InvalidResourceId(text, "a resource type has no name")
            types = typed[0::2]
            names = typed[1::2]
        return cls(
            text=text,
            subscription_id=subscription_id,
            resource_group=resource_group,
            namespace=namespace,
            types=tuple(types),
            names=tuple(names),
            key=id_key(text),
        )

    @property
    def name(self) -> str:
        """The last name in the id (the resource's own name), or the group or subscription."""
        if self.names:
            return self.names[-1]
        return self.resource_group or self.subscription_id

    @property
    def resource_type(self) -> str:
        """The full type, e.g. ``Microsoft.Compute/virtualMachines``; empty for a scope id."""
        if self.namespace is None:
            return ""
        return "/".join((self.namespace, *self.types))

    def is_type(self, resource_type: str) -> bool:
        """Tell whether this id is of ``resource_type`` (compared without regard to case)."""
        return self.resource_type.lower() == resource_type.lower()

    def name_of(self, segment_type: str) -> str | None:
        """The name that follows ``segment_type`` (e.g. ``locations``), or None."""
        for t, n in zip(self.types, self.names, strict=True):
            if t.lower() == segment_type.lower():
                return n
        return None

    def __str__(self) -> str:
        return self.text
