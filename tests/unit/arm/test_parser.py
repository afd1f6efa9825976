"""Expression parser: literals, calls, access, escapes, and errors with columns."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError, is_expression, parse_expression, parse_template_string, print_expression
from armgen.arm.ast import Call, Index, Literal, Property
from armgen.arm.parser import unescape_literal


@pytest.mark.parametrize(("text", "expected"), [
    ("'abc'", Literal("abc")),
    ("'it''s'", Literal("it's")),
    ("''", Literal("")),
    ("42", Literal(42)),
    ("-7", Literal(-7)),
    ("true", Literal(True)),
    ("FALSE", Literal(False)),
    ("null", Literal(None)),
    ("concat()", Call("concat", ())),
    ("concat('a', 1)", Call("concat", (Literal("a"), Literal(1)))),
    ("resourceGroup().location", Property(Call("resourceGroup", ()), "location")),
    ("parameters('p')['key']", Index(Call("parameters", (Literal("p"),)), Literal("key"))),
    ("variables('v')[0].name", Property(Index(Call("variables", (Literal("v"),)), Literal(0)), "name")),
    ("contoso.uniqueName('x')", Call("contoso.uniqueName", (Literal("x"),))),
    ("  add( 1 ,\t2 ) ", Call("add", (Literal(1), Literal(2)))),
])
def test_parses(text: str, expected) -> None:
    assert parse_expression(text) == expected


@pytest.mark.parametrize(("text", "column", "fragment"), [
    ("concat('a'", 11, "expected token 'RightParenthesis' and actual 'EndOfData'"),
    ("concat('a' 'b')", 12, "expected token 'RightParenthesis'"),
    ("'unterminated", 1, "not terminated"),
    ("concat(#)", 8, "the string character '#' at position '8' is not expected"),
    ("", 1, "expected token 'Identifier' and actual 'EndOfData'"),
    ("foo", 4, "expected token 'LeftParenthesis'"),
    ("a().", 5, "expected token 'Identifier'"),
    ("a()[1", 6, "expected token 'RightSquareBracket'"),
    ("99999999999999999999", 1, "out of range"),
    ("1abc", 2, "is not expected"),
])
def test_syntax_errors_name_the_column(text: str, column: int, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        parse_expression(text)
    assert info.value.column == column
    assert fragment in info.value.message


def test_template_string_columns_count_the_bracket() -> None:
    with pytest.raises(ArmError) as info:
        parse_template_string("[concat('a' 'b')]")
    assert info.value.column == 13


@pytest.mark.parametrize(("value", "expected"), [
    ("[concat('a')]", True), ("[[not an expression]", False), ("plain", False), ("[", False),
    ("[]", True), (5, False), ("[x", False), (" [x]", False),
])
def test_is_expression(value, expected: bool) -> None:
    assert is_expression(value) is expected


def test_double_bracket_escape_drops_one_bracket() -> None:
    assert unescape_literal("[[variables('x')]") == "[variables('x')]"
    assert unescape_literal("plain [text]") == "plain [text]"


@pytest.mark.parametrize("text", [
    "concat('it''s', parameters('p').a['b'][0], -3, true, null)",
    "ns.fn(if(equals(1, 2), 'x', 'y'))",
])
def test_printer_round_trips(text: str) -> None:
    node = parse_expression(text)
    assert parse_expression(print_expression(node)) == node
    assert print_expression(parse_expression(print_expression(node))) == print_expression(node)
