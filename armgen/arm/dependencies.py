"""dependsOn resolution (by id, symbolic name, copy name, type/name, name), implicit dependencies,
serial copy batches, topological layers and cycle detection."""

from __future__ import annotations

import contextlib
from functools import lru_cache

from armgen.arm.ast import Call, Index, Literal, Node, Property
from armgen.arm.errors import ArmError
from armgen.arm.instances import ResourceInstance
from armgen.arm.parser import is_expression, parse_template_string
from armgen.arm.resource_ids import type_and_name_path
from armgen.graphs import Cycle, layers

REFERENCE_FUNCTIONS = ("reference", "references", "listkeys", "list")


class DependencyIndex:
    """Look-up tables over a template's instances."""

    def __init__(self, instances: list[ResourceInstance]) -> None:
        self.by_key: dict[str, list[ResourceInstance]] = {}
        self.by_id: dict[str, ResourceInstance] = {}
        for inst in instances:
            self.by_id[inst.id.lower()] = inst
            keys = {inst.name, f"{inst.type}/{inst.name}"}
            with contextlib.suppress(ArmError):
                keys.add(type_and_name_path(inst.type, inst.name))
            if inst.symbolic:
                keys.add(inst.symbolic)
            if inst.copy_name:
                keys.add(inst.copy_name)
            for key in keys:
                self.by_key.setdefault(key.lower(), []).append(inst)

    def resolve(self, target: str) -> list[ResourceInstance]:
        """Instances a dependsOn entry or reference target names (empty when unknown)."""
        key = target.strip().lower().replace("/providers/microsoft.resources/resourcegroups/", "/resourcegroups/")
        if key in self.by_id:
            return [self.by_id[key]]
        if key.startswith("/"):
            return []
        return list(self.by_key.get(key, []))


def resolve_dependencies(instances: list[ResourceInstance], implicit: dict[int, set[str]] | None = None,
                         empty_loops: set[str] | None = None, index: DependencyIndex | None = None) -> None:
    """Fill ``depends_on`` (full ids) and ``unresolved_depends_on`` for every instance; a dependency on a
    copy loop (or symbolic name) that yields no instance is satisfied. ``index``: the instances' index, if built."""
    index = index or DependencyIndex(instances)
    empty = {name.lower() for name in (empty_loops or set())}
    for inst in instances:
        ids: list[str] = []
        inst.unresolved_depends_on = []
        for position, target in enumerate(inst.raw_depends_on):
            found = index.resolve(target)
            if found == [inst]:
                raise ArmError(f"Deployment template validation failed: 'Circular dependency detected on resource: "
                               f"'{inst.id}'. The resource depends on itself.'", code="DeploymentCycle",
                               path=inst.path + ["dependsOn", position])
            if not found and target.strip().lower() not in empty:
                inst.unresolved_depends_on.append((position, target))
            ids.extend(i.id for i in found if i is not inst)
        if inst.parent_id:
            ids.append(inst.parent_id)
        for target in (implicit or {}).get(id(inst), set()):
            ids.extend(i.id for i in index.resolve(target) if i is not inst)
        ids.extend(_serial_predecessors(inst, instances))
        inst.depends_on = list(dict.fromkeys(ids))


def _serial_predecessors(inst: ResourceInstance, instances: list[ResourceInstance]) -> list[str]:
    """In a serial copy, each batch waits for the whole previous batch."""
    if inst.copy_mode != "serial" or not inst.copy_index:
        return []
    size = inst.batch_size or 1
    batch = inst.copy_index // size
    if batch == 0:
        return []
    return [o.id for o in instances if o.path == inst.path and o.copy_name == inst.copy_name
            and o.copy_index is not None and o.copy_index // size == batch - 1
            and o.copy_indices.get(None) is not None and _same_outer(o, inst)]


def _same_outer(a: ResourceInstance, b: ResourceInstance) -> bool:
    outer = {k: v for k, v in a.copy_indices.items() if k not in (None, (a.copy_name or "").lower())}
    return outer == {k: v for k, v in b.copy_indices.items() if k not in (None, (b.copy_name or "").lower())}


@lru_cache(maxsize=16384)
def _reference_args(value: str) -> tuple[Node, ...]:
    """First arguments of the reference()/list*() calls in an expression string, in tree order (memoised:
    a template's strings are walked once, not once per parameter file and instance)."""
    found: list[Node] = []

    def visit_node(node: Node) -> None:
        if isinstance(node, Call):
            name = node.name.lower()
            if (name in REFERENCE_FUNCTIONS or name.startswith("list")) and node.args:
                found.append(node.args[0])
            for a in node.args:
                visit_node(a)
        elif isinstance(node, Property):
            visit_node(node.target)
        elif isinstance(node, Index):
            visit_node(node.target)
            visit_node(node.index)

    with contextlib.suppress(ArmError):
        visit_node(parse_template_string(value))
    return tuple(found)


def reference_targets(value: object, evaluate_arg) -> set[str]:
    """Targets of reference()/list*() calls inside a JSON value (implicit dependencies); ``evaluate_arg``
    evaluates a non-literal argument (None when it cannot)."""
    found: set[str] = set()

    def visit(v: object) -> None:
        if isinstance(v, str):
            if is_expression(v):
                for arg in _reference_args(v):
                    target = arg.value if isinstance(arg, Literal) else evaluate_arg(arg)
                    if isinstance(target, str):
                        found.add(target)
        elif isinstance(v, list):
            for item in v:
                visit(item)
        elif isinstance(v, dict):
            for item in v.values():
                visit(item)

    visit(value)
    return found


def topological_layers(instances: list[ResourceInstance]) -> list[list[ResourceInstance]]:
    """Condition-true instances (``existing`` ones included: checked, not deployed) in layers;
    dependencies on condition-false resources are dropped, as ARM does."""
    for inst in instances:
        if inst.unresolved_depends_on and inst.condition:
            position, target = inst.unresolved_depends_on[0]
            raise ArmError(f"The resource '{target}' is not defined in the template.", code="InvalidTemplate",
                           path=inst.path + ["dependsOn", position])
    nodes = [i for i in instances if i.condition]
    try:
        return layers(nodes, lambda i: i.id.lower(), lambda i: (d.lower() for d in i.depends_on))
    except Cycle as cycle:
        raise _cycle_error(cycle.members) from None


def _cycle_error(cycle: list[ResourceInstance]) -> ArmError:
    shown = " -> ".join(f"'{i.symbolic or i.type + '/' + i.name}'" for i in cycle)
    return ArmError(f"Deployment template validation failed: 'Circular dependency detected on resource: "
                    f"'{cycle[0].id}'. Cycle: {shown}.'", code="DeploymentCycle", path=cycle[0].path)
