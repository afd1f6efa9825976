"""Array functions; expected values from Microsoft Learn (template-functions-array)."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError
from tests.unit.arm.conftest import evaluate

P = {"names": ["one", "two", "three"], "obj": {"one": "a", "two": "b", "three": "c"},
     "numbers": [4, 3, 2, 1, 2, 3, 4]}


@pytest.mark.parametrize(("expr", "expected"), [
    ("array(1)", [1]), ("array('efgh')", ["efgh"]), ("array(createObject('a', 'b'))", [{"a": "b"}]),
    ("array(createArray(1))", [1]),
    ("concat(createArray(1, 2, 3), createArray(4, 5, 6))", [1, 2, 3, 4, 5, 6]),
    ("contains(parameters('obj'), 'one')", True), ("contains(parameters('obj'), 'ONE')", True),
    ("contains(parameters('obj'), 'a')", False),
    ("contains(parameters('names'), 'one')", True), ("contains(parameters('names'), 'four')", False),
    ("createArray(1, 'a', true)", [1, "a", True]),
    ("empty(createArray())", True), ("empty(createObject())", True), ("empty(parameters('names'))", False),
    ("empty(null())", True),
    ("first(parameters('names'))", "one"), ("last(parameters('names'))", "three"), ("first(createArray())", None),
    ("indexOf(parameters('names'), 'two')", 1), ("indexOf(parameters('names'), 'Two')", -1),
    ("lastIndexOf(parameters('numbers'), 4)", 6), ("indexOf(parameters('numbers'), 4)", 0),
    ("intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'a', 'two', 'z', "
     "'three', 'c'))", {"one": "a", "three": "c"}),
    ("intersection(parameters('names'), createArray('two', 'three'))", ["two", "three"]),
    ("length(parameters('names'))", 3), ("length(parameters('obj'))", 3),
    ("max(createArray(0, 3, 2, 5, 4))", 5), ("min(createArray(0, 3, 2, 5, 4))", 0), ("max(0, 3, 2, 5, 4)", 5),
    ("range(1, 3)", [1, 2, 3]), ("range(5, 0)", []),
    ("skip(parameters('names'), 2)", ["three"]), ("take(parameters('names'), 2)", ["one", "two"]),
    ("skip(parameters('names'), -1)", ["one", "two", "three"]), ("take(parameters('names'), 9)", P["names"]),
    ("union(parameters('names'), createArray('three', 'four'))", ["one", "two", "three", "four"]),
    ("union(createObject('one', 'a', 'two', 'b', 'three', 'c1'), createObject('three', 'c2', 'four', 'd'))",
     {"one": "a", "two": "b", "three": "c2", "four": "d"}),
    ("union(createObject('p', createObject('one', 'a', 'three', 'c1'), 'arr', createArray(1, 2)), "
     "createObject('p', createObject('three', 'c2', 'four', 'd'), 'arr', createArray(3, 4)))",
     {"p": {"one": "a", "three": "c2", "four": "d"}, "arr": [3, 4]}),
    ("tryGet(parameters('obj'), 'two')", "b"), ("tryGet(parameters('obj'), 'missing')", None),
    ("tryGet(parameters('names'), 5)", None),
    ("flatten(createArray(createArray('one', 'two'), createArray('three'), createArray('four', 'five')))",
     ["one", "two", "three", "four", "five"]),
    ("indexFromEnd(parameters('names'), 1)", "three"), ("tryIndexFromEnd(parameters('names'), 4)", None),
])
def test_array_functions(expr: str, expected) -> None:
    assert evaluate(expr, parameters=P) == expected


@pytest.mark.parametrize(("expr", "fragment"), [
    ("range(0, 10001)", "between 0 and 10000"),
    ("first(1)", "expects its first parameter to be of type 'Array' or 'String'"),
    ("union(createArray(), createObject())", "The provided value is of type 'Object'"),
    ("length(1)", "of type 'Array' or 'String' or 'Object'"),
    ("skip(createArray(), 'a')", "second parameter to be of type 'Integer'"),
    ("concat(createArray(1), 'a')", "second parameter to be of type 'Array'"),
    ("max()", "at least 1 argument(s) while 0 were provided"),
    ("contains(createArray())", "requires 2 argument(s) while 1 were provided"),
    ("parameters('names')[3]", "index '3' is out of bounds"),
    ("flatten(createArray(1))", "expects an array of arrays"),
    ("indexFromEnd(parameters('names'), 0)", "out of bounds"),
])
def test_array_errors(expr: str, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        evaluate(expr, parameters=P)
    assert fragment in info.value.message
