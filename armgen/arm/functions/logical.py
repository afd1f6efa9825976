"""Logical functions; ``if`` evaluates only the chosen branch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import expect

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator


@arm_function("and", 2, None)
def and_(ev: Evaluator, args: list) -> object:
    return all([expect("and", v, "Boolean", position=i) for i, v in enumerate(args)])


@arm_function("or", 2, None)
def or_(ev: Evaluator, args: list) -> object:
    return any([expect("or", v, "Boolean", position=i) for i, v in enumerate(args)])


@arm_function("not", 1)
def not_(ev: Evaluator, args: list) -> object:
    return not expect("not", args[0], "Boolean")


@arm_function("bool", 1)
def bool_(ev: Evaluator, args: list) -> object:
    value = args[0]
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    text = expect("bool", value, "String", "Boolean", "Integer")
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    raise ArmError(f"The template language function 'bool' cannot convert '{text}' to a boolean.")


@arm_function("true", 0)
def true_(ev: Evaluator, args: list) -> object:
    return True


@arm_function("false", 0)
def false_(ev: Evaluator, args: list) -> object:
    return False


@arm_function("if", 3, lazy=True)
def if_(ev: Evaluator, nodes: list) -> object:
    condition = expect("if", ev.evaluate(nodes[0]), "Boolean")
    return ev.evaluate(nodes[1] if condition else nodes[2])
