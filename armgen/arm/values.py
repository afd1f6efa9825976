"""ARM value model on plain JSON types: type names, checks, case-insensitive keys, conversions."""

from __future__ import annotations

import json
from collections.abc import Iterable

from armgen.arm.errors import ArmError

ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]


class PlaceholderObject(dict):
    """A value only known at deploy time (offline ``reference()``/``list*()``).

    Missing properties yield further placeholders; where a string is needed it reads as ``text``."""

    def __init__(self, origin: str, values: dict | None = None) -> None:
        super().__init__(values or {})
        self.origin = origin

    @property
    def text(self) -> str:
        return f"[{self.origin}]"


def type_name(value: object) -> str:
    """ARM's name for the type of ``value``."""
    if value is None:
        return "Null"
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        return "String"
    if isinstance(value, list):
        return "Array"
    if isinstance(value, dict):
        return "Object"
    return type(value).__name__


_PY_TYPES = {"String": str, "Integer": int, "Boolean": bool, "Array": list, "Object": dict, "Float": float}


def is_type(value: object, name: str) -> bool:
    if name == "Integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "Number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if name == "Null":
        return value is None
    if name == "Any":
        return True
    return isinstance(value, _PY_TYPES[name])


def expect(function: str, value: object, *types: str, position: int = 0) -> object:
    """Check an argument's type; a placeholder passes where a String/Integer/Array is expected."""
    if isinstance(value, PlaceholderObject) and "Object" not in types:
        if "String" in types:
            return value.text
        if "Integer" in types or "Number" in types:
            return 0
        if "Boolean" in types:
            return False
        if "Array" in types:
            return []
    for name in types:
        if is_type(value, name):
            return value
    wanted = "' or '".join("Integer" if t == "Number" else t for t in types)
    raise ArmError(f"The template language function '{function}' expects its {ordinal(position)} "
                   f"parameter to be of type '{wanted}'. The provided value is of type '{type_name(value)}'.")


def ordinal(position: int) -> str:
    return ORDINALS[position] if position < len(ORDINALS) else f"#{position + 1}"


def find_key(obj: dict, key: str) -> str | None:
    """The stored spelling of ``key`` in ``obj`` (exact first, then case-insensitive)."""
    if key in obj:
        return key
    folded = key.casefold()
    for existing in obj:
        if isinstance(existing, str) and existing.casefold() == folded:
            return existing
    return None


def get_property(value: object, key: str) -> object:
    """``value.key`` / ``value['key']`` with ARM's case-insensitive property lookup."""
    if isinstance(value, dict):
        found = find_key(value, key)
        if found is not None:
            return value[found]
        if isinstance(value, PlaceholderObject):
            return PlaceholderObject(f"{value.origin}.{key}")
        available = ", ".join(value.keys())
        raise ArmError(f"The language expression property '{key}' doesn't exist, available properties "
                       f"are '{available}'.")
    raise ArmError(f"The language expression property '{key}' can't be evaluated, property name must "
                   f"be a string and the target must be an object; the target is of type '{type_name(value)}'.")


def get_index(value: object, index: object) -> object:
    """``value[index]``: arrays by integer, objects by string key."""
    if isinstance(value, PlaceholderObject):
        return get_property(value, str(index))
    if isinstance(value, list):
        if not is_type(index, "Integer"):
            raise ArmError(f"The language expression array index must be an integer; got '{type_name(index)}'.")
        if not 0 <= index < len(value):
            raise ArmError(f"The language expression property array index '{index}' is out of bounds.")
        return value[index]
    if isinstance(value, dict):
        if not isinstance(index, str):
            raise ArmError(f"The language expression property name must be a string; got '{type_name(index)}'.")
        return get_property(value, index)
    raise ArmError(f"The language expression property '{index}' can't be evaluated on a value of type "
                   f"'{type_name(value)}'.")


def deep_equals(a: object, b: object) -> bool:
    """ARM equality: type-strict (true != 1), deep, object keys case-insensitive."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if type_name(a) != type_name(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(deep_equals(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        if len(a) != len(b):
            return False
        for key, value in a.items():
            other = find_key(b, key)
            if other is None or not deep_equals(value, b[other]):
                return False
        return True
    return a == b


def to_json_text(value: object) -> str:
    """Compact JSON as ARM serialises objects and arrays inside strings."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def to_string(value: object) -> str:
    """ARM ``string()``: strings as-is, booleans as True/False, objects/arrays as compact JSON."""
    if isinstance(value, PlaceholderObject):
        return value.text
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "True" if value else "False"
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return to_json_text(value)


def merge_objects(objects: Iterable[dict]) -> dict:
    """Shallow union of objects, later keys win (case-insensitive)."""
    result: dict = {}
    for obj in objects:
        for key, value in obj.items():
            existing = find_key(result, key)
            if existing is not None:
                del result[existing]
            result[key] = value
    return result
