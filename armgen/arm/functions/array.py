"""Array functions (several also accept strings and objects, as in ARM)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import deep_equals, expect, find_key, is_type, to_string, type_name

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator

MAX_RANGE = 10000


@arm_function("array", 1)
def array_(ev: Evaluator, args: list) -> object:
    value = args[0]
    return list(value) if isinstance(value, list) else [value]


@arm_function("createArray", 0, None)
def create_array(ev: Evaluator, args: list) -> object:
    return list(args)


@arm_function("concat", 0, None)
def concat(ev: Evaluator, args: list) -> object:
    if args and isinstance(args[0], list):
        result: list = []
        for i, value in enumerate(args):
            if value is None:
                continue
            result.extend(expect("concat", value, "Array", position=i))
        return result
    parts = []
    for value in args:
        if isinstance(value, list):
            raise ArmError("The template language function 'concat' expects all parameters to be of the "
                           "same type: either all arrays or all strings/values.")
        parts.append(to_string(value))
    return "".join(parts)


@arm_function("contains", 2)
def contains(ev: Evaluator, args: list) -> object:
    container, item = args
    if isinstance(container, str):
        return to_string(item) in container
    if isinstance(container, list):
        return any(deep_equals(v, item) for v in container)
    if isinstance(container, dict):
        return isinstance(item, str) and find_key(container, item) is not None
    if container is None:
        return False
    expect("contains", container, "Array", "Object", "String")
    return False


@arm_function("empty", 1)
def empty(ev: Evaluator, args: list) -> object:
    value = args[0]
    if value is None:
        return True
    expect("empty", value, "Array", "Object", "String")
    return len(value) == 0


@arm_function("first", 1)
def first(ev: Evaluator, args: list) -> object:
    value = expect("first", args[0], "Array", "String")
    if isinstance(value, str):
        return value[:1]
    return value[0] if value else None


@arm_function("last", 1)
def last(ev: Evaluator, args: list) -> object:
    value = expect("last", args[0], "Array", "String")
    if isinstance(value, str):
        return value[-1:]
    return value[-1] if value else None


def _index_of(name: str, args: list, reverse: bool) -> int:
    container, item = args
    expect(name, container, "Array", "String")
    if isinstance(container, str):
        text, needle = container.casefold(), expect(name, item, "String", position=1).casefold()
        return text.rfind(needle) if reverse else text.find(needle)
    indices = range(len(container) - 1, -1, -1) if reverse else range(len(container))
    return next((i for i in indices if deep_equals(container[i], item)), -1)


@arm_function("indexOf", 2)
def index_of(ev: Evaluator, args: list) -> object:
    return _index_of("indexOf", args, reverse=False)


@arm_function("lastIndexOf", 2)
def last_index_of(ev: Evaluator, args: list) -> object:
    return _index_of("lastIndexOf", args, reverse=True)


@arm_function("length", 1)
def length(ev: Evaluator, args: list) -> object:
    value = args[0]
    if value is None:
        return 0
    return len(expect("length", value, "Array", "String", "Object"))


def _int_arg(name: str, value: object, position: int) -> int:
    return expect(name, value, "Integer", position=position)


@arm_function("skip", 2)
def skip(ev: Evaluator, args: list) -> object:
    value = expect("skip", args[0], "Array", "String")
    count = _int_arg("skip", args[1], 1)
    return value[max(count, 0):]


@arm_function("take", 2)
def take(ev: Evaluator, args: list) -> object:
    value = expect("take", args[0], "Array", "String")
    count = _int_arg("take", args[1], 1)
    return value[:max(count, 0)]


@arm_function("range", 2)
def range_(ev: Evaluator, args: list) -> object:
    start, count = _int_arg("range", args[0], 0), _int_arg("range", args[1], 1)
    if count < 0 or count > MAX_RANGE:
        raise ArmError(f"The template language function 'range' expects the count to be between 0 and "
                       f"{MAX_RANGE}; the provided value is '{count}'.")
    if start + count > 2**31 - 1:
        raise ArmError("The template language function 'range' expects the sum of start index and count "
                       "to be at most 2147483647.")
    return list(range(start, start + count))


def _numbers(name: str, args: list) -> list:
    values = args[0] if len(args) == 1 and isinstance(args[0], list) else args
    if not values:
        raise ArmError(f"The template language function '{name}' expects at least one value.")
    for i, v in enumerate(values):
        expect(name, v, "Number", position=i)
    return values


@arm_function("min", 1, None)
def min_(ev: Evaluator, args: list) -> object:
    return min(_numbers("min", args))


@arm_function("max", 1, None)
def max_(ev: Evaluator, args: list) -> object:
    return max(_numbers("max", args))


def _same_kind(name: str, args: list) -> str:
    kind = type_name(args[0])
    if kind not in ("Array", "Object"):
        expect(name, args[0], "Array", "Object")
    for i, value in enumerate(args):
        if type_name(value) != kind:
            raise ArmError(f"The template language function '{name}' expects its {['first', 'second'][min(i, 1)]}"
                           f" parameter to be of type '{kind}'. The provided value is of type "
                           f"'{type_name(value)}'.")
    return kind


@arm_function("union", 2, None)
def union(ev: Evaluator, args: list) -> object:
    if _same_kind("union", args) == "Array":
        result: list = []
        for arr in args:
            for item in arr:
                if not any(deep_equals(item, r) for r in result):
                    result.append(item)
        return result
    merged: dict = {}
    for obj in args:
        merged = _deep_merge(merged, obj)
    return merged


def _deep_merge(base: dict, other: dict) -> dict:
    result = dict(base)
    for key, value in other.items():
        existing = find_key(result, key)
        if existing is not None and isinstance(result[existing], dict) and isinstance(value, dict):
            merged = _deep_merge(result.pop(existing), value)
            result[existing] = merged
            continue
        if existing is not None:
            del result[existing]
        result[key] = value
    return result


@arm_function("intersection", 2, None)
def intersection(ev: Evaluator, args: list) -> object:
    if _same_kind("intersection", args) == "Array":
        result: list = []
        for item in args[0]:
            if all(any(deep_equals(item, o) for o in other) for other in args[1:]) and not any(
                    deep_equals(item, r) for r in result):
                result.append(item)
        return result
    result_obj: dict = {}
    for key, value in args[0].items():
        if all((k := find_key(o, key)) is not None and deep_equals(o[k], value) for o in args[1:]):
            result_obj[key] = value
    return result_obj


@arm_function("tryGet", 2, None)
def try_get(ev: Evaluator, args: list) -> object:
    value = args[0]
    for key in args[1:]:
        if isinstance(value, dict) and isinstance(key, str):
            found = find_key(value, key)
            value = value[found] if found is not None else None
        elif isinstance(value, list) and is_type(key, "Integer"):
            value = value[key] if 0 <= key < len(value) else None
        else:
            return None
        if value is None:
            return None
    return value


@arm_function("flatten", 1)
def flatten(ev: Evaluator, args: list) -> object:
    result: list = []
    for i, item in enumerate(expect("flatten", args[0], "Array")):
        if item is None:
            continue
        if not isinstance(item, list):
            raise ArmError(f"The template language function 'flatten' expects an array of arrays; element {i} is "
                           f"of type '{type_name(item)}'.")
        result.extend(item)
    return result


def _from_end(name: str, args: list, strict: bool) -> object:
    items = expect(name, args[0], "Array")
    index = expect(name, args[1], "Integer", position=1)
    if 1 <= index <= len(items):
        return items[len(items) - index]
    if strict:
        raise ArmError(f"The template language function '{name}': index '{index}' from the end is out of bounds "
                       f"for an array of length {len(items)}.")
    return None


@arm_function("indexFromEnd", 2)
def index_from_end(ev: Evaluator, args: list) -> object:
    return _from_end("indexFromEnd", args, strict=True)


@arm_function("tryIndexFromEnd", 2)
def try_index_from_end(ev: Evaluator, args: list) -> object:
    return _from_end("tryIndexFromEnd", args, strict=False)
