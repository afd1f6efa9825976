"""Numeric functions (64-bit integers with C# semantics for div and mod)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import PlaceholderObject, expect

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator

INT64 = 2**64


def _wrap(value: int) -> int:
    value %= INT64
    return value - INT64 if value >= 2**63 else value


def _ints(name: str, args: list) -> list[int]:
    return [expect(name, v, "Integer", position=i) for i, v in enumerate(args)]


@arm_function("add", 2)
def add(ev: Evaluator, args: list) -> object:
    a, b = _ints("add", args)
    return _wrap(a + b)


@arm_function("sub", 2)
def sub(ev: Evaluator, args: list) -> object:
    a, b = _ints("sub", args)
    return _wrap(a - b)


@arm_function("mul", 2)
def mul(ev: Evaluator, args: list) -> object:
    a, b = _ints("mul", args)
    return _wrap(a * b)


@arm_function("div", 2)
def div(ev: Evaluator, args: list) -> object:
    a, b = _ints("div", args)
    if b == 0:
        raise ArmError("The template language function 'div' expects its second parameter to be a non-zero "
                       "integer. The provided value is '0'.")
    q = abs(a) // abs(b)
    return _wrap(q if (a >= 0) == (b >= 0) else -q)


@arm_function("mod", 2)
def mod(ev: Evaluator, args: list) -> object:
    a, b = _ints("mod", args)
    if b == 0:
        raise ArmError("The template language function 'mod' expects its second parameter to be a non-zero "
                       "integer. The provided value is '0'.")
    r = abs(a) % abs(b)
    return r if a >= 0 else -r


@arm_function("int", 1)
def int_(ev: Evaluator, args: list) -> object:
    value = args[0]
    if isinstance(value, PlaceholderObject):
        return 0
    if isinstance(value, bool):
        raise ArmError("The template language function 'int' expects its parameter to be of type 'String' "
                       "or 'Integer'. The provided value is of type 'Boolean'.")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return round(value)
    text = expect("int", value, "String")
    try:
        return int(text.strip())
    except ValueError:
        raise ArmError(f"The template language function 'int' expects its parameter to be an integer "
                       f"string; could not convert '{text}'.") from None


@arm_function("float", 1)
def float_(ev: Evaluator, args: list) -> object:
    value = args[0]
    if isinstance(value, bool):
        raise ArmError("The template language function 'float' expects its parameter to be of type "
                       "'String' or 'Integer'. The provided value is of type 'Boolean'.")
    if isinstance(value, int | float):
        return float(value)
    text = expect("float", value, "String")
    try:
        return float(text)
    except ValueError:
        raise ArmError(f"The template language function 'float' could not convert '{text}'.") from None


@arm_function("copyIndex", 0, 2)
def copy_index(ev: Evaluator, args: list) -> object:
    loop: str | None = None
    offset = 0
    if len(args) == 2:
        loop = expect("copyIndex", args[0], "String")
        offset = expect("copyIndex", args[1], "Integer", position=1)
    elif len(args) == 1:
        if isinstance(args[0], str):
            loop = args[0]
        else:
            offset = expect("copyIndex", args[0], "Integer", "String")
    return ev.copy_index(loop) + offset
