"""Copy loops: property/variable ``copy`` arrays and copy counts."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.values import is_type

if TYPE_CHECKING:
    from collections.abc import Iterator

    from armgen.arm.evaluator import Evaluator

MAX_COPY = 800


def is_property_copy(value: object) -> bool:
    """A ``"copy": [{"name", "count", "input"}...]`` array."""
    return isinstance(value, list) and bool(value) and all(
        isinstance(c, dict) and "input" in c and "name" in c for c in value)


def evaluate_count(ev: Evaluator, spec: dict, path: list) -> int:
    """The evaluated ``count`` of a copy spec (0..800)."""
    if "count" not in spec:
        raise ArmError("The copy is missing the required property 'count'.", path=path)
    count = ev.evaluate_value(spec["count"], path + ["count"])
    if isinstance(count, str) and count.strip().lstrip("-").isdigit():
        count = int(count)
    if not is_type(count, "Integer"):
        raise ArmError(f"The copy count must be an integer; got '{count}'.", path=path + ["count"])
    if count < 0 or count > MAX_COPY:
        raise ArmError(f"The copy count '{count}' must be between 0 and {MAX_COPY}.", path=path + ["count"])
    return count


@contextmanager
def copy_frame(ev: Evaluator, name: str | None, index: int) -> Iterator[None]:
    """Make ``copyIndex(name)`` (and ``copyIndex()`` when name is None) return ``index``."""
    saved = dict(ev.copy_indices)
    ev.copy_indices[name.lower() if name else None] = index
    try:
        yield
    finally:
        ev.copy_indices = saved


def expand_copy_array(ev: Evaluator, spec: dict, path: list) -> list:
    """One ``{"name", "count", "input"}`` spec -> the array of evaluated inputs."""
    name = ev.evaluate_value(spec.get("name"), path + ["name"])
    if not isinstance(name, str) or not name:
        raise ArmError("The copy is missing the required property 'name'.", path=path)
    items = []
    for index in range(evaluate_count(ev, spec, path)):
        with copy_frame(ev, name, index):
            items.append(ev.evaluate_value(spec["input"], path + ["input"]))
    return items


def expand_property_copies(ev: Evaluator, obj: dict, path: list) -> dict:
    """Evaluate an object; a ``copy`` array becomes one array property per spec."""
    result: dict = {}
    for key, value in obj.items():
        if key.lower() == "copy" and is_property_copy(value):
            for i, spec in enumerate(value):
                result[str(ev.evaluate_value(spec["name"]))] = expand_copy_array(ev, spec, path + [key, i])
        else:
            result[key] = ev.evaluate_value(value, path + [key])
    return result
