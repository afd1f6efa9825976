"""Bicep text -> syntax tree with the third-party tree-sitter grammar (PyPI ``tree-sitter-bicep``)."""

from __future__ import annotations

import re
from functools import cache

from armgen.errors import ArmgenError

_ESCAPES = {"\\": "\\", "'": "'", "n": "\n", "r": "\r", "t": "\t", "$": "$"}
_PARAM = re.compile(r"^param(?=\s)", re.MULTILINE)


class BicepParseError(ArmgenError):
    """A Bicep file the parser rejects, or a construct the reader does not compile."""


@cache
def _parser():  # tree_sitter.Parser
    import tree_sitter
    import tree_sitter_bicep

    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_bicep.language()))


def parse(text: str, where: str):  # tree_sitter.Node
    """The root node of ``text``; the first syntax error is one line ``FILE:LINE:COL: ...``."""
    tree = _parser().parse(text.encode("utf-8"))
    bad = _first_error(tree.root_node)
    if bad is not None:
        line, col = bad.start_point
        snippet = text.encode("utf-8")[bad.start_byte:bad.end_byte].decode("utf-8", "replace")[:40]
        raise BicepParseError(f"{where}:{line + 1}:{col + 1}: the Bicep parser cannot read this "
                              f"({'missing ' + bad.type if bad.is_missing else repr(snippet)}); fix the file")
    return tree.root_node


def parse_params(text: str, where: str):
    """A ``.bicepparam`` file. tree-sitter-bicep 1.1 knows ``using`` but not the untyped ``param x = value``
    form of parameter files; each such line is read as the ``var x = value`` form, which has the same grammar."""
    return parse(_PARAM.sub("var", text), where)


def _first_error(node):
    if not node.has_error:
        return None
    if node.is_error or node.is_missing:
        return node
    for child in node.children:
        found = _first_error(child)
        if found is not None:
            return found
    return node


def text(node) -> str:
    return node.text.decode("utf-8")


def decode(raw: str) -> str:
    """The value of the raw text between a Bicep string's quotes (without interpolations)."""
    out, i = [], 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw):
            nxt = raw[i + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                i += 2
                continue
            m = re.match(r"u\{([0-9A-Fa-f]+)\}", raw[i + 1:])
            if m:
                out.append(chr(int(m.group(1), 16)))
                i += 2 + len(m.group(0)) - 1
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def string_parts(node) -> list:
    """A ``string`` node as literal text pieces and ``interpolation`` expression nodes, in order."""
    source = node.text
    base = node.start_byte
    parts: list = []
    pos = node.start_byte + 1  # after the opening quote
    for child in node.children:
        if child.type != "interpolation":
            continue
        parts.append(decode(source[pos - base:child.start_byte - base].decode("utf-8")))
        inner = [c for c in child.named_children]
        parts.append(inner[0])
        pos = child.end_byte
    parts.append(decode(source[pos - base:node.end_byte - 1 - base].decode("utf-8")))
    return [p for p in parts if p != ""]
