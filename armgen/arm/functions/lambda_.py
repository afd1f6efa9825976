"""Lambda functions: lambda, lambdaVariables, filter, map, mapValues, reduce, sort, groupBy, toObject."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.evaluator import LambdaValue
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import expect, to_string

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator


@arm_function("lambda", 1, None, lazy=True)
def lambda_(ev: Evaluator, nodes: list) -> object:
    names = []
    for node in nodes[:-1]:
        name = ev.evaluate(node)
        names.append(expect("lambda", name, "String"))
    return LambdaValue(tuple(names), nodes[-1], tuple(ev.lambda_vars))


@arm_function("lambdaVariables", 1)
def lambda_variables(ev: Evaluator, args: list) -> object:
    return ev.lambda_variable(expect("lambdaVariables", args[0], "String"))


def _call(ev: Evaluator, fn: object, name: str, *values: object) -> object:
    if not isinstance(fn, LambdaValue):
        raise ArmError(f"The template language function '{name}' expects a lambda function as its last "
                       f"parameter.")
    return ev.invoke(fn, list(values)[:max(len(fn.params), 1)], name)


@arm_function("filter", 2)
def filter_(ev: Evaluator, args: list) -> object:
    items = expect("filter", args[0], "Array")
    return [x for i, x in enumerate(items)
            if expect("filter", _call(ev, args[1], "filter", x, i), "Boolean")]


@arm_function("map", 2)
def map_(ev: Evaluator, args: list) -> object:
    items = expect("map", args[0], "Array")
    return [_call(ev, args[1], "map", x, i) for i, x in enumerate(items)]


@arm_function("mapValues", 2)
def map_values(ev: Evaluator, args: list) -> object:
    obj = expect("mapValues", args[0], "Object")
    return {k: _call(ev, args[1], "mapValues", v) for k, v in obj.items()}


@arm_function("reduce", 3)
def reduce_(ev: Evaluator, args: list) -> object:
    items = expect("reduce", args[0], "Array")
    acc = args[1]
    for i, x in enumerate(items):
        acc = _call(ev, args[2], "reduce", acc, x, i)
    return acc


@arm_function("sort", 2)
def sort(ev: Evaluator, args: list) -> object:
    items = expect("sort", args[0], "Array")

    def compare(a, b):
        if expect("sort", _call(ev, args[1], "sort", a, b), "Boolean"):
            return -1
        if expect("sort", _call(ev, args[1], "sort", b, a), "Boolean"):
            return 1
        return 0

    return sorted(items, key=functools.cmp_to_key(compare))


@arm_function("groupBy", 2)
def group_by(ev: Evaluator, args: list) -> object:
    items = expect("groupBy", args[0], "Array")
    groups: dict = {}
    folded: dict[str, str] = {}
    for x in items:
        key = to_string(_call(ev, args[1], "groupBy", x))
        stored = folded.setdefault(key.casefold(), key)
        groups.setdefault(stored, []).append(x)
    return groups


@arm_function("toObject", 2, 3)
def to_object(ev: Evaluator, args: list) -> object:
    items = expect("toObject", args[0], "Array")
    result: dict = {}
    for x in items:
        key = expect("toObject", _call(ev, args[1], "toObject", x), "String")
        result[key] = _call(ev, args[2], "toObject", x) if len(args) > 2 else x
    return result
