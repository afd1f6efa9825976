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
