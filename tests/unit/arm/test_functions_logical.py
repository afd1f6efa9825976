"""Logical functions; values from Microsoft Learn (template-functions-logical)."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError
from tests.unit.arm.conftest import evaluate


@pytest.mark.parametrize(("expr", "expected"), [
    ("and(bool('true'), bool('false'))", False), ("or(bool('true'), bool('false'))", True),
    ("not(bool('true'))", False), ("and(true, true, true)", True), ("or(false, false)", False),
    ("bool('true')", True), ("bool('FALSE')", False), ("bool(1)", True), ("bool(0)", False),
    ("true()", True), ("false()", False), ("true", True),
    ("if(equals('a', 'a'), 'yes', 'no')", "yes"), ("if(false, 'yes', 'no')", "no"),
    ("if(true, 'only the chosen branch is evaluated', div(1, 0))", "only the chosen branch is evaluated"),
])
def test_logical(expr: str, expected) -> None:
    assert evaluate(expr) == expected


@pytest.mark.parametrize(("expr", "fragment"), [
    ("and(true)", "at least 2"), ("not('x')", "of type 'Boolean'"), ("bool('maybe')", "cannot convert"),
    ("if('x', 1, 2)", "of type 'Boolean'"), ("if(true, 1)", "requires 3 argument(s) while 2"),
    ("or(true, 1)", "second parameter to be of type 'Boolean'"),
])
def test_logical_errors(expr: str, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        evaluate(expr)
    assert fragment in info.value.message


def test_coalesce_short_circuits_and_fail_stops_with_its_message() -> None:
    """bicep-functions-flow-control#fail: "fail ... can only be used within short-circuiting functions"; its
    examples `a.?name ?? a.?id ?? fail('...')` (compiled to coalesce) and `x != 0 ? y / x : fail('...')` (if)."""
    assert evaluate("coalesce(null(), 'id-1', fail('Expected a name or an id'))") == "id-1"
    assert evaluate("if(true(), 'ok', fail('never evaluated'))") == "ok"
    with pytest.raises(ArmError, match="Expected a name or an id"):
        evaluate("coalesce(null(), null(), fail('Expected a name or an id'))")
