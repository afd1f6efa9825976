"""Lambda functions; values from Microsoft Learn (template-functions-lambda)."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError
from tests.unit.arm.conftest import evaluate

DOGS = [{"name": "Evie", "age": 5, "interests": ["Ball", "Frisbee"]},
        {"name": "Casper", "age": 3, "interests": ["Other dogs"]},
        {"name": "Indy", "age": 2, "interests": ["Butter"]},
        {"name": "Kira", "age": 8, "interests": ["Rubs"]}]
P = {"dogs": DOGS}


@pytest.mark.parametrize(("expr", "expected"), [
    ("filter(parameters('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))",
     [DOGS[0], DOGS[3]]),
    ("filter(range(0, 10), lambda('i', lessOrEquals(lambdaVariables('i'), 3)))", [0, 1, 2, 3]),
    ("map(parameters('dogs'), lambda('dog', lambdaVariables('dog').name))", ["Evie", "Casper", "Indy", "Kira"]),
    ("map(parameters('dogs'), lambda('dog', 'i', concat(string(lambdaVariables('i')), lambdaVariables('dog').name)))",
     ["0Evie", "1Casper", "2Indy", "3Kira"]),
    ("reduce(map(parameters('dogs'), lambda('d', lambdaVariables('d').age)), 0, "
     "lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))", 18),
    ("reduce(createArray(createObject('foo', 123), createObject('bar', 456)), createObject(), "
     "lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))", {"foo": 123, "bar": 456}),
    ("map(sort(parameters('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age))), "
     "lambda('d', lambdaVariables('d').name))", ["Indy", "Casper", "Evie", "Kira"]),
    ("groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)))",
     {"f": ["foo"], "b": ["bar", "baz"]}),
    ("toObject(parameters('dogs'), lambda('entry', lambdaVariables('entry').name), "
     "lambda('entry', lambdaVariables('entry').age))", {"Evie": 5, "Casper": 3, "Indy": 2, "Kira": 8}),
    ("mapValues(createObject('foo', 'foo'), lambda('val', toUpper(lambdaVariables('val'))))", {"foo": "FOO"}),
    ("map(range(0, 2), lambda('x', map(range(0, 2), lambda('y', add(lambdaVariables('x'), lambdaVariables('y'))))))",
     [[0, 1], [1, 2]]),
])
def test_lambda(expr: str, expected) -> None:
    assert evaluate(expr, parameters=P) == expected


@pytest.mark.parametrize(("expr", "fragment"), [
    ("map(createArray(1), 'notalambda')", "expects a lambda function"),
    ("lambdaVariables('x')", "The lambda variable 'x' is not defined"),
    ("filter(createArray(1), lambda('x', 'yes'))", "of type 'Boolean'"),
    ("toObject(createArray(1), lambda('x', lambdaVariables('x')))", "of type 'String'"),
    ("lambda(1, 'x')", "of type 'String'"),
])
def test_lambda_errors(expr: str, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        evaluate(expr, parameters=P)
    assert fragment in info.value.message
