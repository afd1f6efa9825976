"""Properties Azure refuses to change after creation (``create_only.json``): one table for armgen and its emulator."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from armgen import jsonmarks

_MISSING = object()


@dataclass(frozen=True)
class Rule:
    type: str  # resource type, or "*" for every tracked resource
    path: str  # dotted path in the resource body
    code: str
    status: int
    message: str
    source: str
    default: Any = None
    allow_from: tuple = ()  # earlier values from which a change is still accepted

    def applies_to(self, resource_type: str) -> bool:
        return self.type == "*" or self.type.lower() == resource_type.lower()


@dataclass(frozen=True)
class Violation:
    rule: Rule
    before: Any
    after: Any

    @property
    def path(self) -> str:
        return self.rule.path

    def message(self, name: str, group: str = "") -> str:
        return self.rule.message.format(name=name, group=group, path=self.rule.path,
                                        prop=self.rule.path.rsplit(".", 1)[-1],
                                        before=_text(self.before), after=_text(self.after))


@cache
def rules() -> tuple[Rule, ...]:
    data = jsonmarks.load(Path(__file__).with_name("create_only.json")).data
    return tuple(Rule(r["type"], r["path"], r["code"], r["status"], r["message"], r["source"], r.get("default"),
                      tuple(r.get("allowFrom") or ())) for r in data["rules"])


def rules_for(resource_type: str) -> list[Rule]:
    return [r for r in rules() if r.applies_to(resource_type)]


def _get(body: Any, dotted: str) -> Any:
    value = body
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _norm(path: str, value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(" ", "").lower() if path == "location" else value.lower() \
            if value.startswith("/subscriptions/") else value
    if isinstance(value, dict):
        return {k: _norm(path, v) for k, v in value.items()}
    return value


def violations(resource_type: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[Violation]:
    """The create-only properties that differ between an existing resource's body and a new one."""
    if not before or after is None:
        return []
    out = []
    for rule in rules_for(resource_type):
        old, new = _get(before, rule.path), _get(after, rule.path)
        if new is _MISSING:
            continue  # left out of the new body: Azure keeps the value
        old = rule.default if old is _MISSING else old
        if _norm(rule.path, old) == _norm(rule.path, new) or old in rule.allow_from:
            continue
        if old is None and rule.default is None and rule.path != "location":
            continue  # never set before and no default known: a first setting, not a change
        out.append(Violation(rule, old, new))
    return out


def changed_paths(resource_type: str, paths: list[tuple[str, Any, Any]]) -> list[str]:
    """Which what-if delta entries (path, before, after) change a create-only property of ``resource_type``."""
    out = []
    for rule in rules_for(resource_type):
        for path, before, after in paths:
            if path != rule.path and not path.startswith(rule.path + "."):
                continue
            if after is None and path == rule.path:
                continue  # removed from the template: Azure keeps the value
            old = rule.default if before is None else before
            if old in rule.allow_from or _norm(rule.path, old) == _norm(rule.path, after):
                continue
            if before is None and rule.default is None and rule.path != "location":
                continue
            out.append(rule.path)
            break
    return out


def type_of(resource_id: str) -> str:
    """The resource type of an ARM id (``Microsoft.Resources/resourceGroups`` for a group)."""
    _, sep, tail = resource_id.rpartition("/providers/")
    if not sep:
        return "Microsoft.Resources/resourceGroups" if "/resourcegroups/" in resource_id.lower() else ""
    parts = tail.strip("/").split("/")
    return "/".join([parts[0], *parts[1::2]])
