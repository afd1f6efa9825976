"""ISO 8601 durations, parsed in one place (with ``isodate``) for ``dateTimeAdd`` and verify's comparisons."""

from __future__ import annotations

from datetime import timedelta

import isodate

# ARM's arithmetic for the calendar units, as the dateTimeAdd remarks document it (2023-01-31 + P1M is
# 2023-03-02, 2024-01-31 + P1M is 2024-03-01): a month is 30 days and a year 365, as .NET's
# XmlConvert.ToTimeSpan counts them, not calendar months that end on February 28
DAYS_PER_YEAR = 365
DAYS_PER_MONTH = 30


def parse_duration(text: str) -> timedelta:
    """``text`` (``P1Y2M3W4DT5H6M7.5S``, ``-P9D``) as a length of time, years and months counted as ARM does.

    Raises ValueError when ``text`` is not an ISO 8601 duration (a bare ``P`` or ``PT`` included) and
    OverflowError when it is longer than Python's dates can hold.
    """
    if text.lstrip("+-").rstrip("T") == "P":
        raise ValueError(f"'{text}' names no amount of time")
    value = isodate.parse_duration(text)
    if isinstance(value, isodate.Duration):
        days = value.years * DAYS_PER_YEAR + value.months * DAYS_PER_MONTH
        return value.tdelta + timedelta(days=float(days))
    return value
