"""Dependency layers over :class:`graphlib.TopologicalSorter`, for template resources and deployment units."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from graphlib import CycleError, TopologicalSorter
from typing import TypeVar

T = TypeVar("T")


def layers(nodes: Sequence[T], key: Callable[[T], Hashable],
           depends_on: Callable[[T], Iterable[Hashable]]) -> list[list[T]]:
    """``nodes`` in layers: each after every layer holding one of its dependencies, in input order
    within a layer. Dependencies on keys that are not among ``nodes`` are ignored.

    A cycle raises :class:`Cycle` naming its members in dependency order.
    """
    indices: dict[Hashable, list[int]] = {}
    for i, node in enumerate(nodes):
        indices.setdefault(key(node), []).append(i)
    sorter: TopologicalSorter[int] = TopologicalSorter()
    for i, node in enumerate(nodes):
        own = key(node)
        sorter.add(i, *(j for d in depends_on(node) if d != own for j in indices.get(d, ())))
    try:
        sorter.prepare()
    except CycleError as err:
        raise Cycle([nodes[i] for i in _in_dependency_order(err.args[1])]) from None
    out: list[list[T]] = []
    while sorter.is_active():
        ready = sorted(sorter.get_ready())
        out.append([nodes[i] for i in ready])
        sorter.done(*ready)
    return out


class Cycle(Exception):
    """A dependency cycle: ``members`` from the first in input order, each depending on the next, back to it."""

    def __init__(self, members: list) -> None:
        super().__init__(members)
        self.members = members


def _in_dependency_order(found: list[int]) -> list[int]:
    """graphlib's cycle (each node followed by one that depends on it, first == last) reversed to
    dependency order and rotated to start (and end) at its member first in input order."""
    ring = list(reversed(found[:-1]))
    start = ring.index(min(ring))
    ring = ring[start:] + ring[:start]
    return [*ring, ring[0]]
