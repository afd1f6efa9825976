"""Azure RBAC permission semantics for one role definition.

The rules Azure applies (learn.microsoft.com, "Understand Azure role definitions"):

- an operation string is ``{Company}.{Provider}/{resourceType}/.../{action}``; comparison is
  case-insensitive;
- ``*`` in a permission matches any run of characters, ``/`` included, wherever it stands
  (``*``, ``*/read``, ``Microsoft.Storage/*``, ``Microsoft.Storage/*/read``,
  ``Microsoft.Storage/storageAccounts/blob*``);
- ``notActions`` subtract from ``actions`` of the same role (they are not a deny: another role
  may still grant the operation); ``notDataActions`` subtract from ``dataActions``;
- control-plane (``actions``) and data-plane (``dataActions``) permissions are separate: ``*`` in
  ``actions`` grants no data operation, and a data action is never granted by ``actions``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@lru_cache(maxsize=4096)
def _pattern(permission: str) -> re.Pattern[str]:
    parts = (re.escape(p) for p in permission.strip().split("*"))
    return re.compile(".*".join(parts), re.IGNORECASE | re.DOTALL)


def matches(permission: str, operation: str) -> bool:
    """Whether ``permission`` (which may hold ``*`` wildcards) covers ``operation``."""
    return _pattern(permission).fullmatch(operation.strip()) is not None


@dataclass(frozen=True)
class Permission:
    """One ``permissions`` entry of a role definition."""

    actions: tuple[str, ...] = ()
    not_actions: tuple[str, ...] = ()
    data_actions: tuple[str, ...] = ()
    not_data_actions: tuple[str, ...] = ()

    @classmethod
    def of(cls, actions: list[str] | tuple[str, ...] = (), not_actions: list[str] | tuple[str, ...] = (),
           data_actions: list[str] | tuple[str, ...] = (),
           not_data_actions: list[str] | tuple[str, ...] = ()) -> Permission:
        return cls(tuple(actions), tuple(not_actions), tuple(data_actions), tuple(not_data_actions))

    @classmethod
    def from_arm(cls, entry: dict) -> Permission:
        """From an ARM ``permissions`` item (``actions``/``notActions``/``dataActions``/``notDataActions``)."""
        return cls.of(entry.get("actions") or [], entry.get("notActions") or [],
                      entry.get("dataActions") or [], entry.get("notDataActions") or [])


@dataclass(frozen=True)
class Decision:
    """Whether an operation is allowed, and which entries decided it."""

    operation: str
    data: bool
    allowed: bool
    granted_by: list[str] = field(default_factory=list)  # matching actions / dataActions
    excluded_by: list[str] = field(default_factory=list)  # matching notActions / notDataActions

    def explain(self) -> str:
        kind = "dataActions" if self.data else "actions"
        not_kind = "notDataActions" if self.data else "notActions"
        if self.allowed:
            return f"allowed by {kind} {', '.join(repr(g) for g in self.granted_by)}"
        if self.granted_by:
            return (f"granted by {kind} {', '.join(repr(g) for g in self.granted_by)} but removed by "
                    f"{not_kind} {', '.join(repr(x) for x in self.excluded_by)}")
        return f"no {kind} entry matches"


def evaluate(permissions: Permission | list[Permission], operation: str, data: bool = False) -> Decision:
    """Evaluate ``operation`` against a role's permission entries (a union over the entries).

    ``data`` selects the data plane (dataActions/notDataActions) instead of the control plane.
    """
    entries = [permissions] if isinstance(permissions, Permission) else list(permissions)
    granted: list[str] = []
    excluded: list[str] = []
    allowed = False
    for p in entries:
        grants, removes = (p.data_actions, p.not_data_actions) if data else (p.actions, p.not_actions)
        hit = [g for g in grants if matches(g, operation)]
        if not hit:
            continue
        out = [x for x in removes if matches(x, operation)]
        granted += hit
        excluded += out
        allowed = allowed or not out
    return Decision(operation, data, allowed, granted, excluded)
