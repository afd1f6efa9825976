"""Comparing a deployed value with the one armgen sent, the way ARM treats them."""

from __future__ import annotations

from typing import Any

from armgen.durations import parse_duration

_MISSING = object()


def lookup(doc: Any, path: str) -> Any:
    """``doc`` at a dotted path, or the module's MISSING marker (keys matched case-insensitively)."""
    node = doc
    for key in path.split("."):
        if not isinstance(node, dict):
            return _MISSING
        if key in node:
            node = node[key]
            continue
        match = next((k for k in node if str(k).lower() == key.lower()), None)
        if match is None:
            return _MISSING
        node = node[match]
    return node


def is_missing(value: Any) -> bool:
    return value is _MISSING


def _seconds(text: str) -> float | None:
    """The length of an ISO 8601 duration in seconds (any case), None for any other string."""
    try:
        return parse_duration(text.strip().upper()).total_seconds()
    except (ValueError, OverflowError):
        return None


def same(expected: Any, actual: Any) -> bool:
    """Equal as ARM means it: strings and ids case-insensitive, ISO 8601 durations by length
    (``PT120S`` == ``PT2M``), numbers by value, objects key by key."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return str(expected).lower() == str(actual).lower()
    if isinstance(expected, int | float) and isinstance(actual, int | float):
        return float(expected) == float(actual)
    if isinstance(expected, str) and isinstance(actual, str):
        a, b = _seconds(expected), _seconds(actual)
        if a is not None and b is not None:
            return a == b
        return expected.casefold() == actual.casefold()
    if isinstance(expected, dict) and isinstance(actual, dict):
        return all(same(v, lookup(actual, k)) for k, v in expected.items()) and len(expected) <= len(actual)
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(same(e, a) for e, a in zip(expected, actual, strict=True))
    if isinstance(expected, int | float) and isinstance(actual, str):
        return str(expected) == actual
    return expected == actual


def show(value: Any) -> str:
    return "absent" if is_missing(value) else repr(value)
