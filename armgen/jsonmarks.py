"""JSON documents that remember where every node came from (line and column).

The one JSON loader of armgen: templates, parameter files, the datastore config, the approved
what-if change set, the emulator's files and request bodies all go through :func:`load` /
:func:`loads`, with one policy:

- ``//`` and ``/* */`` comments are allowed, as ARM allows them in templates and parameter files
  (and ``az deployment`` strips them); they are blanked out (positions kept) before decoding;
- a leading UTF-8 byte order mark is ignored, as the az CLI reads files as ``utf-8-sig``;
- anything else that is not strict JSON (NaN, duplicate keys, integers past 64 bits, nesting past
  :data:`armgen.limits.JSON_DEPTH`) is refused with the line and column the parser reports.

Decoding uses the C ``json`` module (fast); the position index is built lazily by a
small scanner the first time a location is asked for, so clean files never pay for it.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from armgen import limits
from armgen.errors import InputError, SourceError

JsonPath = tuple[str | int, ...]
KEY = "\x00key"  # last element of a path that means "the member name", not its value
BOM = "\ufeff"
FIX_SYNTAX = "fix the syntax"

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

    def value_position(self, path: Sequence[str | int]) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path`` (of its nearest parent when absent)."""
        return self._line_col(self.offsets(path)[1])

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


class _Refused(ValueError):
    """A literal the bounded decoder refuses (NaN, an integer past 64 bits, a float that overflows)."""

    def __init__(self, literal: str, message: str) -> None:
        super().__init__(message)
        self.literal, self.message = literal, message


class _Duplicate(ValueError):
    """An object that names one member twice (ARM refuses such a template)."""


def _object(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _Duplicate()
    return out


def _nan(literal: str) -> object:
    raise _Refused(literal, f"{literal} is not JSON; ARM accepts only finite numbers; use a number or a string")


def _int(literal: str) -> int:
    if len(literal.lstrip("-")) > limits.JSON_INT_DIGITS or not -2**63 <= int(literal) < 2**63:
        raise _Refused(literal, f"the integer {limits.short_repr(literal)[1:-1]} does not fit ARM's 64-bit integers; "
                                "quote it to make it a string")
    return int(literal)


def _float(literal: str) -> float:
    value = float(literal)
    if value in (float("inf"), float("-inf")):
        raise _Refused(literal, f"the number {limits.short_repr(literal)[1:-1]} is out of range; quote it to make it "
                                "a string")
    return value


def _literal_offset(text: str, literal: str) -> int:
    """Where ``literal`` first stands as a value (outside strings) in ``text``."""
    pattern = re.compile(r'"(?:[^"\\]|\\.)*"|(?<![\w.+-])' + re.escape(literal) + r"(?![\w.])", re.S)
    return next((m.start() for m in pattern.finditer(text) if not m.group(0).startswith('"')), 0)


def _duplicate_key(text: str) -> tuple[int, int, JsonPath]:
    """(offset, offset of the first definition, path) of the first member name repeated in its object."""
    stack: list[tuple[dict[str, int], str | int | None]] = []  # per open container: keys seen, current step
    path: list[str | int] = []
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"(\s*:)?|[\[\]{},]', text, re.S):
        tok = m.group(0)
        if tok.startswith('"') and m.group(1) is None:
            continue
        if tok in "[{":
            stack.append(({} if tok == "{" else None, 0))
            path.append(0)
        elif tok in "]}":
            stack.pop()
            path.pop()
        elif tok == ",":
            if stack and stack[-1][0] is None:
                path[-1] = int(path[-1]) + 1
        elif stack and stack[-1][0] is not None:
            key = json.loads(tok[: tok.rindex('"') + 1])
            path[-1] = key
            if key in stack[-1][0]:
                return m.start(), stack[-1][0][key], tuple(path)
            stack[-1][0][key] = m.start()
    return 0, 0, ()


def _depth_offset(text: str, limit: int) -> int | None:
    """The offset of the first bracket nested deeper than ``limit`` (None: not that deep)."""
    depth = 0
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text, re.S):
        ch = m.group(0)
        if ch in "[{":
            depth += 1
            if depth > limit:
                return m.start()
        elif ch in "]}":
            depth -= 1
    return None


def _too_deep(data: object, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > limit:
                return True
            stack.extend((v, depth + 1) for v in (node.values() if isinstance(node, dict) else node))
    return False


def size_problem(size: int, max_bytes: int) -> str | None:
    """The one-line reason a file of ``size`` bytes is refused (None: small enough)."""
    if size <= max_bytes:
        return None
    arm = " (ARM's limit for templates and parameter files)" if max_bytes == limits.TEMPLATE_BYTES else ""
    return (f"the file is {size:,} bytes, over the limit of {max_bytes:,}{arm}; split it into smaller files")


def decode(text: str, file: str = "<string>", max_bytes: int = limits.TEMPLATE_BYTES,
           fix: str | None = FIX_SYNTAX) -> object:
    """Strict, bounded JSON: size, nesting depth, NaN/Infinity, 64-bit integers, finite numbers.

    Every refusal is a SourceError (exit 2) with the line and column of the offending text
    (a syntax error ends with ``; fix``, nothing when ``fix`` is None); comments and a leading
    BOM are allowed (see the module's policy).
    """
    text = text.removeprefix(BOM)
    problem = size_problem(len(text) if len(text) > max_bytes else len(text.encode("utf-8")), max_bytes)
    if problem:
        raise SourceError(file, 1, 1, "", problem)
    doc = MarkedJson(file, text, None)
    try:
        try:
            data = json.loads(text, parse_constant=_nan, parse_int=_int, parse_float=_float,
                              object_pairs_hook=_object)
        except json.JSONDecodeError:
            text = _blank_comments(text)
            data = json.loads(text, parse_constant=_nan, parse_int=_int, parse_float=_float,
                              object_pairs_hook=_object)
    except json.JSONDecodeError as e:
        raise SourceError(file, e.lineno, e.colno, "", f"invalid JSON: {e.msg}" + (f"; {fix}" if fix else "")) from None
    except _Duplicate:
        offset, first, path = _duplicate_key(text)
        raise SourceError(file, *doc._line_col(offset), path_text(path),
                          f"duplicate key '{limits.elide(str(path[-1]) if path else '', 60)}' (first defined on line "
                          f"{doc._line_col(first)[0]}); remove one") from None
    except _Refused as e:
        raise SourceError(file, *doc._line_col(_literal_offset(text, e.literal)), "", e.message) from None
    except RecursionError:
        data = None
    # data nests no deeper than the brackets written: most files need no walk
    walk = text.count("{") + text.count("[") > limits.JSON_DEPTH
    if data is None and _depth_offset(text, limits.JSON_DEPTH) is not None or walk and _too_deep(data, limits.JSON_DEPTH):
        offset = _depth_offset(text, limits.JSON_DEPTH) or 0
        raise SourceError(file, *doc._line_col(offset), "",
                          f"nested more than {limits.JSON_DEPTH} levels deep; flatten the structure") from None
    return data


def loads(text: str, file: str = "<string>", max_bytes: int = limits.TEMPLATE_BYTES,
          fix: str | None = FIX_SYNTAX) -> MarkedJson:
    """Decode ``text`` (see :func:`decode`); a problem raises SourceError (exit 2) with its line and column."""
    text = text.removeprefix(BOM)
    return MarkedJson(file, text, decode(text, file, max_bytes, fix))


def read_text(path: str | Path, display: str | None = None, max_bytes: int = limits.TEMPLATE_BYTES) -> str:
    """The text of a JSON file: at most ``max_bytes`` (else SourceError), UTF-8, a leading BOM dropped.

    OSError and UnicodeDecodeError pass through, for callers that word them themselves.
    """
    problem = size_problem(Path(path).stat().st_size, max_bytes)
    if problem:
        raise SourceError(display or str(path), 1, 1, "", problem)
    return Path(path).read_text(encoding="utf-8-sig")


def load(path: str | Path, display: str | None = None, max_bytes: int = limits.TEMPLATE_BYTES,
         fix: str | None = FIX_SYNTAX) -> MarkedJson:
    """Read and decode a JSON file (see :func:`decode`); unreadable files raise InputError (exit 2)."""
    name = display or str(path)
    try:
        text = read_text(path, name, max_bytes)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a JSON file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{name}: cannot read: {limits.elide(str(e))}") from None
    return loads(text, name, max_bytes, fix)


_PLAIN_KEY = re.compile(r"[^.\[\]\"'\s]+")


def path_text(path: Sequence[str | int]) -> str:
    """The one printer of paths into JSON and YAML documents: ``resources[2].properties.minimumTlsVersion``.

    A key that would be ambiguous after a dot (empty, or with a dot, bracket, quote or space) is
    written ``["a.b"]``; every other key as it is (``tags.managed/by``, ``environments.12``).
    """
    out = ""
    for part in path:
        if part == KEY:
            out += " (name)"
        elif isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(str(part)):
            out += f".{part}" if out else str(part)
        else:
            out += f"[{json.dumps(str(part))}]"
    return out
