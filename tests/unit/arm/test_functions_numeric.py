"""Numeric functions; values from Microsoft Learn (template-functions-numeric)."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError, Evaluator, parse_expression
from armgen.arm.copy import copy_frame
from tests.unit.arm.conftest import FixedScope, evaluate


@pytest.mark.parametrize(("expr", "expected"), [
    ("add(5, 3)", 8), ("sub(7, 3)", 4), ("mul(5, 3)", 15), ("div(8, 3)", 2), ("mod(7, 3)", 1),
    ("div(-7, 2)", -3), ("mod(-7, 2)", -1), ("int('4')", 4), ("int(4)", 4), ("float('3.5')", 3.5),
    ("float(2)", 2.0), ("max(1, 7, 3)", 7), ("min(1, 7, 3)", 1),
    ("add(9223372036854775807, 1)", -9223372036854775808),
])
def test_numeric(expr: str, expected) -> None:
    result = evaluate(expr)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize(("expr", "fragment"), [
    ("div(1, 0)", "non-zero"), ("mod(1, 0)", "non-zero"), ("add('1', 2)", "first parameter to be of type 'Integer'"),
    ("mul(1, true)", "second parameter to be of type 'Integer'. The provided value is of type 'Boolean'"),
    ("int('abc')", "could not convert"), ("sub(1)", "requires 2 argument(s) while 1"),
    ("copyIndex()", "'copyIndex' is not expected at this location"),
])
def test_numeric_errors(expr: str, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        evaluate(expr)
    assert fragment in info.value.message


def test_copy_index_with_offset_and_loop_names() -> None:
    ev = Evaluator(FixedScope())
    with copy_frame(ev, None, 2), copy_frame(ev, "disks", 5):
        assert ev.evaluate(parse_expression("copyIndex()")) == 2
        assert ev.evaluate(parse_expression("copyIndex(1)")) == 3
        assert ev.evaluate(parse_expression("copyIndex('DISKS')")) == 5
        assert ev.evaluate(parse_expression("copyIndex('disks', 10)")) == 15
        with pytest.raises(ArmError, match="invalid copy loop name 'nics'"):
            ev.evaluate(parse_expression("copyIndex('nics')"))
