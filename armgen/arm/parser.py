"""Recursive-descent parser for ARM expressions and the ``[...]`` string convention."""

from __future__ import annotations

from functools import lru_cache

from armgen.arm.ast import Call, Index, Literal, Node, Property
from armgen.arm.errors import ArmError
from armgen.arm.lexer import Token, tokenize

_KEYWORDS = {"true": True, "false": False, "null": None}


def is_expression(value: object) -> bool:
    """True for a JSON string ARM evaluates: ``[...]`` but not ``[[...``."""
    return (isinstance(value, str) and len(value) >= 2 and value[0] == "[" and value[-1] == "]"
            and not value.startswith("[["))


def unescape_literal(value: str) -> str:
    """A string that is not an expression: ``[[x]`` stands for ``[x]``."""
    if value.startswith("[[") and value.endswith("]"):
        return value[1:]
    return value


def parse_expression(text: str, offset: int = 0) -> Node:
    """Parse expression ``text`` (without the outer brackets); columns are 1-based + ``offset``."""
    if not isinstance(text, str):
        raise ArmError("The language expression must be a string.")
    parser = _Parser(text, tokenize(text, offset))
    try:
        node = parser.expression()
    except RecursionError:
        raise ArmError("The language expression is nested too deeply.", column=offset + 1) from None
    parser.expect("EndOfData")
    return node


@lru_cache(maxsize=16384)
def parse_template_string(value: str) -> Node:
    """Parse a ``[...]`` JSON string; columns count from the string's first character (memoised:
    trees are immutable)."""
    if not is_expression(value):
        raise ArmError(f"The value '{value}' is not a template language expression.")
    return parse_expression(value[1:-1], offset=1)


class _Parser:
    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text, self.tokens, self.pos = text, tokens, 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def peek(self, ahead: int = 1) -> Token:
        return self.tokens[min(self.pos + ahead, len(self.tokens) - 1)]

    def fail(self, expected: str) -> ArmError:
        tok = self.tok
        return ArmError(f"Unable to parse language expression '{self.text}': expected token "
                        f"'{expected}' and actual '{tok.kind}'.", column=tok.column)

    def expect(self, kind: str) -> Token:
        if self.tok.kind != kind:
            raise self.fail(kind)
        tok = self.tok
        self.pos += 1
        return tok

    def expression(self) -> Node:
        node = self.primary()
        while True:
            tok = self.tok
            if tok.kind == "Dot":
                self.pos += 1
                name = self.expect("Identifier")
                node = Property(node, str(name.value), column=tok.column)
            elif tok.kind == "LeftSquareBracket":
                self.pos += 1
                index = self.expression()
                self.expect("RightSquareBracket")
                node = Index(node, index, column=tok.column)
            else:
                return node

    def primary(self) -> Node:
        tok = self.tok
        if tok.kind in ("String", "Integer"):
            self.pos += 1
            return Literal(tok.value, column=tok.column)
        if tok.kind != "Identifier":
            raise self.fail("Identifier")
        name = str(tok.value)
        self.pos += 1
        if self.tok.kind == "Dot" and self.peek().kind == "Identifier" and self.peek(2).kind == "LeftParenthesis":
            self.pos += 1
            name = f"{name}.{self.tok.value}"
            self.pos += 1
        if self.tok.kind != "LeftParenthesis":
            if name.lower() in _KEYWORDS and "." not in name:
                return Literal(_KEYWORDS[name.lower()], column=tok.column)
            raise self.fail("LeftParenthesis")
        self.pos += 1
        args: list[Node] = []
        if self.tok.kind != "RightParenthesis":
            args.append(self.expression())
            while self.tok.kind == "Comma":
                self.pos += 1
                args.append(self.expression())
        self.expect("RightParenthesis")
        return Call(name, tuple(args), column=tok.column)
