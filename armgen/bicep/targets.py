"""Resource symbols of one Bicep file: declared resources and the ``existing`` ones references need."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from armgen.arm.ast import Call, Literal, Node
from armgen.bicep.canonical import format_parts, join_parts, key_text
from armgen.bicep.syntax import camel, is_identifier, singular

RESOURCE_TYPE = re.compile(r"^[A-Za-z][\w.]*\.[\w]+/[\w/]+$")
CURRENT: tuple = ()
SUBSCRIPTION: tuple = ("subscription",)


def type_segments(rtype: str) -> list[str]:
    """``Microsoft.Storage/storageAccounts/blobServices`` -> ``['storageAccounts', 'blobServices']``."""
    return rtype.split("/")[1:]


def name_segments(node: Node) -> list[Node] | None:
    """A resource name split at '/', one node per segment; None when it cannot be split."""
    if isinstance(node, Literal) and isinstance(node.value, str):
        parts: list[str | Node] = [node.value]
    else:
        parts = format_parts(node) or [node]
    segments: list[list[str | Node]] = [[]]
    for part in parts:
        if isinstance(part, str):
            pieces = part.split("/")
            segments[-1].append(pieces[0])
            for piece in pieces[1:]:
                segments.append([piece])
        else:
            segments[-1].append(part)
    return [join_parts(s) for s in segments]


def mentions_loop(node: Node) -> bool:
    """True when ``node`` calls copyIndex() or lambdaVariables() (its value changes per iteration)."""
    if isinstance(node, Call):
        return node.name.lower() in ("copyindex", "lambdavariables") or any(mentions_loop(a) for a in node.args)
    if isinstance(node, Literal):
        return False
    return mentions_loop(node.target) or (hasattr(node, "index") and mentions_loop(node.index))


@dataclass
class Target:
    """One resource a Bicep file can name by symbol."""

    symbol: str
    type: str
    segments: list[Node]
    scope: tuple  # CURRENT, SUBSCRIPTION, ("rg", node) or ("subrg", sub_node, rg_node)
    api: str | None
    existing: bool
    loop: bool = False
    parent: Target | None = None
    copy_name: str | None = None
    used: bool = False
    loop_count: str | None = None  # key of a loop resource's copy count (which array it iterates)

    @property
    def key(self) -> tuple:
        return (self.type.lower(), tuple(key_text(s) for s in self.segments),
                tuple(key_text(s) if not isinstance(s, str) else s for s in self.scope))


@dataclass
class Targets:
    """The symbol table: names taken by parameters, variables, loop variables and resources."""

    taken: set[str] = field(default_factory=set)
    items: list[Target] = field(default_factory=list)

    def unique(self, candidates: list[str]) -> str:
        """The first candidate that is a free identifier, else the first with a number appended."""
        good = [c for c in candidates if c and is_identifier(c)] or ["resource"]
        for c in good:
            if c not in self.taken:
                self.taken.add(c)
                return c
        n = 2
        while f"{good[0]}{n}" in self.taken:
            n += 1
        self.taken.add(f"{good[0]}{n}")
        return f"{good[0]}{n}"

    def symbol_for(self, rtype: str, loop: bool, copy_name: str | None = None) -> str:
        segs = type_segments(rtype)
        last = segs[-1]
        one = singular(last) or last
        parent = singular(segs[-2]) if len(segs) > 1 else ""
        if loop:
            return self.unique([camel([copy_name or ""]), last, camel([parent, last]), camel([last, "resources"])])
        return self.unique([one, camel([parent, one]), camel([one, "resource"])])

    def find(self, rtype: str, segments: list[Node], scope: tuple) -> Target | None:
        probe = Target("", rtype, segments, scope, None, True)
        for t in self.items:
            if t.key == probe.key:
                return t
        return None

    def add(self, target: Target) -> Target:
        self.items.append(target)
        return target

    def existing(self, rtype: str, segments: list[Node], scope: tuple, api: str | None) -> Target:
        """The target for a resource id: a declared resource, or an ``existing`` one (parents too)."""
        found = self.find(rtype, segments, scope)
        if found:
            return found
        parent = None
        if len(segments) > 1:
            parent = self.existing("/".join(rtype.split("/")[:-1]), segments[:-1], scope, api)
        target = Target(self.symbol_for(rtype, False), rtype, segments, scope, api, True, parent=parent)
        return self.add(target)
