"""What-if results in the format of ``az deployment group what-if``: pure functions returning strings."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# change type -> (symbol, colour, order, summary phrase); order as az sorts them
CHANGE_TYPES: dict[str, tuple[str, str, int, str]] = {
    "Delete": ("-", "orange_red1", 0, "to delete"),
    "Create": ("+", "green", 1, "to create"),
    "Deploy": ("!", "blue", 2, "to deploy"),
    "Modify": ("~", "magenta", 3, "to modify"),
    "NoChange": ("=", "bright_black", 4, "no change"),
    "Unsupported": ("x", "bright_black", 5, "unsupported"),
    "Ignore": ("*", "bright_black", 6, "to ignore"),
}
PROPERTY_CHANGES: dict[str, tuple[str, str]] = {
    "Create": ("+", "green"), "Delete": ("-", "orange_red1"), "Modify": ("~", "magenta"),
    "Array": ("~", "magenta"), "NoEffect": ("x", "bright_black"),
}
LEGEND_NAMES = {"NoChange": "Nochange"}


@dataclass
class PropertyChange:
    path: str
    change_type: str
    before: Any = None
    after: Any = None
    children: list[PropertyChange] = field(default_factory=list)


@dataclass
class ResourceChange:
    resource_id: str
    change_type: str
    api_version: str = ""
    delta: list[PropertyChange] = field(default_factory=list)
    unsupported_reason: str = ""
    recreate: list[str] = field(default_factory=list)  # create-only properties this change would alter

    @property
    def scope(self) -> str:
        head, sep, _ = self.resource_id.partition("/providers/")
        return head if sep else self.resource_id

    @property
    def relative(self) -> str:
        _, sep, tail = self.resource_id.partition("/providers/")
        return tail if sep else self.resource_id  # Provider/type/name[/type/name...]


def from_sdk(result: Any) -> list[ResourceChange]:
    """Our dataclasses from an SDK WhatIfOperationResult (or its as_dict())."""
    data = result.as_dict() if hasattr(result, "as_dict") else result
    changes = data.get("changes") or (data.get("properties") or {}).get("changes") or []
    return [ResourceChange(
        resource_id=c.get("resource_id") or c.get("resourceId") or "",
        change_type=c.get("change_type") or c.get("changeType") or "Unsupported",
        api_version=((c.get("after") or c.get("before") or {}).get("apiVersion", "")),
        delta=[_prop(d) for d in (c.get("delta") or [])],
        unsupported_reason=c.get("unsupported_reason") or c.get("unsupportedReason") or "",
    ) for c in changes]


def _prop(d: dict) -> PropertyChange:
    return PropertyChange(
        path=d.get("path", ""),
        change_type=d.get("property_change_type") or d.get("propertyChangeType") or "Modify",
        before=d.get("before"), after=d.get("after"),
        children=[_prop(c) for c in d.get("children") or []],
    )


def _value(v: Any) -> str:
    return json.dumps(v) if not isinstance(v, dict | list) else json.dumps(v, sort_keys=True)


def _paint(text: str, colour: str, color: bool) -> str:
    return f"[{colour}]{text}[/{colour}]" if color else text


def _property_lines(p: PropertyChange, indent: int, color: bool) -> list[str]:
    symbol, colour = PROPERTY_CHANGES.get(p.change_type, ("~", "magenta"))
    pad = " " * indent
    head = f"{pad}{_paint(symbol, colour, color)} {p.path}"
    if p.change_type == "Modify":
        return [f"{head}: {_value(p.before)} => {_value(p.after)}"]
    if p.change_type == "Create":
        return [f"{head}: {_value(p.after)}"]
    if p.change_type == "Delete":
        return [f"{head}: {_value(p.before)}"]
    if p.change_type == "Array":
        lines = [f"{head}: ["]
        for child in p.children:
            lines += _property_lines(child, indent + 2, color)
        return [*lines, f"{pad}  ]"]
    return [f"{head}: {_value(p.after if p.after is not None else p.before)}"]


def sort_changes(changes: list[ResourceChange]) -> list[ResourceChange]:
    return sorted(changes, key=lambda c: (c.scope.lower(), CHANGE_TYPES.get(c.change_type, ("", "", 9))[2],
                                          c.resource_id.lower()))


def legend(change_types: set[str], color: bool = False) -> str:
    """The symbols of the change types used, as az prints them before the changes."""
    used = sorted((t for t in change_types if t in CHANGE_TYPES), key=lambda t: CHANGE_TYPES[t][2])
    lines = ["Resource and property changes are indicated with these symbols:"]
    for t in used:
        symbol, colour, _, _ = CHANGE_TYPES[t]
        lines.append(f"  {_paint(symbol, colour, color)} {LEGEND_NAMES.get(t, t)}")
    return "\n".join(lines)


def format_text(changes: list[ResourceChange], color: bool = False, exclude: frozenset[str] = frozenset(),
                with_legend: bool = True, with_summary: bool = True) -> str:
    """The az-style report: legend, one block per scope, property deltas, summary line (an environment's
    report prints the legend and the totals once: ``with_legend``/``with_summary`` off)."""
    shown = [c for c in changes if c.change_type not in exclude]
    if not shown:
        hidden = f" ({len(changes)} hidden by --exclude-change-types)" if changes else ""
        return f"No resource changes to show{hidden}.\n"
    lines = [legend({c.change_type for c in shown}, color), ""] if with_legend else []
    lines += ["The deployment will update the following scope:" if len({c.scope for c in shown}) <= 1
              else "The deployment will update the following scopes:"]
    scope = None
    for c in sort_changes(shown):
        if c.scope != scope:
            scope = c.scope
            lines += ["", f"Scope: {scope}", ""]
        symbol, colour, _, _ = CHANGE_TYPES.get(c.change_type, ("x", "bright_black", 9, ""))
        version = f" [{c.api_version}]" if c.api_version else ""
        recreate = f" {_paint('! requires re-create', 'red', color)} ({', '.join(c.recreate)})" if c.recreate else ""
        lines.append(f"  {_paint(symbol, colour, color)} {c.relative}{version}{recreate}")
        if c.unsupported_reason:
            lines.append(f"    {c.unsupported_reason}")
        for p in c.delta:
            lines += _property_lines(p, 4, color)
        if c.delta:
            lines.append("")
    if with_summary:
        lines += ["", summary(shown)]
    return "\n".join(lines).rstrip("\n") + "\n"


def summary(changes: list[ResourceChange]) -> str:
    counts = Counter(c.change_type for c in changes)
    parts = [f"{counts[t]} {CHANGE_TYPES[t][3]}" for t in sorted(counts, key=lambda t: CHANGE_TYPES.get(
        t, ("", "", 9))[2]) if t in CHANGE_TYPES]
    return "Resource changes: " + (", ".join(parts) if parts else "no change") + "."


def has_changes(changes: list[ResourceChange]) -> bool:
    """True when anything would be created, deleted, modified or deployed."""
    return any(c.change_type in ("Create", "Delete", "Modify", "Deploy") for c in changes)


def to_json(changes: list[ResourceChange]) -> list[dict]:
    def prop(p: PropertyChange) -> dict:
        return {"path": p.path, "propertyChangeType": p.change_type, "before": p.before, "after": p.after,
                "children": [prop(c) for c in p.children]}
    return [{"resourceId": c.resource_id, "changeType": c.change_type, "apiVersion": c.api_version,
             "delta": [prop(p) for p in c.delta], "unsupportedReason": c.unsupported_reason or None,
             "requiresRecreate": c.recreate}
            for c in sort_changes(changes)]
