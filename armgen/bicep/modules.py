"""Nested deployments as Bicep modules, and extension-resource scopes as resource symbols."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armgen.arm.ast import Call, Node
from armgen.arm.parser import is_expression, parse_template_string
from armgen.bicep.canonical import format_parts, join_parts
from armgen.bicep.syntax import INDENT, Inexpressible, Unsupported, is_identifier, quote
from armgen.bicep.targets import CURRENT, Target, mentions_loop

if TYPE_CHECKING:
    from armgen.bicep.emit import _Module

PROPERTIES = {"mode", "expressionevaluationoptions", "parameters", "template"}


def module(m: _Module, res: dict, symbol: str) -> str:
    """``module <symbol> 'modules/<file>' = ...`` for an inner-scoped nested deployment."""
    from armgen.bicep.emit import _Module as Module
    from armgen.bicep.emit import scope_kind

    props = res.get("properties") or {}
    where = f"{m.where}: nested deployment {symbol}"
    scope_opt = str((props.get("expressionEvaluationOptions") or {}).get("scope", "outer")).lower()
    if "template" not in props or scope_opt != "inner" or str(props.get("mode", "Incremental")) != "Incremental":
        raise Unsupported(f"{where}: only an inline template with inner expression scope and Incremental mode "
                          f"becomes a module; the Bicep translator does not support it")
    extra = sorted(k for k in props if k.lower() not in PROPERTIES)
    if extra:
        raise Unsupported(f"{where}: the property '{extra[0]}'; the Bicep translator does not support it")
    inner = props["template"]
    inner_scope = "resourceGroup" if "resourceGroup" in res or m.scope == "resourceGroup" else scope_kind(inner)
    try:
        sub = type(m.out)("", dict(m.out.modules))
        text, ext = Module(m.kind, inner, f"{where}", inner_scope, sub, nested=True).text(), "bicep"
        m.out.modules.update(sub.modules)
    except Inexpressible:  # kept as an ARM JSON module, which Bicep accepts as it is
        text, ext = inner, "json"
    path = _module_path(m, inner, text, ext)
    m.tr.used = set()

    def body(loop) -> str:  # Loop | None
        m.tr.may_depend = m.dependencies(res, loop)
        lines = [f"name: {m.tr.value(res.get('name', ''), 1, loop)}"]
        scope = _scope(m, res, loop)
        if scope:
            lines.append(f"scope: {scope}")
        params = []
        for name, entry in (props.get("parameters") or {}).items():
            if not isinstance(entry, dict) or set(entry) != {"value"}:
                raise Unsupported(f"{where}: parameter '{name}' is not given as a value; the Bicep translator does "
                                  f"not support it")
            params.append(f"{name if is_identifier(name) else quote(name)}: {m.tr.value(entry['value'], 2, loop)}")
        if params:
            lines.append("params: {\n" + "".join(f"{INDENT * 2}{p}\n" for p in params) + f"{INDENT}}}")
        depends = m.depends(res, loop)
        if depends:
            lines.append("dependsOn: [\n" + "".join(f"{INDENT * 2}{d}\n" for d in depends) + f"{INDENT}]")
        return m.wrap_body(lines, res, loop)

    head = f"module {symbol} '{path}' = "
    try:
        if res.get("copy"):
            return head + m.loop_value(res["copy"], body)
        return head + body(None)
    finally:
        m.tr.may_depend = None


def _scope(m: _Module, res: dict, loop) -> str:
    rg, sub = res.get("resourceGroup"), res.get("subscriptionId")
    if rg is None and sub is None:
        return ""
    args = [m.tr.value(v, 1, loop) for v in (sub, rg) if v is not None]
    return f"resourceGroup({', '.join(args)})" if rg is not None else f"subscription({args[0]})"


def _module_path(m: _Module, inner: dict, text: str | dict, ext: str) -> str:
    resources = inner.get("resources") or [{}]
    first = resources[0]
    stem = str((first.get("copy") or {}).get("name") or str(first.get("type", "nested")).split("/")[-1]).lower()
    n = 1
    while True:
        name = f"modules/{m.kind}-{stem}{n if n > 1 else ''}.{ext}"
        if m.out.modules.get(name, text) == text:
            m.out.modules[name] = text
            return name.removeprefix("modules/") if m.nested else name
        n += 1


def scope_target(m: _Module, value: object) -> Target | None:
    """The resource an extension resource's ``scope`` names ('Provider/type/name' or a resource id)."""
    if not isinstance(value, str):
        return None
    node: Node = parse_template_string(value) if is_expression(value) else None  # type: ignore[assignment]
    if node is None:
        from armgen.arm.ast import Literal

        node = Literal(value)
    if mentions_loop(node):
        return None
    if isinstance(node, Call) and node.name.lower() in ("resourceid", "subscriptionresourceid"):
        return m.tr.resolve(node)
    parts = format_parts(node) if isinstance(node, Call) else [node.value] if isinstance(node.value, str) else None
    if not parts:
        return None
    pieces: list[list] = [[]]
    for p in parts:
        if isinstance(p, str):
            chunks = p.split("/")
            pieces[-1].append(chunks[0])
            pieces.extend([c] for c in chunks[1:])
        else:
            pieces[-1].append(p)
    if len(pieces) < 3 or len(pieces) % 2 == 0 or not all(len(x) == 1 and isinstance(x[0], str)
                                                           for x in [pieces[0], *pieces[1::2]]):
        return None
    rtype = "/".join([pieces[0][0]] + [x[0] for x in pieces[1::2]])
    names = [join_parts(x) for x in pieces[2::2]]
    return m.targets.existing(rtype, names, CURRENT, None)
