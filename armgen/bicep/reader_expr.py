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
    loop: bool = False  # declared with [for ...]: a dependency on it is on every instance


class ExpressionReader:
    """Compiles the expressions of one Bicep file; ``refs`` collects the symbols a declaration uses."""

    def __init__(self, where: str, file_scope: str) -> None:
        self.where, self.file_scope = where, file_scope
        self.params: set[str] = set()
        self.variables: set[str] = set()
        self.symbols: dict[str, Symbol] = {}
        self.refs: list[str] = []
        self.instance_refs: list[str] = []  # dependencies on one instance of a loop resource, as written
        self.variable_refs: dict[str, tuple[list[str], list[str]]] = {}  # what each variable's value names
        self.resolve_symbol = lambda name: self.symbols[name]  # replaced by the reader (lazy declarations)

    def fail(self, node, what: str) -> BicepParseError:
        line, col = node.start_point
        return BicepParseError(f"{self.where}:{line + 1}:{col + 1}: {what}; the Bicep reader does not compile it")

    # -- JSON context -------------------------------------------------------------------------
    def json(self, node, env: dict) -> Any:
        """A value as the compiler writes it into the template: literals as JSON, the rest as ``[expr]``."""
        t = node.type
        if t == "object":
            return {self.key(p, env): self.json(p.named_children[-1], env) for p in _props(node)}
        if t == "array":
            return [self.json(c, env) for c in items(node)]
        if t == "string":
            parts = string_parts(node)
            if all(isinstance(p, str) for p in parts):
                return escape("".join(parts))
        if t == "number":
            return int(text(node))
        if t == "boolean":
            return text(node) == "true"
        if t == "null":
            return None
        if t == "parenthesized_expression":
            return self.json(node.named_children[0], env)
        return to_template_string(self.arm(node, env))

    def key(self, prop, env: dict) -> str:
        k = prop.named_children[0]
        if k.type == "string":
            parts = string_parts(k)
            if all(isinstance(p, str) for p in parts):
                return "".join(parts)
            return to_template_string(self.arm(k, env))
        return text(k)

    # -- expressions --------------------------------------------------------------------------
    def arm(self, node, env: dict) -> Node:  # one branch per node type
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
            return Call("createArray", tuple(self.arm(c, env) for c in items(node)))
        if t in ("member_expression", "subscript_expression"):
            base, ops = _chain(node)
            if base.type in OPERATORS_NODES:  # tree-sitter-bicep 1.1 binds '.x' and '[i]' looser than
                return self.rotate(base, ops, env)  # operators; Bicep binds them tighter
            return self.postfix(base, ops, env)
        if t == "lambda_expression":
            head, body = node.named_children[0], node.named_children[-1]
            names = [text(n) for n in (head.named_children if head.type == "parenthesized_expression" else [head])]
            inner = {**env, **{n: Call("lambdaVariables", (Literal(n),)) for n in names}}
            return Call("lambda", (*(Literal(n) for n in names), self.arm(body, inner)))
        if t == "unary_expression":
            op = text(node.child_by_field_name("operator"))
            if op != "!":
                raise self.fail(node, f"the operator {op}")
            return Call("not", (self.arm(node.child_by_field_name("argument"), env),))
        if t == "binary_expression":
            return self.binary(node, self.arm(node.child_by_field_name("left"), env),
                               self.arm(node.child_by_field_name("right"), env))
        if t == "ternary_expression":
            return Call("if", tuple(self.arm(node.child_by_field_name(f), env)
                                    for f in ("condition", "consequence", "alternative")))
        if t == "call_expression":
            fn = node.child_by_field_name("function")
            if fn.type != "identifier":
                raise self.fail(node, f"the function {text(fn)}")
            args_node = node.child_by_field_name("arguments")
            return Call(text(fn), tuple(self.arm(a, env) for a in args_node.named_children))
        raise self.fail(node, f"the construct '{t}'")

    def rotate(self, op, ops: list, env: dict) -> Node:
        """``c ? a : b.x`` read as ``c ? a : (b.x)``: the postfix chain applies to the rightmost operand."""
        def inner(x):
            return self.rotate(x, ops, env) if x.type in OPERATORS_NODES else self.postfix(x, ops, env)

        if op.type == "ternary_expression":
            return Call("if", (self.arm(op.child_by_field_name("condition"), env),
                               self.arm(op.child_by_field_name("consequence"), env),
                               inner(op.child_by_field_name("alternative"))))
        if op.type == "unary_expression":
            if text(op.child_by_field_name("operator")) != "!":
                raise self.fail(op, "the operator -")
            return Call("not", (inner(op.child_by_field_name("argument")),))
        return self.binary(op, self.arm(op.child_by_field_name("left"), env), inner(op.child_by_field_name("right")))

    def binary(self, node, left: Node, right: Node) -> Node:
        op = text(node.child_by_field_name("operator"))
        if op == "!=":
            return Call("not", (Call("equals", (left, right)),))
        if op not in OPERATORS:
            raise self.fail(node, f"the operator {op}")
        return Call(OPERATORS[op], (left, right))

    def identifier(self, node, env: dict) -> Node:
        name = text(node)
        if name in env:
            return env[name]
        if name in self.params:
            return Call("parameters", (Literal(name),))
        if name in self.variables:  # a reference through a variable is a dependency too
            refs, instances = self.variable_refs.get(name, ([], []))
            self.refs += [r for r in refs if r not in self.refs]
            self.instance_refs += [r for r in instances if r not in self.instance_refs]
            return Call("variables", (Literal(name),))
        raise self.fail(node, f"the name '{name}' (no parameter, variable or loop variable of that name)")

    def postfix(self, base, ops: list, env: dict) -> Node:
        """``base`` followed by its ``.name`` / ``[index]`` chain; a resource symbol's ``.id``, ``.name``,
        ``.properties...`` and other properties become what the compiler writes for them."""
        if base.type == "identifier" and text(base) in self.symbols and text(base) not in env:
            sym = self.symbol_at(text(base), ops[0] if ops and ops[0].type == "subscript_expression" else None, env)
            if ops and ops[0].type == "subscript_expression":
                ops = ops[1:]
            if not ops or ops[0].type != "member_expression" or sym.kind != "resource":
                raise self.fail(base, f"'{text(base)}' used other than by a property of a resource")
            prop, ops = _prop(ops[0]), ops[1:]
            if prop == "id":
                node: Node = self.resource_id(sym)
            elif prop == "name":
                node = sym.segments[-1]
            elif prop == "properties":
                node = Call("reference", (self.resource_id(sym), Literal(sym.api)))
            else:
                node = Property(Call("reference", (self.resource_id(sym), Literal(sym.api), Literal("full"))), prop)
        else:
            node = self.arm(base, env)
        for op in ops:
            if op.type == "member_expression":
                node = Property(node, _prop(op))
            else:
                node = Index(node, self.arm(op.child_by_field_name("index"), env))
        return node

    def symbol_at(self, name: str, subscript, env: dict) -> Symbol:
        """The symbol ``name``, or its instance ``name[i]`` of a loop resource (a dependency on that instance)."""
        if subscript is None:
            return self.use(name)
        sym = self.resolve_symbol(name)
        index = self.arm(subscript.child_by_field_name("index"), env)
        one = Symbol(sym.name, sym.kind, sym.type, sym.api, sym.existing,
                     [_at_index(s, index) for s in sym.segments], sym.scope)
        dep = to_template_string(self.resource_id(one))
        if not sym.existing and dep not in self.instance_refs:
            self.instance_refs.append(dep)
        return one

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


def escape(value: str) -> str:
    """A literal string as the compiler writes it: one that ARM would read as an expression gets ``[[``."""
    return "[" + value if value.startswith("[") and value.endswith("]") else value


OPERATORS_NODES = ("ternary_expression", "unary_expression", "binary_expression")


def _chain(node) -> tuple:
    """A postfix chain ``base.a[0].b`` as its base and the ``.a``, ``[0]``, ``.b`` nodes, innermost first."""
    ops = []
    while node.type in ("member_expression", "subscript_expression"):
        ops.append(node)
        node = node.child_by_field_name("object")
    return node, ops[::-1]


def _prop(node) -> str:
    return text(node.child_by_field_name("property"))


def items(node) -> list:
    """The items of an ``array`` node. tree-sitter-bicep 1.1 reads a line ``a[0]`` inside a multi-line array as
    two items (``a`` and ``[0]``); Bicep puts one item per line, so each line's item is parsed on its own."""
    children = node.named_children
    if node.start_point[0] == node.end_point[0] or not children:
        return children
    from armgen.bicep.parse import parse

    raw = node.text.decode("utf-8")[1:-1]
    found = []
    for chunk in _split_lines(raw):
        root = parse(f"var item = {chunk}\n", "array item")
        found.append(root.named_children[0].named_children[-1])
    return found


def _split_lines(raw: str) -> list[str]:
    """The top-level items of a multi-line array's inner text: one per line, brackets and strings kept whole."""
    out, depth, quote, current, i = [], 0, False, "", 0
    while i < len(raw):
        ch = raw[i]
        if quote:
            if ch == "\\":
                current += raw[i:i + 2]
                i += 2
                continue
            quote = ch != "'"
        elif ch == "'":
            quote = True
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "\n" and depth == 0:
            if current.strip():
                out.append(current.strip())
            current = ""
            i += 1
            continue
        current += ch
        i += 1
    if current.strip():
        out.append(current.strip())
    return out


def _at_index(node: Node, index: Node) -> Node:
    """``node`` with the resource loop's ``copyIndex()`` replaced by ``index``."""
    if isinstance(node, Call):
        if node.name.lower() == "copyindex" and not node.args:
            return index
        return Call(node.name, tuple(_at_index(a, index) for a in node.args))
    if isinstance(node, Property):
        return Property(_at_index(node.target, index), node.name)
    if isinstance(node, Index):
        return Index(_at_index(node.target, index), _at_index(node.index, index))
    return node


def _props(node) -> list:
    return [c for c in node.named_children if c.type == "object_property"]
