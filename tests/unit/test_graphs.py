"""armgen.graphs.layers: the layering the template engine and the deployment plan share."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armgen.graphs import Cycle, layers


def _kahn(nodes: list[str], deps: dict[str, set[str]]) -> list[list[str]]:
    """The layering armgen had before graphlib (input order within a layer), as the oracle."""
    known = set(nodes)
    wanted = {n: {d for d in deps[n] if d in known and d != n} for n in nodes}
    done: set[str] = set()
    out, remaining = [], list(nodes)
    while remaining:
        layer = [n for n in remaining if wanted[n] <= done]
        assert layer, "a cycle"
        out.append(layer)
        done |= set(layer)
        remaining = [n for n in remaining if n not in done]
    return out


@st.composite
def dags(draw: st.DrawFn) -> tuple[list[str], dict[str, set[str]]]:
    count = draw(st.integers(0, 14))
    order = draw(st.permutations([f"n{i}" for i in range(count)]))
    deps = {}
    for i, name in enumerate(order):  # a node depends only on nodes earlier in ``order``: acyclic
        deps[name] = set(draw(st.lists(st.sampled_from(order[:i]), max_size=4))) if i else set()
        deps[name] |= set(draw(st.lists(st.sampled_from(["elsewhere", name]), max_size=1)))
    nodes = draw(st.permutations(order))  # presented in any order
    return list(nodes), deps


@given(dags())
def test_layers_equal_the_previous_kahn_layering(graph: tuple[list[str], dict[str, set[str]]]) -> None:
    nodes, deps = graph
    assert layers(nodes, lambda n: n, deps.__getitem__) == _kahn(nodes, deps)


def test_a_cycle_is_named_in_dependency_order_from_its_first_member() -> None:
    deps = {"top": {"b"}, "a": {"c"}, "b": {"a"}, "c": {"b"}, "free": set()}
    with pytest.raises(Cycle) as info:
        layers(list(deps), lambda n: n, deps.__getitem__)
    assert info.value.members == ["a", "c", "b", "a"]


def test_nodes_sharing_a_key_are_all_waited_for() -> None:
    nodes = [("x", set()), ("y", {"x"}), ("x", {"z"}), ("z", set())]
    assert layers(nodes, lambda n: n[0], lambda n: n[1]) == [[nodes[0], nodes[3]], [nodes[2]], [nodes[1]]]
