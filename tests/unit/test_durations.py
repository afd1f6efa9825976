"""One ISO 8601 duration parser (armgen.durations) for dateTimeAdd and verify's comparisons."""

from __future__ import annotations

from datetime import timedelta

import pytest

from armgen.durations import parse_duration
from armgen.verify.compare import same
from tests.unit.arm.conftest import evaluate


@pytest.mark.parametrize(("text", "length"), [
    ("PT1H", timedelta(hours=1)),
    ("-P9D", timedelta(days=-9)),
    ("P1W", timedelta(days=7)),
    ("PT1.5S", timedelta(seconds=1.5)),
    ("P1M", timedelta(days=30)),  # ARM's month
    ("P1Y", timedelta(days=365)),  # ARM's year, leap or not
    ("-P1Y2DT1H", -timedelta(days=367, hours=1)),
    ("P1DT12H", timedelta(days=1, hours=12)),
])
def test_lengths(text: str, length: timedelta) -> None:
    assert parse_duration(text) == length


@pytest.mark.parametrize("text", ["P", "PT", "-P", "X1D", "1D", "p1d", "P1H", ""])
def test_not_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(("expr", "expected"), [
    ("dateTimeAdd('2023-01-31T00:00:00Z', 'P1M')", "2023-03-02T00:00:00Z"),
    ("dateTimeAdd('2024-01-01T00:00:00Z', 'P1Y')", "2024-12-31T00:00:00Z"),
    ("dateTimeAdd('2020-04-07T14:53:14Z', 'P1W')", "2020-04-14T14:53:14Z"),
    ("dateTimeAdd('2020-04-07T14:53:14Z', '-PT30M')", "2020-04-07T14:23:14Z"),
])
def test_date_time_add_uses_it(expr: str, expected: str) -> None:
    assert evaluate(expr) == expected


def test_date_time_add_refuses_what_it_refuses() -> None:
    from armgen.arm.errors import ArmError

    with pytest.raises(ArmError, match="expects a duration in ISO 8601 format; 'PT' is not valid"):
        evaluate("dateTimeAdd('2020-01-01T00:00:00Z', 'PT')")
    with pytest.raises(ArmError, match="outside the supported range"):
        evaluate("dateTimeAdd('2020-01-01T00:00:00Z', 'P99999999999D')")


@pytest.mark.parametrize(("expected", "actual", "equal"), [
    ("PT120S", "PT2M", True),
    ("pt2m", "PT120S", True),  # verify compares in any case
    ("P1D", "PT24H", True),
    ("P1W", "P7D", True),
    ("PT5M", "PT6M", False),
    ("PT", "pt", True),  # not durations: compared as strings
    ("Standard_LRS", "standard_lrs", True),
])
def test_verify_compares_durations_by_length(expected: str, actual: str, equal: bool) -> None:
    assert same(expected, actual) is equal
