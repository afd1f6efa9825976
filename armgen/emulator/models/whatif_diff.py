"""Property-level what-if deltas (WhatIfPropertyChange): Create, Delete, Modify, Array, NoEffect."""

from __future__ import annotations

from typing import Any

COMPARED_KEYS = ("location", "tags", "sku", "kind", "identity", "zones", "plan", "properties", "extendedLocation")


def comparable(body: dict[str, Any] | None) -> dict[str, Any]:
    """The user-settable part of a resource body (what a template says), normalised for comparison."""
    out = {k: body[k] for k in COMPARED_KEYS if body and body.get(k) is not None}
    if isinstance(out.get("location"), str):
        out["location"] = out["location"].replace(" ", "").lower()
    if isinstance(out.get("identity"), dict):
        out["identity"] = {k: v for k, v in out["identity"].items() if k not in ("principalId", "tenantId")}
    if out.get("properties") == {}:
        del out["properties"]
    return out


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str) and a.startswith("/subscriptions/"):
        return a.lower() == b.lower()  # resource ids compare case-insensitively
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def diff(before: Any, after: Any, path: str = "") -> list[dict[str, Any]]:
    """Changes from ``before`` to ``after``; objects flatten into dotted paths, arrays nest children."""
    if _equal(before, after):
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        out: list[dict[str, Any]] = []
        for key in list(before) + [k for k in after if k not in before]:
            sub = f"{path}.{key}" if path else key
            if key not in after:
                out.append({"path": sub, "propertyChangeType": "Delete", "before": before[key]})
            elif key not in before:
                out.append({"path": sub, "propertyChangeType": "Create", "after": after[key]})
            else:
                out.extend(diff(before[key], after[key], sub))
        return out
    if isinstance(before, list) and isinstance(after, list):
        return [{"path": path, "propertyChangeType": "Array", "children": _array_children(before, after)}]
    return [{"path": path, "propertyChangeType": "Modify", "before": before, "after": after}]


def _array_children(before: list, after: list) -> list[dict[str, Any]]:
    children: list[dict[str, Any]] = []
    for i in range(max(len(before), len(after))):
        if i >= len(after):
            children.append({"path": str(i), "propertyChangeType": "Delete", "before": before[i]})
        elif i >= len(before):
            children.append({"path": str(i), "propertyChangeType": "Create", "after": after[i]})
        elif not _equal(before[i], after[i]):
            if isinstance(before[i], dict) and isinstance(after[i], dict):
                children.append({"path": str(i), "propertyChangeType": "Modify",
                                 "children": diff(before[i], after[i])})
            else:
                children.append({"path": str(i), "propertyChangeType": "Modify",
                                 "before": before[i], "after": after[i]})
    return children
