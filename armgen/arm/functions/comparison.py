"""Comparison functions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import deep_equals, expect, type_name

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator


@arm_function("coalesce", 1, None, lazy=True)
def coalesce(ev: Evaluator, nodes: list) -> object:
    """The first non-null argument; later ones are not evaluated (bicep-functions-flow-control: `??`,
    which compiles to coalesce, short-circuits, so `coalesce(x, fail('...'))` fails only when x is null)."""
    for node in nodes:
        value = ev.evaluate(node)
        if value is not None:
            return value
    return None


@arm_function("equals", 2)
def equals(ev: Evaluator, args: list) -> object:
    return deep_equals(args[0], args[1])


def _ordered(name: str, args: list) -> tuple:
    a, b = args
    expect(name, a, "Integer", "Float", "String")
    if isinstance(a, str) != isinstance(b, str):
        raise ArmError(f"The template language function '{name}' expects two parameters of the same type: "
                       f"'{type_name(a)}' and '{type_name(b)}' were provided.")
    expect(name, b, "Integer", "Float", "String", position=1)
    if isinstance(a, str):
        return _culture_key(a), _culture_key(b)
    return a, b


def _culture_key(text: str) -> tuple:
    """Invariant-culture order: case-insensitive first, then lower case before upper case."""
    return text.casefold(), tuple(ch.isupper() for ch in text)


@arm_function("greater", 2)
def greater(ev: Evaluator, args: list) -> object:
    a, b = _ordered("greater", args)
    return a > b


@arm_function("greaterOrEquals", 2)
def greater_or_equals(ev: Evaluator, args: list) -> object:
    a, b = _ordered("greaterOrEquals", args)
    return a >= b


@arm_function("less", 2)
def less(ev: Evaluator, args: list) -> object:
    a, b = _ordered("less", args)
    return a < b


@arm_function("lessOrEquals", 2)
def less_or_equals(ev: Evaluator, args: list) -> object:
    a, b = _ordered("lessOrEquals", args)
    return a <= b
