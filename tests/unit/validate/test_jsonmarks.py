"""Positions kept while decoding JSON: keys, array items, characters inside strings, comments."""

from __future__ import annotations

import pytest

from armgen import jsonmarks
from armgen.errors import SourceError

TEXT = """{
  "a": 1,
  "list": [
    10,
      {"deep": "x"}
  ],
  "esc": "q\\"uote [expr]"
}
"""


def test_object_member_points_at_its_key() -> None:
    doc = jsonmarks.loads(TEXT, "t.json")
    assert doc.position(("a",)) == (2, 3)
    assert doc.position(("list", 1, "deep")) == (5, 8)


def test_array_item_points_at_its_value() -> None:
    doc = jsonmarks.loads(TEXT, "t.json")
    assert doc.position(("list", 0)) == (4, 5)
    assert doc.position(("list", 1)) == (5, 7)


def test_missing_path_falls_back_to_nearest_parent() -> None:
    doc = jsonmarks.loads(TEXT, "t.json")
    assert doc.position(("list", 1, "nope", "deeper")) == doc.position(("list", 1))
    assert doc.position(()) == (1, 1)


def test_string_position_counts_decoded_characters_through_escapes() -> None:
    doc = jsonmarks.loads(TEXT, "t.json")
    value = doc.data["esc"]
    index = value.index("[")
    line, col = doc.string_position(("esc",), index)
    raw_line = TEXT.splitlines()[line - 1]
    assert raw_line[col - 1] == "["


def test_comments_are_accepted_and_positions_kept() -> None:
    text = '{\n  // a comment\n  "a": /* inline */ [1, 2] // trailing\n}\n'
    doc = jsonmarks.loads(text, "c.json")
    assert doc.data == {"a": [1, 2]}
    assert doc.position(("a", 1)) == (3, 25)


def test_unicode_columns_count_characters() -> None:
    doc = jsonmarks.loads('{"ä": "ö", "b": 1}', "u.json")
    assert doc.position(("b",)) == (1, 12)


def test_invalid_json_is_a_source_error_with_line_and_column() -> None:
    with pytest.raises(SourceError) as info:
        jsonmarks.loads('{\n  "a": 1,\n  "b" 2\n}\n', "bad.json")
    assert info.value.exit_code == 2
    assert info.value.message.startswith("bad.json:3:7: invalid JSON")


def test_missing_file_is_an_input_error(tmp_path) -> None:
    from armgen.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        jsonmarks.load(tmp_path / "nope.json")


@pytest.mark.parametrize(("path", "text"), [
    (("resources", 2, "properties", "minimumTlsVersion"), "resources[2].properties.minimumTlsVersion"),
    (("outputs", "a-b", "value"), "outputs.a-b.value"),
    (("tags", "managed/by"), "tags.managed/by"),
    (("environments", "12"), "environments.12"),
    (("tags", "a.b"), 'tags["a.b"]'),
    (("tags", "a b", 0), 'tags["a b"][0]'),
    (("tags", ""), 'tags[""]'),
    (("resources", 0, "name", jsonmarks.KEY), "resources[0].name (name)"),
    ((), ""),
])
def test_path_text(path: tuple, text: str) -> None:
    assert jsonmarks.path_text(path) == text
