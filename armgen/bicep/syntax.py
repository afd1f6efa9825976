"""Bicep lexical helpers: identifiers, reserved words, string quoting and literal values."""

from __future__ import annotations

import re
from typing import Any

from armgen.errors import ArmgenError

INDENT = "  "
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# Words the Bicep grammar reserves (declaration keywords, literals, namespaces); none may name a symbol.
RESERVED = frozenset({
    "targetScope", "metadata", "param", "var", "resource", "module", "output", "existing", "for", "in",
    "if", "true", "false", "null", "import", "using", "extension", "provider", "with", "as", "type",
    "func", "assert", "extends", "sys", "az",
})
RESERVED_LOWER = frozenset(w.lower() for w in RESERVED)


class Unsupported(ArmgenError):
    """A construct of a template the Bicep translator does not translate (armgen's own limit)."""


class Inexpressible(Unsupported):
    """A construct that classic Bicep cannot express at all (kept as an ARM JSON module instead)."""


def is_identifier(name: str) -> bool:
    """True when ``name`` can be a Bicep symbol or an unquoted property name."""
    return bool(IDENTIFIER.match(name)) and name not in RESERVED


def quote(text: str) -> str:
    """A single-quoted Bicep string literal for ``text``."""
    escaped = (text.replace("\\", "\\\\").replace("'", "\\'").replace("${", "\\${")
               .replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t"))
    return f"'{escaped}'"


def key(name: str) -> str:
    """An object property name: bare when it is an identifier, else quoted."""
    return name if IDENTIFIER.match(name) else quote(name)


def literal(value: Any, level: int = 0) -> str:
    """A JSON value as Bicep literal text; nested lines are indented for ``level``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, dict):
        return block([f"{key(k)}: {literal(v, level + 1)}" for k, v in value.items()], "{", "}", level)
    if isinstance(value, list):
        return block([literal(v, level + 1) for v in value], "[", "]", level)
    raise Unsupported(f"the value {value!r} has no Bicep literal (Bicep has no fractional numbers)")


def block(lines: list[str], open_: str, close: str, level: int) -> str:
    """``open_`` + one line per entry indented one level deeper + ``close`` (``{}`` when empty)."""
    if not lines:
        return open_ + close
    inner = INDENT * (level + 1)
    return open_ + "\n" + "".join(f"{inner}{line}\n" for line in lines) + INDENT * level + close


def camel(words: list[str]) -> str:
    """``['identity', 'grants']`` -> ``identityGrants``."""
    parts = [w for w in words if w]
    if not parts:
        return ""
    return parts[0][:1].lower() + parts[0][1:] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


def singular(word: str) -> str:
    """A plural collection name made singular (``registries`` -> ``registry``); '' when not plural."""
    if word.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 1:
        return word[:-1]
    return ""
