"""Bicep expressions -> ARM expression trees, as the Bicep compiler emits them (classic code generation)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from armgen.arm.ast import Call, Index, Literal, Node, Property
from armgen.arm.printer import to_template_string
from armgen.bicep.canonical import join_parts
from armgen.bicep.parse import BicepParseError, string_parts, text

OPERATORS = {"==": "equals", "&&": "and", "||": "or", "<": "less", "<=": "lessOrEquals", ">": "greater",
             ">=": "greaterOrEquals", "+": "add", "-": "sub", "*": "mul", "/": "div", "%": "mod", "??": "coalesce"}


@dataclass
class Symbol:
    """A resource or module symbol of the file being read."""

    name: str
    kind: str  # "resource" or "module"
    type: str = ""
    api: str = ""
    existing: bool = False
    segments: list[Node] = field(default_factory=list)
    scope: tuple = ()  # () current, ("subscription",), ("rg", node), ("subrg", sub, rg)
    node: Any = None  # the declaration


class ExpressionReader:
    """Compiles the expressions of one Bicep file; ``refs`` collects the symbols a declaration uses."""

    def __init__(self, where: str, file_scope: str) -> None:
        self.where, self.file_scope = where, file_scope
        self.params: set[str] = set()
        self.variables: set[str] = set()
        self.symbols: dict[str, Symbol] = {}
        self.refs: list[str] = []
        self.resolve_symbol = lambda name: self.symbols[name]  # replaced by the reader (lazy declarations)

    def fail(self, node, what: str) -> BicepParseError:  # noqa: ANN001
        line, col = node.start_point
        return BicepParseError(f"{self.where}:{line + 1}:{col + 1}: {what}; the Bicep reader does not compile it")

    # -- JSON context -------------------------------------------------------------------------
    def json(self, node, env: dict) -> Any:  # noqa: ANN001
        """A value as the compiler writes it into the template: literals as JSON, the rest as ``[expr]``."""
        t = node.type
        if t == "object":
            return {self.key(p, env): self.json(p.named_children[-1], env) for p in _props(node)}
        if t == "array":
            return [self.json(c, env) for c in node.named_children]
        if t == "string":
            parts = string_parts(node)
            if all(isinstance(p, str) for p in parts):
                value = "".join(parts)
                return "[" + value if value.startswith("[") else value
        if t == "number":
            return int(text(node))
        if t == "boolean":
            return text(node) == "true"
        if t == "null":
            return None
        if t == "parenthesized_expression":
            return self.json(node.named_children[0], env)
        return to_template_string(self.arm(node, env))

    def key(self, prop, env: dict) -> str:  # noqa: ANN001
        k = prop.named_children[0]
        if k.type == "string":
            parts = string_parts(k)
            if all(isinstance(p, str) for p in parts):
                return "".join(parts)
            return to_template_string(self.arm(k, env))
        return text(k)

    # -- expressions --------------------------------------------------------------------------
    def arm(self, node, env: dict) -> Node:  # noqa: ANN001, C901 - one branch per node type
        t = node.type
        if t == "string":
            return join_parts([p if isinstance(p, str) else self.arm(p, env) for p in string_parts(node)])
        if t == "number":
            return Literal(int(text(node)))
        if t == "boolean":
            return Call(text(node), ())
        if t == "null":
            return Call("null", ())
        if t == "parenthesized_expression":
            return self.arm(node.named_children[0], env)
        if t == "identifier":
            return self.identifier(node, env)
        if t == "object":
            args: list[Node] = []
            for p in _props(node):
                args += [Literal(self.key(p, env)), self.arm(p.named_children[-1], env)]
            return Call("createObject", tuple(args))
        if t == "array":
            return Call("createArray", tuple(self.arm(c, env) for c in node.named_children))
        if t == "unary_expression":
            op = text(node.child_by_field_name("operator"))
            if op != "!":
                raise self.fail(node, f"the operator {op}")
            return Call("not", (self.arm(node.child_by_field_name("argument"), env),))
        if t == "binary_expression":
            op = text(node.child_by_field_name("operator"))
            left = self.arm(node.child_by_field_name("left"), env)
            right = self.arm(node.child_by_field_name("right"), env)
            if op == "!=":
                return Call("not", (Call("equals", (left, right)),))
            if op not in OPERATORS:
                raise self.fail(node, f"the operator {op}")
            return Call(OPERATORS[op], (left, right))
        if t == "ternary_expression":
            return Call("if", tuple(self.arm(node.child_by_field_name(f), env)
                                    for f in ("condition", "consequence", "alternative")))
        if t == "call_expression":
            fn = node.child_by_field_name("function")
            if fn.type != "identifier":
                raise self.fail(node, f"the function {text(fn)}")
            args_node = node.child_by_field_name("arguments")
            return Call(text(fn), tuple(self.arm(a, env) for a in args_node.named_children))
        if t == "subscript_expression":
            return Index(self.arm(node.child_by_field_name("object"), env),
                         self.arm(node.child_by_field_name("index"), env))
        if t == "member_expression":
            return self.member(node, env)
        raise self.fail(node, f"the construct '{t}'")

    def identifier(self, node, env: dict) -> Node:  # noqa: ANN001
        name = text(node)
        if name in env:
            return env[name]
        if name in self.params:
            return Call("parameters", (Literal(name),))
        if name in self.variables:
            return Call("variables", (Literal(name),))
        raise self.fail(node, f"the name '{name}' (no parameter, variable or loop variable of that name)")

    def member(self, node, env: dict) -> Node:  # noqa: ANN001
        obj, prop = node.child_by_field_name("object"), text(node.child_by_field_name("property"))
        if obj.type == "identifier" and text(obj) in self.symbols and text(obj) not in env:
            sym = self.use(text(obj))
            if sym.kind != "resource":
                raise self.fail(node, "a module's outputs")
            if prop == "id":
                return self.resource_id(sym)
            if prop == "name":
                return sym.segments[-1]
            if prop == "properties":
                return Call("reference", (self.resource_id(sym), Literal(sym.api)))
            return Property(Call("reference", (self.resource_id(sym), Literal(sym.api), Literal("full"))), prop)
        if obj.type == "identifier" and text(obj) in ("az", "sys"):
            raise self.fail(node, f"{text(obj)}.{prop} outside a call")
        return Property(self.arm(obj, env), prop)

    def use(self, name: str) -> Symbol:
        sym = self.resolve_symbol(name)
        if not sym.existing and name not in self.refs:
            self.refs.append(name)
        return sym

    def resource_id(self, sym: Symbol) -> Node:
        """What the compiler writes for ``<symbol>.id``."""
        segs = tuple(sym.segments)
        rtype = Literal(sym.type)
        if sym.scope == ("subscription",) or (not sym.scope and self.file_scope == "subscription"):
            return Call("subscriptionResourceId", (rtype, *segs))
        if not sym.scope:
            return Call("resourceId", (rtype, *segs))
        return Call("resourceId", (*sym.scope[1:], rtype, *segs))

    def relative_scope(self, sym: Symbol) -> Node:
        """``scope: <symbol>`` on an extension resource: ``Provider/type/name[/type/name]``."""
        types = sym.type.split("/")
        parts: list = [types[0]]
        for type_seg, name in zip(types[1:], sym.segments, strict=True):
            parts += ["/" + type_seg + "/", name]
        return join_parts(parts)


def _props(node) -> list:  # noqa: ANN001
    return [c for c in node.named_children if c.type == "object_property"]
