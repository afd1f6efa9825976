"""Evaluates expression trees and JSON values against an ``EvalScope``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from armgen import limits
from armgen.arm.ast import Call, Index, Literal, Node, Property
from armgen.arm.checks import check_value_size
from armgen.arm.errors import ArmError
from armgen.arm.parser import is_expression, parse_template_string, unescape_literal
from armgen.arm.values import get_index, get_property

VALUE_LIMIT = limits.VALUE_BYTES // 8  # below this no value is measured (arrays count items)


@dataclass(frozen=True)
class LambdaValue:
    """``lambda('x', body)``: parameter names, body, and the lambda variables it closed over."""

    params: tuple[str, ...]
    body: Node
    closure: tuple[dict, ...]


_lookup = None  # armgen.arm.functions.lookup, imported on first call (the package imports this module)


class EvalScope:
    """What expressions can see. The template engine subclasses this; defaults refuse politely."""

    context = None  # DeploymentContext
    state = None  # StateProvider
    allow_runtime_functions = False  # utcNow/newGuid: parameter defaults only
    allow_reference = True  # reference()/list*(): not in names, counts, conditions of existence
    now: datetime | None = None

    def parameter(self, name: str) -> object:
        raise ArmError(f"The template parameter '{name}' is not found.")

    def variable(self, name: str) -> object:
        raise ArmError(f"The template variable '{name}' is not found.")

    def call_user_function(self, name: str, args: list, ev: Evaluator) -> object:
        raise ArmError(f"The template function '{name}' is not defined.")

    def deployment_info(self) -> dict:
        raise ArmError("The template function 'deployment' is not expected at this location.")

    def resolve_reference(self, target: str, api_version: str | None) -> tuple[str, str | None]:
        """(full resource id, api version) for ``reference(target)``."""
        if target.startswith("/"):
            return target, api_version
        raise ArmError(f"The template reference '{target}' is not valid: could not find template "
                       f"resource or resource copy with this name.")

    def references(self, symbolic: str, full: bool, ev: Evaluator) -> list:
        raise ArmError(f"The template function 'references' cannot find the resource collection '{symbolic}'.")

    def resource_info(self, symbolic: str) -> dict:
        raise ArmError(f"The resource '{symbolic}' is not defined in the template.")


class Evaluator:
    """Evaluates nodes; lambda variables live on a stack of dicts.

    A function implementation failing with a Python error (a bug, or a value beyond what it handles)
    becomes an ArmError unless ``strict`` is set (tests set it to find such cases)."""

    strict = False

    def __init__(self, scope: EvalScope) -> None:
        self.scope = scope
        self.lambda_vars: list[dict] = []
        self.copy_indices: dict[str | None, int] = {}
        self._now: datetime | None = scope.now

    @property
    def now(self) -> datetime:
        if self._now is None:
            self._now = datetime.now(UTC).replace(microsecond=0)
        return self._now

    # -- JSON values -------------------------------------------------------------------------
    def evaluate_value(self, value: object, path: list | None = None) -> object:
        """Evaluate every expression inside a JSON value (property ``copy`` arrays expanded)."""
        path = path or []
        if isinstance(value, str):
            return self.evaluate_string(value, path)
        if isinstance(value, list):
            return [self.evaluate_value(v, path + [i]) for i, v in enumerate(value)]
        if isinstance(value, dict):
            from armgen.arm.copy import expand_property_copies

            return expand_property_copies(self, value, path)
        return value

    def evaluate_string(self, value: str, path: list | None = None) -> object:
        try:
            fn, literal = _program(value)
            if fn is None:
                return literal
            result = fn(self)
            if isinstance(result, LambdaValue):
                raise ArmError("A lambda function can only be used as a parameter of filter, map, mapValues, "
                               "reduce, sort, groupBy or toObject.")
            return result
        except ArmError as err:
            if path:
                err.at(path)
            raise

    # -- nodes -------------------------------------------------------------------------------
    def evaluate(self, node: Node) -> object:
        """The node's value: its compiled closure (see :func:`compiled`) run with this evaluator."""
        fn = node._fn
        return (fn if fn is not None else compiled(node))(self)

    def call(self, node: Call) -> object:
        return self.evaluate(node)

    def invoke(self, fn: object, args: list, function: str = "lambda") -> object:
        """Call a ``LambdaValue`` with positional arguments."""
        if not isinstance(fn, LambdaValue):
            raise ArmError(f"The template language function '{function}' expects a lambda function.")
        if len(args) < len(fn.params):
            raise ArmError(f"The lambda passed to '{function}' takes {len(fn.params)} parameter(s).")
        saved = self.lambda_vars
        self.lambda_vars = list(fn.closure) + [dict(zip(fn.params, args, strict=False))]
        try:
            return self.evaluate(fn.body)
        finally:
            self.lambda_vars = saved

    def copy_index(self, loop: str | None) -> int:
        key = loop.lower() if loop else None
        if key in self.copy_indices:
            return self.copy_indices[key]
        if loop:
            raise ArmError(f"The template function 'copyIndex' has an invalid copy loop name '{loop}'; the "
                           f"loop is not defined or not in scope here.")
        raise ArmError("The template function 'copyIndex' is not expected at this location. It can only be "
                       "used in a resource, property, variable or output with a copy loop.")

    def lambda_variable(self, name: str) -> object:
        for frame in reversed(self.lambda_vars):
            if name in frame:
                return frame[name]
        raise ArmError(f"The lambda variable '{name}' is not defined.")


# -- compiled nodes ------------------------------------------------------------------------------
# Each node is compiled once into a closure ``fn(ev)`` and kept on the node (trees are immutable and
# parsed once per expression string), so an expression evaluated for many parameter files or copy
# indices is dispatched, looked up and arity-checked once. A closure fails as evaluating the node
# did: an ArmError gets the column of the innermost node that raised, a Python error in a function
# becomes an ArmError unless ``Evaluator.strict``, a function unknown or called with the wrong number
# of arguments fails when evaluated (not when compiled), before its arguments are evaluated.

for _node_type in (Literal, Call, Property, Index):
    _node_type._fn = None  # a class default (not a dataclass field): the closure once compiled


def compiled(node: Node):
    """The closure evaluating ``node`` (compiled on first use, then kept on the node)."""
    if isinstance(node, Literal):
        value = node.value
        fn = lambda ev: value  # noqa: E731 - a literal cannot fail
    elif isinstance(node, Property):
        fn = _guarded(_property(node), node.column)
    elif isinstance(node, Index):
        fn = _guarded(_index(node), node.column)
    elif isinstance(node, Call):
        fn = _guarded(_call(node), node.column)
    else:
        raise ArmError(f"Unknown expression node {node!r}.")
    object.__setattr__(node, "_fn", fn)
    return fn


@lru_cache(maxsize=16384)
def _program(value: str) -> tuple[object, object]:
    """(closure, None) for an expression string, (None, its value) for a literal one (memoised; a string
    that does not parse fails each time it is evaluated)."""
    if not is_expression(value):
        return None, unescape_literal(value)
    return _run(parse_template_string(value)), None


def _run(node: Node):
    fn = node._fn
    return fn if fn is not None else compiled(node)


def _guarded(body, column: int):
    """``body`` with the node's error handling: the column on an ArmError without one, nesting too deep."""
    def fn(ev: Evaluator) -> object:
        try:
            return body(ev)
        except ArmError as err:
            if err.column is None:
                err.column = column or None
            raise
        except RecursionError:
            raise ArmError("The language expression is nested too deeply.", column=column) from None
    return fn


def _property(node: Property):
    target, name = _run(node.target), node.name
    return lambda ev: get_property(target(ev), name)


def _index(node: Index):
    target, index = _run(node.target), _run(node.index)
    return lambda ev: get_index(target(ev), index(ev))


def _call(node: Call):
    global _lookup
    if _lookup is None:
        from armgen.arm.functions import lookup as _found

        _lookup = _found
    name, nodes = node.name, node.args
    args = tuple(_run(a) for a in nodes)
    if "." in name:
        return lambda ev: ev.scope.call_user_function(name, [a(ev) for a in args], ev)
    try:
        spec = _lookup(name)
        spec.check_arity(len(nodes))
    except ArmError:
        lookup = _lookup

        def fails(ev: Evaluator) -> object:  # a fresh error each time (errors are located in place)
            lookup(name).check_arity(len(nodes))
            raise AssertionError("unreachable")  # pragma: no cover
        return fails
    impl, function, lazy, checked = spec.impl, spec.name, spec.lazy, spec.family != "lambda"

    def call(ev: Evaluator) -> object:
        values = list(nodes) if lazy else [a(ev) for a in args]
        if checked and values:
            for value in values:
                if type(value) is LambdaValue:
                    raise ArmError(f"The template language function '{function}' does not accept a lambda "
                                   f"function as a parameter; lambdas are only valid in filter, map, mapValues, "
                                   f"reduce, sort, groupBy and toObject.")
        try:
            result = impl(ev, values)
            if isinstance(result, str | list | dict) and len(result) > VALUE_LIMIT:
                check_value_size(result, function)
            return result
        except (ValueError, TypeError, ArithmeticError, OSError, IndexError, KeyError) as exc:
            if ev.strict:
                raise
            raise ArmError(f"Unable to evaluate template language function '{function}': {exc}.") from None
    return call
