"""Property test: for any JSON document in any layout, every node's mark points at its text."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from armgen import jsonmarks

keys = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)
scalars = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
documents = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
                         max_leaves=20)


def _paths(node: object, path: tuple = ()):
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*path, i))


def _offset(text: str, line: int, col: int) -> int:
    return sum(len(ln) + 1 for ln in text.split("\n")[: line - 1]) + col - 1


@settings(max_examples=150, deadline=None)
@given(doc=st.dictionaries(keys, documents, max_size=5), indent=st.sampled_from([None, 0, 2, 4]),
       ascii_only=st.booleans())
def test_every_node_is_marked_where_its_text_starts(doc: dict, indent: int | None, ascii_only: bool) -> None:
    text = json.dumps(doc, indent=indent, ensure_ascii=ascii_only)
    marked = jsonmarks.loads(text, "p.json")
    assert marked.data == doc
    for path, value in _paths(doc):
        if not path:
            continue
        line, col = marked.position(path)
        at = text[_offset(text, line, col):]
        if isinstance(path[-1], str):  # an object member: its key
            assert at.startswith(json.dumps(path[-1], ensure_ascii=ascii_only))
        else:  # an array item: its value
            assert json.JSONDecoder().raw_decode(at)[0] == value


@settings(max_examples=100, deadline=None)
@given(prefix=st.text(max_size=10), suffix=st.text(max_size=10), ascii_only=st.booleans())
def test_string_position_finds_a_character_through_escapes(prefix: str, suffix: str, ascii_only: bool) -> None:
    value = f"{prefix}@{suffix}"
    text = json.dumps({"k": value}, ensure_ascii=ascii_only)
    marked = jsonmarks.loads(text, "s.json")
    line, col = marked.string_position(("k",), value.index("@"))
    assert text[_offset(text, line, col)] == "@"
