"""Tokeniser for ARM template language expressions (the text inside ``[ ]``)."""

from __future__ import annotations

from dataclasses import dataclass

from armgen.arm.errors import ArmError

PUNCTUATION = {
    "(": "LeftParenthesis", ")": "RightParenthesis", "[": "LeftSquareBracket",
    "]": "RightSquareBracket", ",": "Comma", ".": "Dot",
}
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


@dataclass(frozen=True)
class Token:
    kind: str  # Identifier, String, Integer, EndOfData or a PUNCTUATION name
    value: str | int | None
    column: int  # 1-based


def _is_ident_start(ch: str) -> bool:
    return ch.isascii() and (ch.isalpha() or ch in "_$")


def _is_ident_part(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "_$")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split ``text`` into tokens; columns are ``offset`` + 1-based position."""
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        col = offset + i + 1
        if ch in " \t\r\n":
            i += 1
        elif ch in PUNCTUATION:
            tokens.append(Token(PUNCTUATION[ch], ch, col))
            i += 1
        elif ch == "'":
            i, value = _read_string(text, i, offset)
            tokens.append(Token("String", value, col))
        elif ch.isascii() and (ch.isdigit() or (ch == "-" and i + 1 < n and text[i + 1].isascii()
                                                and text[i + 1].isdigit())):
            j = i + 1
            while j < n and text[j].isascii() and text[j].isdigit():
                j += 1
            value = int(text[i:j])
            if not INT64_MIN <= value <= INT64_MAX:
                raise ArmError(f"The integer literal '{text[i:j]}' is out of range of a 64-bit integer.",
                               column=col)
            if j < n and _is_ident_part(text[j]):
                raise ArmError(f"Unable to parse language expression '{text}': the character "
                               f"'{text[j]}' at position '{offset + j + 1}' is not expected.", column=offset + j + 1)
            tokens.append(Token("Integer", value, col))
            i = j
        elif _is_ident_start(ch):
            j = i + 1
            while j < n and _is_ident_part(text[j]):
                j += 1
            tokens.append(Token("Identifier", text[i:j], col))
            i = j
        else:
            raise ArmError(f"The language expression '{text}' is not valid: the string character "
                           f"'{ch}' at position '{col}' is not expected.", column=col)
    tokens.append(Token("EndOfData", None, offset + n + 1))
    return tokens


def _read_string(text: str, start: int, offset: int) -> tuple[int, str]:
    """Read a '...' literal at ``start``; '' is an escaped quote. Returns (next index, value)."""
    parts: list[str] = []
    i = start + 1
    while i < len(text):
        if text[i] == "'":
            if i + 1 < len(text) and text[i + 1] == "'":
                parts.append("'")
                i += 2
                continue
            return i + 1, "".join(parts)
        parts.append(text[i])
        i += 1
    raise ArmError(f"The language expression '{text}' is not valid: the string literal starting at "
                   f"position '{offset + start + 1}' is not terminated.", column=offset + start + 1)
