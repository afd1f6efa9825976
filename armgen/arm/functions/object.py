"""Object functions (``contains``, ``empty``, ``length``, ``union``... live in array.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import expect, merge_objects

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator


@arm_function("createObject", 0, None)
def create_object(ev: Evaluator, args: list) -> object:
    if len(args) % 2:
        raise ArmError("The template language function 'createObject' expects an even number of parameters "
                       "(key/value pairs).")
    result: dict = {}
    for i in range(0, len(args), 2):
        result[expect("createObject", args[i], "String", position=i)] = args[i + 1]
    return result


@arm_function("items", 1)
def items(ev: Evaluator, args: list) -> object:
    """Keys in alphabetical order (template-functions-object#items, "sorts the objects in the alphabetical
    order"); ARM's keys are case-insensitive, so the comparison is .NET's OrdinalIgnoreCase, which compares
    upper-cased text ('_' sorts after letters, 'B' and 'b' are equal and keep their order)."""
    obj = expect("items", args[0], "Object")
    return [{"key": k, "value": obj[k]} for k in sorted(obj, key=str.upper)]


@arm_function("objectKeys", 1)
def object_keys(ev: Evaluator, args: list) -> object:
    return list(expect("objectKeys", args[0], "Object").keys())


@arm_function("null", 0)
def null(ev: Evaluator, args: list) -> object:
    return None


@arm_function("shallowMerge", 1)
def shallow_merge(ev: Evaluator, args: list) -> object:
    objects = expect("shallowMerge", args[0], "Array")
    return merge_objects(expect("shallowMerge", o, "Object") for o in objects)
