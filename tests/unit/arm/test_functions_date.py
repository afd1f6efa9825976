"""Date functions; values from Microsoft Learn.

dateTimeAdd follows the Remarks of bicep-functions-date#datetimeadd (the ARM function it compiles to):
"dateTimeAdd('2023-01-31 00:00:00Z', 'P1M') returns 2023-03-02T00:00:00Z ... If the base is
2024-01-31 00:00:00Z, it returns 2024-03-01T00:00:00Z", i.e. a month is 30 days and a year 365 days,
and the result without a format is ISO 8601 (`T`, `Z`) whatever the base's spelling. With a format,
.NET standard/custom format strings apply ('d' is MM/dd/yyyy in the invariant culture)."""

from __future__ import annotations

import re

import pytest

from armgen.arm import ArmError
from tests.unit.arm.conftest import evaluate


@pytest.mark.parametrize(("expr", "expected"), [
    ("dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y')", "2023-04-07T14:53:14Z"),
    ("dateTimeAdd('2020-04-07 14:53:14Z', '-P9D')", "2020-03-29T14:53:14Z"),
    ("dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H')", "2020-04-07T15:53:14Z"),
    # the documented remarks: months are 30 days, so January 31 + P1M is March 2 (March 1 in a leap year)
    ("dateTimeAdd('2023-01-31 00:00:00Z', 'P1M')", "2023-03-02T00:00:00Z"),
    ("dateTimeAdd('2024-01-31 00:00:00Z', 'P1M')", "2024-03-01T00:00:00Z"),
    ("dateTimeAdd('2024-01-01T00:00:00Z', 'P1Y')", "2024-12-31T00:00:00Z"),  # 365 days, 2024 has 366
    ("dateTimeAdd('2023-03-31T00:00:00Z', '-P1M')", "2023-03-01T00:00:00Z"),
    ("dateTimeAdd('2023-01-01T00:00:00.5Z', 'PT1S')", "2023-01-01T00:00:01.5Z"),
    ("dateTimeAdd('2020-04-07T14:53:14Z', 'PT1H')", "2020-04-07T15:53:14Z"),
    ("dateTimeAdd('20190305T175318Z', 'PT1H')", "2019-03-05T18:53:18Z"),
    ("dateTimeAdd('2019-03-05T17:53:18Z', 'PT0S', 'd')", "03/05/2019"),
    ("dateTimeAdd('2019-03-05T17:53:18Z', 'PT0S', 'M d')", "3 5"),
    ("dateTimeAdd('2019-03-05T17:53:18+01:00', 'PT0S', 'u')", "2019-03-05 16:53:18Z"),
    ("dateTimeAdd('2020-01-31T00:00:00Z', 'P1M', 'yyyy-MM-dd')", "2020-03-01"),
    ("dateTimeAdd('2020-04-07T14:53:14Z', 'P1D', 'u')", "2020-04-08 14:53:14Z"),
    ("dateTimeFromEpoch(1683040573)", "2023-05-02T15:16:13Z"),
    ("dateTimeToEpoch('2023-05-02T15:16:13Z')", 1683040573),
    ("dateTimeToEpoch(dateTimeAdd('2023-05-02T15:16:13Z', 'P1Y'))", 1714576573),
    ("dateTimeAdd('2020-04-07T14:53:14Z', 'PT0S', 'M/d/yyyy h:mm:ss tt')", "4/7/2020 2:53:14 PM"),
])
def test_date(expr: str, expected) -> None:
    assert evaluate(expr) == expected


def test_utc_now_formats_and_is_only_allowed_in_parameter_defaults() -> None:
    assert re.fullmatch(r"\d{8}T\d{6}Z", evaluate("utcNow()", allow_runtime=True))
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", evaluate("utcNow('u')", allow_runtime=True))
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", evaluate("utcNow('d')", allow_runtime=True))
    with pytest.raises(ArmError, match="'utcNow' is not expected at this location"):
        evaluate("utcNow()")


@pytest.mark.parametrize(("expr", "fragment"), [
    ("dateTimeAdd('not a date', 'P1D')", "ISO 8601"), ("dateTimeAdd('2020-01-01', 'P')", "duration"),
    ("dateTimeAdd('2020-01-01', 'X1D')", "duration"), ("dateTimeFromEpoch('1')", "of type 'Integer'"),
])
def test_date_errors(expr: str, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        evaluate(expr)
    assert fragment in info.value.message
