"""Object functions; values from Microsoft Learn (template-functions-object)."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError
from tests.unit.arm.conftest import evaluate

P = {"obj": {"item002": {"enabled": False, "displayName": "Example item 2"},
             "item001": {"enabled": True, "displayName": "Example item 1"}}}


@pytest.mark.parametrize(("expr", "expected"), [
    ("createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true, 'arrayProp', createArray('a', 'b'), "
     "'objectProp', createObject('key1', 'value1'))",
     {"intProp": 1, "stringProp": "abc", "boolProp": True, "arrayProp": ["a", "b"], "objectProp": {"key1": "value1"}}),
    ("items(parameters('obj'))", [{"key": "item001", "value": {"enabled": True, "displayName": "Example item 1"}},
                                  {"key": "item002", "value": {"enabled": False, "displayName": "Example item 2"}}]),
    ("objectKeys(createObject('a', 1, 'b', 2))", ["a", "b"]),
    ("null()", None), ("empty(null())", True),
    ("shallowMerge(createArray(createObject('one', 'a'), createObject('two', 'b'), createObject('ONE', 'c')))",
     {"two": "b", "ONE": "c"}),
    ("json('{\"a\": \"b\"}').A", "b"), ("parameters('obj')['ITEM001'].displayName", "Example item 1"),
    ("length(createObject('a', 1, 'b', createObject('c', 2)))", 2),
])
def test_object_functions(expr: str, expected) -> None:
    assert evaluate(expr, parameters=P) == expected


@pytest.mark.parametrize(("expr", "fragment"), [
    ("createObject('a')", "even number"), ("items(createArray())", "of type 'Object'"),
    ("createObject(1, 2)", "of type 'String'"),
    ("createObject('a', 1).b", "The language expression property 'b' doesn't exist, available properties are 'a'"),
    ("'text'.length", "can't be evaluated"),
])
def test_object_errors(expr: str, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        evaluate(expr, parameters=P)
    assert fragment in info.value.message


def test_items_sorts_keys_alphabetically_ignoring_case() -> None:
    """template-functions-object#items: "items() function sorts the objects in the alphabetical order"
    (item001 before item002 whatever the authored order). ARM property names are case-insensitive, so the
    order is .NET OrdinalIgnoreCase: upper-cased comparison, '_' after the letters."""
    obj = {"zeta": 1, "Alpha": 2, "a_b": 3, "ab": 4, "Item10": 5, "item2": 6}
    keys = [e["key"] for e in evaluate("items(parameters('o'))", parameters={"o": obj})]
    assert keys == ["ab", "Alpha", "a_b", "Item10", "item2", "zeta"]


@pytest.mark.parametrize(("text", "expected"), [
    # Microsoft Learn bicep-functions-object#json example: '{\'a\': \'b\'}' -> {"a": "b"}, '\'test\'' -> "test"
    ("{'a': 'b'}", {"a": "b"}), ("'test'", "test"),
    # Newtonsoft.Json (ARM's parser) also takes comments, unquoted names, trailing commas, hex numbers
    ("{a: 1, /* note */ 'b': [1, 2,], // end\n}", {"a": 1, "b": [1, 2]}), ("0x1F", 31),
    ('{"a": "b"}', {"a": "b"}), ("null", None),
])
def test_json_accepts_what_azures_parser_accepts(text: str, expected) -> None:
    assert evaluate("json(parameters('t'))", parameters={"t": text}) == expected
    import base64
    encoded = base64.b64encode(text.encode()).decode()
    assert evaluate("base64ToJson(parameters('t'))", parameters={"t": encoded}) == expected


@pytest.mark.parametrize("text", ["{bad", "abc", "{'a': 1} trailing", ""])
def test_json_still_refuses_what_azure_refuses(text: str) -> None:
    with pytest.raises(ArmError, match="expects a valid JSON string"):
        evaluate("json(parameters('t'))", parameters={"t": text})
