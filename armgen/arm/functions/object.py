"""Object functions (``contains``, ``empty``, ``length``, ``union``... live in array.py)."""

from __future__ import annotations

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import expect, merge_objects


@arm_function("createObject", 0, None)
def create_object(ev, args):
    if len(args) % 2:
        raise ArmError("The template language function 'createObject' expects an even number of parameters "
                       "(key/value pairs).")
    result: dict = {}
    for i in range(0, len(args), 2):
        result[expect("createObject", args[i], "String", position=i)] = args[i + 1]
    return result


@arm_function("items", 1)
def items(ev, args):
    obj = expect("items", args[0], "Object")
    return [{"key": k, "value": obj[k]} for k in sorted(obj, key=str.casefold)]


@arm_function("objectKeys", 1)
def object_keys(ev, args):
    return list(expect("objectKeys", args[0], "Object").keys())


@arm_function("null", 0)
def null(ev, args):
    return None


@arm_function("shallowMerge", 1)
def shallow_merge(ev, args):
    objects = expect("shallowMerge", args[0], "Array")
    return merge_objects(expect("shallowMerge", o, "Object") for o in objects)
