"""Logical functions; ``if`` evaluates only the chosen branch."""

from __future__ import annotations

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import expect


@arm_function("and", 2, None)
def and_(ev, args):
    return all([expect("and", v, "Boolean", position=i) for i, v in enumerate(args)])


@arm_function("or", 2, None)
def or_(ev, args):
    return any([expect("or", v, "Boolean", position=i) for i, v in enumerate(args)])


@arm_function("not", 1)
def not_(ev, args):
    return not expect("not", args[0], "Boolean")


@arm_function("bool", 1)
def bool_(ev, args):
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
def true_(ev, args):
    return True


@arm_function("false", 0)
def false_(ev, args):
    return False


@arm_function("if", 3, lazy=True)
def if_(ev, nodes):
    condition = expect("if", ev.evaluate(nodes[0]), "Boolean")
    return ev.evaluate(nodes[1] if condition else nodes[2])
