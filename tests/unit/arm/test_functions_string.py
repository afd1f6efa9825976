"""String functions; expected values are the outputs published on Microsoft Learn
(template-functions-string) unless marked otherwise."""

from __future__ import annotations

import re

import pytest

from armgen.arm import ArmError
from tests.unit.arm.conftest import evaluate


@pytest.mark.parametrize(("expr", "expected"), [
    ("base64('one, two, three')", "b25lLCB0d28sIHRocmVl"),
    ("base64ToString('b25lLCB0d28sIHRocmVl')", "one, two, three"),
    ("base64ToJson('eyJvbmUiOiAiYSIsICJ0d28iOiAiYiJ9')", {"one": "a", "two": "b"}),
    ("dataUri('Hello')", "data:text/plain;charset=utf8;base64,SGVsbG8="),
    ("dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')", "Hello, World!"),
    ("endsWith('abcdef', 'ef')", True), ("endsWith('abcdef', 'F')", True), ("endsWith('abcdef', 'e')", False),
    ("startsWith('abcdef', 'ab')", True), ("startsWith('abcdef', 'A')", True),
    ("startsWith('abcdef', 'e')", False),
    ("indexOf('test', 't')", 0), ("lastIndexOf('test', 't')", 3), ("indexOf('abcdef', 'CD')", 2),
    ("lastIndexOf('abcdef', 'AB')", 0), ("indexOf('abcdef', 'z')", -1),
    ("padLeft('123', 10, '0')", "0000000123"), ("padLeft(7, 3, '0')", "007"),
    ("replace('123-123-1234', '-', '')", "1231231234"), ("replace('123-123-1234', '1234', 'xxxx')", "123-123-xxxx"),
    ("split('one,two,three', ',')", ["one", "two", "three"]),
    ("split('one;two,three', createArray(',', ';'))", ["one", "two", "three"]),
    ("substring('one two three', 4, 3)", "two"), ("substring('abc', 1)", "bc"),
    ("toLower('One Two Three')", "one two three"), ("toUpper('One Two Three')", "ONE TWO THREE"),
    ("trim('    one two three   ')", "one two three"),
    ("uri('http://contoso.com/resources/', 'nested/azuredeploy.json')",
     "http://contoso.com/resources/nested/azuredeploy.json"),
    ("uriComponent('http://contoso.com/resources/nested/azuredeploy.json')",
     "http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json"),
    ("uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json')",
     "http://contoso.com/resources/nested/azuredeploy.json"),
    ("format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)",
     "Hello, User. Formatted number: 8,175,133"),
    ("format('{{{0}}}', 'x')", "{x}"),
    # Azure/bicep EvaluationTests (string interpolation compiles to format(); values from the ARM engine)
    ("format('>{0}<>{1}<>{2}<>{3}<>{4}<', false, 12948, 'hello!', createObject('a', 'b', '!c', 2), "
     "createArray(true, 2893, 'abc'))", ">False<>12948<>hello!<>{'a':'b','!c':2}<>[true,2893,'abc']<"),
    ("first('One Two Three')", "O"), ("last('One Two Three')", "e"),
    ("take('one two three', 2)", "on"), ("skip('one two three', 4)", "two three"),
    ("string(createObject('valueA', 10, 'valueB', 'Example Text'))", '{"valueA":10,"valueB":"Example Text"}'),
    ("string(createArray('a', 'b', 'c'))", '["a","b","c"]'), ("string(5)", "5"), ("string(true)", "True"),
    ("json('{\"a\": [1, null]}')", {"a": [1, None]}), ("json('null')", None),
    ("join(createArray('a', 'b', 1), '-')", "a-b-1"),
    ("contains('OneTwoThree', 'e')", True), ("contains('OneTwoThree', 'z')", False),
    ("length('One Two Three')", 13), ("empty('')", True), ("concat('a', 'b', 1, true)", "ab1True"),
    # Azure's own values: AzExpression (wraps Azure.Deployments.Expression) documents these two.
    ("uniqueString('test', 'value')", "bhxq2thzm5dym"),
    ("guid('test', 'value')", "95b33d6a-06a0-5961-9b94-a0f6c648352b"),
    # terraform-provider-azapi unit test value (checked against Azure).
    ("uniqueString('/subscriptions/00000000-0000-0000-0000-000000000000', 'resource-id')", "cwvxuqg24sifi"),
    ("GUID('test', 'value')", "95b33d6a-06a0-5961-9b94-a0f6c648352b"),
])
def test_string_functions(expr: str, expected) -> None:
    assert evaluate(expr) == expected


def test_new_guid_only_in_parameter_defaults() -> None:
    value = evaluate("newGuid()", allow_runtime=True)
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", value)
    with pytest.raises(ArmError, match="newGuid' is not expected at this location"):
        evaluate("newGuid()")


@pytest.mark.parametrize(("expr", "fragment"), [
    ("substring('abc', 2, 5)", "The index and length parameters must refer to a location within the string"),
    ("toLower(1)", "expects its first parameter to be of type 'String'. The provided value is of type 'Integer'"),
    ("uniqueString()", "function requires at least 1 argument(s) while 0 were provided"),
    ("base64ToString('***')", "valid base64"),
    ("json('{bad')", "valid JSON"),
    ("padLeft('a', 3, 'xy')", "single character"),
    ("format('{1}', 'a')", "index (zero based)"),
    ("trim('a', 'b')", "function requires 1 argument(s) while 2 were provided"),
    ("guid(1)", "expects its first parameter to be of type 'String'"),
    ("noSuchFunction()", "The template function 'noSuchFunction' is not valid"),
])
def test_string_errors(expr: str, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        evaluate(expr)
    assert fragment in info.value.message
