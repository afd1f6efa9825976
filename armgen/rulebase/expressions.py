"""Parsed expressions of a template and the declarations each one can see."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from armgen.arm import ArmError, parse_template_string
from armgen.arm.ast import Call, Index, Literal, Node, Property
from armgen.jsonmarks import JsonPath
from armgen.rulebase.context import RuleContext


@dataclass(frozen=True)
class Parsed:
    """One expression string: its tree, or the parse error."""

    path: JsonPath
    text: str
    node: Node | None
    error: ArmError | None


@dataclass
class Declarations:
    """Names an expression may use: parameters, variables, user functions (``ns.name`` -> arity)."""

    parameters: set[str] = field(default_factory=set)
    variables: set[str] = field(default_factory=set)
    functions: dict[str, int] = field(default_factory=dict)
    in_function: bool = False  # inside a user-defined function body: no variables(), no reference()


def parsed(ctx: RuleContext) -> list[Parsed]:
    """Every expression of the template, parsed once per template."""

    def parse_all() -> list[Parsed]:
        out = []
        for path, text in ctx.expressions:
            try:
                out.append(Parsed(path, text, parse_template_string(text), None))
            except ArmError as e:
                out.append(Parsed(path, text, None, e))
            except RecursionError:
                out.append(Parsed(path, text, None, ArmError("The language expression is nested too deeply.")))
        return out

    return ctx.memo("parsed", parse_all)


def walk(node: Node) -> Iterator[Node]:
    """Every node of a tree, parents first."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, Call):
            stack.extend(reversed(n.args))
        elif isinstance(n, Property):
            stack.append(n.target)
        elif isinstance(n, Index):
            stack.extend((n.index, n.target))


def calls(node: Node) -> Iterator[Call]:
    return (n for n in walk(node) if isinstance(n, Call))


def all_calls(ctx: RuleContext) -> Iterator[tuple[Parsed, Call]]:
    """Every function call in every parsed expression of the template, with the expression it is in."""
    for p in parsed(ctx):
        if p.node is not None:
            for call in calls(p.node):
                yield p, call


def literal_arg(call: Call, i: int = 0) -> str | None:
    """The i-th argument when it is a string literal."""
    if len(call.args) > i and isinstance(call.args[i], Literal) and isinstance(call.args[i].value, str):
        return call.args[i].value
    return None


def _sections(template: dict) -> Declarations:
    decl = Declarations()
    params = template.get("parameters")
    decl.parameters = {k.lower() for k in params} if isinstance(params, dict) else set()
    variables = template.get("variables")
    if isinstance(variables, dict):
        decl.variables = {k.lower() for k in variables if k.lower() != "copy"}
        for item in variables.get("copy") or () if isinstance(variables.get("copy"), list) else ():
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                decl.variables.add(item["name"].lower())
    for ns in template.get("functions") or () if isinstance(template.get("functions"), list) else ():
        if not isinstance(ns, dict) or not isinstance(ns.get("members"), dict):
            continue
        for name, member in ns["members"].items():
            args = member.get("parameters") if isinstance(member, dict) else None
            decl.functions[f"{ns.get('namespace', '')}.{name}".lower()] = len(args) if isinstance(args, list) else 0
    return decl


def _child(node: object, key: str | int) -> object:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


def declarations(ctx: RuleContext, path: JsonPath) -> Declarations:
    """What the expression at ``path`` can reference, honouring nested templates with
    ``expressionEvaluationOptions.scope: inner`` and user-defined function bodies."""
    scope_template: dict = ctx.template
    template: dict = ctx.template  # the (nested) template the path is in
    start = 0  # where ``template`` starts in ``path``
    parent: object = None
    node: object = ctx.template
    for i, key in enumerate(path):
        parent, node = node, _child(node, key)
        if key == "template" and isinstance(node, dict) and isinstance(parent, dict) and i >= 1 \
                and path[i - 1] == "properties":
            options = parent.get("expressionEvaluationOptions")
            if str(_child(options, "scope") or "outer").lower() == "inner":
                scope_template = node
            template, start = node, i + 1
    decl = ctx.memo(f"decl:{id(scope_template)}", lambda: _sections(scope_template))
    rel = path[start:]
    if len(rel) >= 4 and rel[0] == "functions" and rel[2] == "members":
        member = _child(_child(_child(template.get("functions"), rel[1]), "members"), rel[3])
        params = member.get("parameters") if isinstance(member, dict) else None
        own = {p["name"].lower() for p in params or () if isinstance(p, dict) and isinstance(p.get("name"), str)}
        return Declarations(own, set(), decl.functions, True)
    return decl
