"""Expression tree nodes. ``column`` is informational and excluded from equality."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Literal:
    """A string, integer, boolean or null literal."""

    value: str | int | bool | None
    column: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Call:
    """A function call; ``name`` keeps its spelling (``ns.fn`` for user-defined functions)."""

    name: str
    args: tuple[Node, ...]
    column: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Property:
    """``target.name`` access."""

    target: Node
    name: str
    column: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Index:
    """``target[index]`` access (also ``target['key']``)."""

    target: Node
    index: Node
    column: int = field(default=0, compare=False)


Node = Literal | Call | Property | Index
