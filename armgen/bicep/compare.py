"""Equivalence of two ARM templates (or parameter files) up to what does not change a deployment."""

from __future__ import annotations

import json
from typing import Any

from armgen.arm.ast import Call, Node
from armgen.arm.parser import is_expression, parse_template_string
from armgen.bicep.canonical import canon, canon_text, canon_value, key_text

DEPLOYMENTS = "microsoft.resources/deployments"


def normalize(template: dict) -> dict:
    """The parts of a template that decide what it deploys, each in canonical form.

    Left out: ``metadata._generator`` (each compiler names itself), copy loop names (Bicep names a loop
    after its symbol), ``mode: parallel`` (the default), the API version of nested deployments (the Bicep
    compiler picks its own; armgen's catalogue version is used when reading Bicep back), resource order.
    dependsOn becomes a set that includes what ``reference()`` of a resource in the same template implies.
    """
    out: dict[str, Any] = {k: canon_value(v) for k, v in template.items()
                           if k not in ("metadata", "parameters", "resources", "outputs")}
    meta = {k: v for k, v in (template.get("metadata") or {}).items() if k != "_generator"}
    if meta:
        out["metadata"] = canon_value(meta)
    out["parameters"] = {n: canon_value(p) for n, p in (template.get("parameters") or {}).items()}
    out["outputs"] = {n: _output(o) for n, o in (template.get("outputs") or {}).items()}
    resources = template.get("resources") or []
    declared = {_id_key(r) for r in resources}
    loops = {str(r["copy"].get("name")): f"every {str(r.get('type', '')).lower()}" for r in resources
             if isinstance(r.get("copy"), dict)}
    out["resources"] = sorted((_resource(r, declared, loops) for r in resources),
                              key=lambda r: (r["type"], str(r["name"])))
    return out


def _output(spec: dict) -> dict:
    out = canon_value({k: v for k, v in spec.items() if k != "copy"})
    if "copy" in spec:
        out["copy"] = canon_value({k: v for k, v in spec["copy"].items() if k != "name"})
    return out


def _resource(res: dict, declared: set, loops: dict[str, str]) -> dict:
    out: dict[str, Any] = {}
    for k, v in res.items():
        lk = k.lower()
        if lk == "dependson":
            continue
        if lk == "copy":
            copy = {ck: cv for ck, cv in v.items() if ck != "name"}
            if str(copy.get("mode", "")).lower() == "parallel":
                copy.pop("mode")
            out["copy"] = canon_value(copy)
        elif lk == "type":
            out["type"] = str(v).lower()
        elif lk == "apiversion" and str(res.get("type", "")).lower() == DEPLOYMENTS:
            continue
        elif lk == "properties" and str(res.get("type", "")).lower() == DEPLOYMENTS and isinstance(v, dict):
            props = canon_value({pk: pv for pk, pv in v.items() if pk != "template"})
            if "template" in v:
                props["template"] = normalize(v["template"])
            out["properties"] = props
        else:
            out[k] = canon_value(v)
    deps = {loops.get(d, d) if not is_expression(d) else _dep_key(d) for d in res.get("dependsOn") or []}
    deps |= {d for d in _references(res) if d in declared}
    every = {d.removeprefix("every ") for d in deps if d.startswith("every ")}  # a whole loop covers its instances
    deps = {d for d in deps if not any(d.startswith(f"resourceid('{t}'") for t in every)}
    if deps:
        out["dependsOn"] = sorted(deps)
    return out


def _id_key(res: dict) -> str:
    """The canonical ``resourceId(type, segments...)`` of a declared resource, for dependency matching."""
    from armgen.bicep.targets import name_segments

    name = res.get("name", "")
    node = parse_template_string(name) if is_expression(name) else None
    if node is None:
        from armgen.arm.ast import Literal

        node = Literal(str(name))
    segments = name_segments(node) or [node]
    return key_text(Call("resourceid", (_lit(str(res.get("type", "")).lower()), *segments)))


def _lit(value: str) -> Node:
    from armgen.arm.ast import Literal

    return Literal(value)


def _dep_key(entry: str) -> str:
    if not is_expression(entry):
        return entry
    node = canon(parse_template_string(entry))
    if isinstance(node, Call) and node.name in ("resourceid", "subscriptionresourceid") and node.args:
        from armgen.arm.ast import Literal

        args = list(node.args)
        at = next((i for i, a in enumerate(args) if isinstance(a, Literal) and isinstance(a.value, str)
                   and "/" in a.value), 0)
        return key_text(Call("resourceid", (Literal(str(args[at].value).lower()), *args[at + 1:])))
    return key_text(node)


def _references(value: Any) -> set[str]:
    """Dependency keys of the resources ``reference()`` names anywhere in ``value`` (nested templates excluded)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            if k != "template":
                found |= _references(v)
    elif isinstance(value, list):
        for v in value:
            found |= _references(v)
    elif isinstance(value, str) and is_expression(value):
        _walk(parse_template_string(value), found)
    return found


def _walk(node: Node, found: set[str]) -> None:
    if isinstance(node, Call):
        if node.name.lower() == "reference" and node.args and isinstance(node.args[0], Call):
            found.add(_dep_key("[" + _print(node.args[0]) + "]"))
        for a in node.args:
            _walk(a, found)
    elif hasattr(node, "target"):
        _walk(node.target, found)  # type: ignore[union-attr]
        if hasattr(node, "index"):
            _walk(node.index, found)  # type: ignore[union-attr]


def _print(node: Node) -> str:
    from armgen.arm.printer import print_expression

    return print_expression(node)


def differences(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where two normalized values differ, one line each (``path: expected X, got Y``)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        lines = []
        for k in list(expected) + [k for k in actual if k not in expected]:
            sub = f"{path}.{k}" if path else k
            if k not in actual:
                lines.append(f"{sub}: missing")
            elif k not in expected:
                lines.append(f"{sub}: unexpected {_short(actual[k])}")
            else:
                lines += differences(expected[k], actual[k], sub)
        return lines
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [line for i, (e, a) in enumerate(zip(expected, actual, strict=True))
                for line in differences(e, a, f"{path}[{i}]")]
    if expected != actual:
        return [f"{path}: expected {_short(expected)}, got {_short(actual)}"]
    return []


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


def same_parameters(expected: dict, actual: dict) -> list[str]:
    """Differences between two deploymentParameters documents (values compared as JSON)."""
    return differences({k: v for k, v in expected.items() if k != "$schema"},
                       {k: v for k, v in actual.items() if k != "$schema"})


__all__ = ["canon_text", "differences", "normalize", "same_parameters"]
