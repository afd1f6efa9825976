"""Comparison functions; values from Microsoft Learn (template-functions-comparison)."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError
from tests.unit.arm.conftest import evaluate


@pytest.mark.parametrize(("expr", "expected"), [
    ("coalesce(null(), null(), 1)", 1), ("coalesce(null(), 'a', 'b')", "a"), ("coalesce(null())", None),
    ("equals(1, 1)", True), ("equals('a', 'a')", True), ("equals(createArray('a', 'b'), createArray('a', 'b'))", True),
    ("equals(createObject('a', 'b'), createObject('a', 'b'))", True), ("not(equals(1, 2))", True),
    ("equals(true, 1)", False), ("equals('a', 'A')", False),
    ("greater(1, 2)", False), ("greater('A', 'a')", True),
    ("greaterOrEquals(1, 2)", False), ("greaterOrEquals('A', 'a')", True),
    ("less(1, 2)", True), ("less('A', 'a')", False),
    ("lessOrEquals(1, 2)", True), ("lessOrEquals('A', 'a')", False), ("lessOrEquals(2, 2)", True),
    ("less('abc', 'abd')", True),
])
def test_comparison(expr: str, expected) -> None:
    assert evaluate(expr) == expected


@pytest.mark.parametrize(("expr", "fragment"), [
    ("greater(1, 'a')", "same type"), ("less(createArray(), 1)", "of type 'Integer' or 'Float' or 'String'"),
    ("equals(1)", "requires 2 argument(s) while 1 were provided"), ("coalesce()", "at least 1"),
])
def test_comparison_errors(expr: str, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        evaluate(expr)
    assert fragment in info.value.message
