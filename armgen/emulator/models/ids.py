"""ARM resource ids: parse, build and relate (parent, scope, resource group) case-insensitively."""

from __future__ import annotations

import re
from dataclasses import dataclass

from armgen.emulator.models.errors import bad_request


@dataclass(frozen=True)
class ResourceId:
    """A parsed id. ``scope`` is the id the resource lives under (group, subscription or a resource)."""

    id: str
    subscription: str | None
    resource_group: str | None
    namespace: str
    types: tuple[str, ...]
    names: tuple[str, ...]
    scope: str

    @property
    def type(self) -> str:
        return "/".join((self.namespace, *self.types))

    @property
    def name(self) -> str:
        return "/".join(self.names)

    @property
    def is_extension(self) -> bool:
        """True when the scope is another resource (e.g. a role assignment on a storage account)."""
        return "/providers/" in self.scope.lower()

    @property
    def parent(self) -> str | None:
        """Id of the parent resource for a child resource (``sa/default/c1`` -> ``sa/default``)."""
        if len(self.types) < 2:
            return None
        segs = [f"{t}/{n}" for t, n in zip(self.types[:-1], self.names[:-1], strict=True)]
        return f"{self.scope}/providers/{self.namespace}/" + "/".join(segs)

    @property
    def group_id(self) -> str | None:
        if self.subscription and self.resource_group:
            return f"/subscriptions/{self.subscription}/resourceGroups/{self.resource_group}"
        return None


def parse_resource_id(resource_id: str) -> ResourceId:
    """Parse ``.../providers/Ns/type/name[/type/name...]``; raises 400 InvalidResourceId otherwise."""
    rid = _canonical("/" + resource_id.strip("/"))
    low = rid.lower()
    cut = low.rfind("/providers/")
    if cut < 0:
        raise bad_request("InvalidResourceId", f"The resource id '{resource_id}' is invalid.")
    scope, tail = rid[:cut], rid[cut + len("/providers/"):].split("/")
    if len(tail) < 3 or len(tail) % 2 == 0 or not all(tail):
        raise bad_request("InvalidResourceId", f"The resource id '{resource_id}' is invalid.")
    segs = scope.strip("/").split("/")
    sub = segs[1] if len(segs) >= 2 and segs[0].lower() == "subscriptions" else None
    rg = segs[3] if len(segs) >= 4 and segs[2].lower() == "resourcegroups" else None
    return ResourceId(id=rid, subscription=sub, resource_group=rg, namespace=tail[0],
                      types=tuple(tail[1::2]), names=tuple(tail[2::2]), scope=scope)


def build_resource_id(scope: str, resource_type: str, name: str) -> str:
    """``scope`` + ``providers/Ns/t1/n1/t2/n2`` from a full type and a slash-separated name."""
    parts = resource_type.split("/")
    names = name.split("/")
    if len(parts) - 1 != len(names):
        raise bad_request("InvalidResourceName",
                          f"The resource name '{name}' does not match the type '{resource_type}'.")
    segs = [f"{t}/{n}" for t, n in zip(parts[1:], names, strict=True)]
    return f"{scope.rstrip('/')}/providers/{parts[0]}/" + "/".join(segs)


def _canonical(rid: str) -> str:
    return re.sub(r"^(/subscriptions/[^/]+/)resourcegroups/", r"\1resourceGroups/", rid, flags=re.IGNORECASE)


def group_id(subscription: str, group: str) -> str:
    return f"/subscriptions/{subscription}/resourceGroups/{group}"


def same_id(a: str | None, b: str | None) -> bool:
    return (a or "").strip("/").lower() == (b or "").strip("/").lower()
