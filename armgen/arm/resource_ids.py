"""Building and taking apart ARM resource ids."""

from __future__ import annotations

from armgen.arm.errors import ArmError

RESOURCE_GROUPS = "microsoft.resources/resourcegroups"
SUBSCRIPTIONS = "microsoft.resources/subscriptions"


def type_and_name_path(resource_type: str, name: str) -> str:
    """``ns/t1/t2`` + ``n1/n2`` -> ``ns/t1/n1/t2/n2``."""
    types = [t for t in resource_type.split("/") if t]
    names = [n for n in name.split("/")] if name else []
    if len(types) < 2:
        raise ArmError(f"The resource type '{resource_type}' is not a fully qualified type such as "
                       f"'Microsoft.Storage/storageAccounts'.")
    if len(names) != len(types) - 1:
        raise ArmError(f"The resource type '{resource_type}' requires '{max(len(types) - 1, 1)}' resource "
                       f"name segment(s); the name '{name}' has '{len(names)}'.")
    parts = [types[0]]
    for t, n in zip(types[1:], names, strict=True):
        parts += [t, n]
    return "/".join(parts)


def build_id(scope_id: str, resource_type: str, name: str) -> str:
    """Full id of ``type``/``name`` created under ``scope_id`` ("" or "/" for tenant)."""
    scope_id = scope_id.rstrip("/")
    if resource_type.lower() == RESOURCE_GROUPS and scope_id.count("/") == 2 and scope_id.startswith(
            "/subscriptions/"):
        return f"{scope_id}/resourceGroups/{name}"
    if resource_type.lower() == SUBSCRIPTIONS and scope_id == "":
        return f"/subscriptions/{name}"
    return f"{scope_id}/providers/{type_and_name_path(resource_type, name)}"


def parse_id(resource_id: str) -> dict:
    """{"subscription", "resourceGroup", "type", "name", "scope"} of a full id (best effort)."""
    segments = [s for s in resource_id.split("/") if s]
    info: dict = {"subscription": None, "resourceGroup": None, "type": "", "name": "", "scope": ""}
    lower = [s.lower() for s in segments]
    if len(segments) >= 2 and lower[0] == "subscriptions":
        info["subscription"] = segments[1]
    if len(segments) >= 4 and lower[2] == "resourcegroups":
        info["resourceGroup"] = segments[3]
    if "providers" in lower:
        last = len(lower) - 1 - lower[::-1].index("providers")
        rest = segments[last + 1:]
        info["scope"] = "/" + "/".join(segments[:last]) if last else ""
        if rest:
            types, names = [rest[0]], []
            for i in range(1, len(rest), 2):
                types.append(rest[i])
                if i + 1 < len(rest):
                    names.append(rest[i + 1])
            info["type"], info["name"] = "/".join(types), "/".join(names)
    elif info["resourceGroup"] and len(segments) == 4:
        info.update(type="Microsoft.Resources/resourceGroups", name=segments[3],
                    scope=f"/subscriptions/{segments[1]}")
    elif info["subscription"] and len(segments) == 2:
        info.update(type="Microsoft.Resources/subscriptions", name=segments[1])
    return info
