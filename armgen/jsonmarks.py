"""JSON documents that remember where every node came from (line and column).

Decoding uses the C ``json`` module (fast); the position index is built lazily by a
small scanner the first time a location is asked for, so clean files never pay for it.
ARM accepts ``//`` and ``/* */`` comments in templates; they are blanked out (positions
kept) before decoding.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from armgen.errors import InputError, SourceError

JsonPath = tuple[str | int, ...]
KEY = "\x00key"  # last element of a path that means "the member name", not its value

_TOKEN_OR_COMMENT = re.compile(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/', re.S)
_WS = re.compile(r"(?:[ \t\n\r]+|//[^\n]*|/\*.*?\*/)*", re.S)
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")
_ESCAPE_LEN = {"u": 6}
_HIGH_SURROGATE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}")
_LOW_SURROGATE = re.compile(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def _blank_comments(text: str) -> str:
    """Replace comments with spaces (newlines kept) so offsets stay the same."""

    def blank(m: re.Match[str]) -> str:
        s = m.group(0)
        return s if s.startswith('"') else re.sub(r"[^\n]", " ", s)

    return _TOKEN_OR_COMMENT.sub(blank, text)


@dataclass
class MarkedJson:
    """A decoded JSON file plus a lazily built map from JSON path to source offset."""

    file: str
    text: str
    data: object
    _marks: dict[JsonPath, tuple[int, int]] | None = field(default=None, repr=False)
    _line_starts: list[int] | None = field(default=None, repr=False)

    @property
    def size_bytes(self) -> int:
        return len(self.text.encode("utf-8"))

    # -- positions -------------------------------------------------------------------------
    def _index(self) -> dict[JsonPath, tuple[int, int]]:
        if self._marks is None:
            self._marks = {}
            _Scanner(self.text, self._marks).scan()
        return self._marks

    def _line_col(self, offset: int) -> tuple[int, int]:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def offsets(self, path: Sequence[str | int]) -> tuple[int, int]:
        """(key offset, value offset) of the deepest existing node on ``path``."""
        marks = self._index()
        p = tuple(path)
        while p not in marks and p:
            p = p[:-1]
        return marks.get(p, (0, 0))

    def position(self, path: Sequence[str | int]) -> tuple[int, int]:
        """1-based (line, column) of ``path``: an object member's key, an array item's value.

        A path that does not exist (a missing property) resolves to its nearest parent.
        """
        return self._line_col(self.offsets(path)[0])

    def string_position(self, path: Sequence[str | int], index: int) -> tuple[int, int]:
        """(line, column) of character ``index`` of the decoded string value at ``path``
        (of the member name itself when ``path`` ends with :data:`KEY`)."""
        marks = self._index()
        key = bool(path) and path[-1] == KEY
        target = tuple(path[:-1]) if key else tuple(path)
        if target not in marks:
            return self.position(target)
        start = marks[target][0 if key else 1]
        if self.text[start : start + 1] != '"':
            return self._line_col(start)
        raw, decoded = start + 1, 0
        while decoded < index and raw < len(self.text) and self.text[raw] != '"':
            if self.text[raw] == "\\":
                step = _ESCAPE_LEN.get(self.text[raw + 1 : raw + 2], 2)
                if step == 6 and _HIGH_SURROGATE.match(self.text, raw) and _LOW_SURROGATE.match(self.text, raw + 6):
                    step = 12  # a surrogate pair decodes to one character
                raw += step
            else:
                raw += 1
            decoded += 1
        return self._line_col(raw)


class _Scanner:
    """Walks the JSON text once and records (key offset, value offset) per path."""

    def __init__(self, text: str, marks: dict[JsonPath, tuple[int, int]]) -> None:
        self.text, self.marks = text, marks

    def scan(self) -> None:
        pos = _WS.match(self.text, 0).end()
        self._value(pos, (), pos)

    def _ws(self, pos: int) -> int:
        return _WS.match(self.text, pos).end()

    def _value(self, pos: int, path: JsonPath, key_pos: int) -> int:
        self.marks[path] = (key_pos, pos)
        ch = self.text[pos : pos + 1]
        if ch == "{":
            return self._object(pos + 1, path)
        if ch == "[":
            return self._array(pos + 1, path)
        m = (_STRING if ch == '"' else _SCALAR).match(self.text, pos)
        if m is None:
            raise ValueError(f"unexpected character at offset {pos}")
        return m.end()

    def _object(self, pos: int, path: JsonPath) -> int:
        pos = self._ws(pos)
        if self.text.startswith("}", pos):
            return pos + 1
        while True:
            m = _STRING.match(self.text, pos)
            if m is None:
                raise ValueError(f"expected a key at offset {pos}")
            key = json.loads(m.group(0))
            pos = self._ws(m.end())
            pos = self._ws(pos + 1)  # the ':'
            pos = self._ws(self._value(pos, (*path, key), m.start()))
            if self.text.startswith(",", pos):
                pos = self._ws(pos + 1)
                continue
            return pos + 1

    def _array(self, pos: int, path: JsonPath) -> int:
        pos = self._ws(pos)
        if self.text.startswith("]", pos):
            return pos + 1
        i = 0
        while True:
            pos = self._ws(self._value(pos, (*path, i), pos))
            i += 1
            if self.text.startswith(",", pos):
                pos = self._ws(pos + 1)
                continue
            return pos + 1


def loads(text: str, file: str = "<string>") -> MarkedJson:
    """Decode ``text``; a syntax error raises SourceError (exit 2) with its line and column."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        try:
            data = json.loads(_blank_comments(text))
        except json.JSONDecodeError as e:
            raise SourceError(file, e.lineno, e.colno, "", f"invalid JSON: {e.msg}") from None
    return MarkedJson(file, text, data)


def load(path: str | Path, display: str | None = None) -> MarkedJson:
    """Read and decode a JSON file (UTF-8, BOM tolerated); unreadable files raise InputError."""
    name = display or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{name}: cannot read: {e}") from None
    return loads(text, name)


def path_text(path: Sequence[str | int]) -> str:
    """A readable JSON path: ``resources[2].properties.minimumTlsVersion``."""
    out = ""
    for part in path:
        if part == KEY:
            out += " (name)"
        elif isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_$][\w$]*", part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part)}]"
    return out
