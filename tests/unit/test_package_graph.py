"""The import graph of ``armgen/`` between packages: no cycle, and no import against the layers.

Nodes are the top-level packages (``armgen/spec/``) and top-level modules (``armgen/errors.py``);
an edge is any import from one node of another, including imports inside functions (the lazy
imports that keep ``--help`` fast are still dependencies). Imports within one node do not count.

The layers, lowest first; a node imports only from its own layer or a lower one:

    foundation   errors, limits, jsonmarks, catalog, naming, rbac, check_report, suggest, junit, durations, graphs, ... (data, small helpers)
    engine       arm: the ARM expression language and template expansion (the spec uses uniqueString)
    inputs       spec (mlenv.yaml), bicep (ARM <-> Bicep), emulator (the local ARM), live (reading it)
    render       render: spec -> templates and parameter files
    checks base  rulebase (what rules and validate share), pipeline (the release, from rendered units)
    checks       rules, validate, build (render + pipeline)
    plan/target  deploy: plan, runner, what-if, targets
    deployed     verify, roles: checks of a deployed environment
    commands     cli
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "armgen"

LAYERS: list[set[str]] = [
    {"errors", "limits", "jsonmarks", "catalog", "defaults", "naming", "privatelink", "rate_limits", "create_only",
     "pids", "exitcodes", "rbac", "check_report", "suggest", "durations", "graphs", "junit"},
    {"arm"},
    {"spec", "bicep", "emulator", "live"},
    {"render"},
    {"rulebase", "pipeline"},
    {"rules", "validate", "build"},
    {"deploy"},
    {"verify", "roles"},
    {"cli"},
]


def _nodes() -> set[str]:
    """Top-level modules and packages (a folder of Python files is one, with or without ``__init__.py``)."""
    return {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"} | {
        p.name for p in PACKAGE.iterdir() if p.is_dir() and any(p.rglob("*.py"))}


def _imported(path: Path) -> list[tuple[str, int]]:
    """Absolute names of everything ``path`` imports (``from x import y`` also yields ``x.y``), with lines."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("").parts
    here = rel[:-1] if rel[-1] == "__init__" else rel
    package = here if rel[-1] == "__init__" else here[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else ()
            module = ".".join([*base, *([node.module] if node.module else [])])
            out += [(module, node.lineno), *((f"{module}.{a.name}", node.lineno) for a in node.names)]
    return out


def package_graph() -> dict[str, dict[str, list[str]]]:
    """node -> imported node -> where ("armgen/spec/names.py:16")."""
    nodes = _nodes()
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts == ("__init__",):
            continue
        source = parts[0]
        for name, line in _imported(path):
            segments = name.split(".")
            if len(segments) > 1 and segments[0] == "armgen" and segments[1] in nodes and segments[1] != source:
                where = f"{path.relative_to(PACKAGE.parent)}:{line}"
                if where not in graph[source][segments[1]]:
                    graph[source][segments[1]].append(where)
    return graph


def cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """The import cycles: in each strongly connected component of more than one node (Tarjan), a shortest
    cycle through each of its nodes, each cycle listed once."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, {})):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    found: list[list[str]] = []
    for component in components:
        for start in component:  # a shortest cycle through each node, each cycle named once
            cycle = _cycle_from(graph, set(component), start)
            if _edges(cycle) not in [_edges(c) for c in found]:
                found.append(cycle)
    return found


def _edges(cycle: list[str]) -> set[tuple[str, str]]:
    return set(zip(cycle, cycle[1:], strict=False))


def _cycle_from(graph: dict[str, dict[str, list[str]]], component: set[str], start: str) -> list[str]:
    """A shortest cycle from ``start`` back to itself within its component (breadth first)."""
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(graph[v]):
            if w == start:
                return [*paths[v], start]
            if w in component and w not in paths:
                paths[w] = [*paths[v], w]
                queue.append(w)
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover - a component always has one


def _describe(graph: dict[str, dict[str, list[str]]], cycle: list[str]) -> str:
    hops = [f"{a} -> {b} ({', '.join(graph[a][b][:3])})" for a, b in zip(cycle, cycle[1:], strict=False)]
    return " -> ".join(cycle) + ":\n    " + "\n    ".join(hops)


def test_no_cycle_between_packages() -> None:
    graph = package_graph()
    found = cycles(graph)
    assert not found, "import cycles between armgen packages:\n" + "\n".join(_describe(graph, c) for c in found)


def test_every_node_has_a_layer() -> None:
    placed = set().union(*LAYERS)
    assert _nodes() - placed == set(), "place the new package or module in LAYERS (and the docstring)"
    assert placed - _nodes() == set(), "LAYERS names a package or module that no longer exists"


def test_no_import_against_the_layers() -> None:
    layer = {node: i for i, nodes in enumerate(LAYERS) for node in nodes}
    graph = package_graph()
    upward = [f"{a} imports {b} ({', '.join(graph[a][b][:3])})" for a in sorted(graph) for b in sorted(graph[a])
              if a in layer and b in layer and layer[b] > layer[a]]
    assert not upward, "imports against the layers (see this module's docstring):\n" + "\n".join(upward)


def test_the_cycle_finder_names_a_cycle() -> None:
    graph = {"a": {"b": ["a.py:1"]}, "b": {"c": ["b.py:2"]}, "c": {"a": ["c.py:3"]}, "d": {"a": ["d.py:4"]}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert "c -> a (c.py:3)" in _describe(graph, ["a", "b", "c", "a"])
    assert cycles({"a": {"b": ["x"]}, "b": {}}) == []
