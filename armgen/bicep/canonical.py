"""One canonical form of ARM expressions, so that equal meaning compares equal.

Bicep compiles ``'${a}/default'`` to ``format('{0}/{1}', a, 'default')`` where armgen writes
``format('{0}/default', a)``; both become the same tree here. Only rewrites that keep the value
for every input are made: literal arguments folded into format strings, a lone ``{0}`` format
(string values: names, ids, keys) dropped, ``true()``/``false()``/``null()`` as literals,
``x['name']`` as ``x.name``, ``range(0, n)`` loops as plain ``copyIndex()`` loops, lowercase
function names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from armgen.arm.ast import Call, Index, Literal, Node, Property
from armgen.arm.parser import is_expression, parse_template_string, unescape_literal
from armgen.arm.printer import print_expression, to_template_string

PLACEHOLDER = re.compile(r"\{(\d+)\}")
_SPECIFIER = re.compile(r"\{\d+[:,][^}]*\}")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def format_parts(node: Node) -> list[str | Node] | None:
    """``format('{0}/x', a)`` -> ``[a, '/x']``; None when ``node`` is not a plain format() call."""
    if not (isinstance(node, Call) and node.name.lower() == "format" and node.args
            and isinstance(node.args[0], Literal) and isinstance(node.args[0].value, str)):
        return None
    fmt, args = node.args[0].value, node.args[1:]
    if _SPECIFIER.search(fmt):
        return None
    parts: list[str | Node] = []
    pos = 0
    for m in PLACEHOLDER.finditer(fmt):
        index = int(m.group(1))
        if index >= len(args):
            return None
        parts.append(fmt[pos:m.start()])
        parts.append(args[index])
        pos = m.end()
    parts.append(fmt[pos:])
    literal_text = "".join(p for p in parts if isinstance(p, str))
    if "{" in literal_text or "}" in literal_text:
        return None  # escaped braces: left as written
    return _merge(parts)


def _merge(parts: list[str | Node]) -> list[str | Node]:
    out: list[str | Node] = []
    for p in parts:
        if isinstance(p, Literal) and isinstance(p.value, str):
            p = p.value
        if isinstance(p, str):
            if not p:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += p
                continue
        out.append(p)
    return out


def join_parts(parts: list[str | Node]) -> Node:
    """The canonical node of a concatenation of literal text and expressions."""
    parts = _merge(parts)
    if not parts:
        return Literal("")
    if len(parts) == 1:
        return Literal(parts[0]) if isinstance(parts[0], str) else parts[0]
    fmt, args = "", []
    for p in parts:
        if isinstance(p, str):
            fmt += p
        else:
            fmt += f"{{{len(args)}}}"
            args.append(p)
    return Call("format", (Literal(fmt), *args))


def canon(node: Node) -> Node:
    """The canonical tree of ``node``."""
    if isinstance(node, Literal):
        return node
    if isinstance(node, Property):
        return Property(canon(node.target), node.name)
    if isinstance(node, Index):
        target, index = canon(node.target), canon(node.index)
        if isinstance(index, Literal) and isinstance(index.value, str) and _IDENT.match(index.value):
            return Property(target, index.value)
        if (isinstance(target, Call) and target.name == "range" and len(target.args) == 2
                and target.args[0] == Literal(0) and index == Call("copyindex", ())):
            return index
        return Index(target, index)
    name = node.name.lower()
    args = tuple(canon(a) for a in node.args)
    if name in ("true", "false") and not args:
        return Literal(name == "true")
    if name == "null" and not args:
        return Literal(None)
    if name == "copyindex" and len(args) == 1 and not (isinstance(args[0], Literal) and isinstance(args[0].value, str)):
        return Call("add", (Call("copyindex", ()), args[0]))
    if name == "length" and len(args) == 1 and isinstance(args[0], Call) and args[0].name == "range" \
            and len(args[0].args) == 2 and args[0].args[0] == Literal(0):
        return args[0].args[1]
    if name == "format":
        parts = format_parts(Call(name, args))
        if parts is not None:  # nested plain formats spliced in: Bicep nests them for parent/child names
            flat: list[str | Node] = []
            for p in parts:
                inner = format_parts(p) if isinstance(p, Call) else None
                flat.extend(inner if inner is not None else [p])
            return join_parts(flat)
    return Call(name, args)


@lru_cache(maxsize=8192)
def canon_text(value: str) -> Any:
    """A JSON string as its canonical JSON value: expressions re-printed, literal results unwrapped."""
    if not is_expression(value):
        return unescape_literal(value)
    node = canon(parse_template_string(value))
    if isinstance(node, Literal):
        return node.value
    return to_template_string(node)


def canon_value(value: Any) -> Any:
    """A JSON value with every expression string (values and keys) in canonical form."""
    if isinstance(value, str):
        return canon_text(value)
    if isinstance(value, dict):
        return {str(canon_text(k)): canon_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canon_value(v) for v in value]
    return value


def key_text(node: Node) -> str:
    """A stable text key for a node (canonical form)."""
    return print_expression(canon(node))
