"""Date functions with .NET-style format strings (the subset templates use)."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import expect
from armgen.durations import parse_duration

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator

# .NET standard formats under the invariant culture (what ARM uses)
STANDARD_FORMATS = {
    "d": "MM/dd/yyyy", "D": "dddd, dd MMMM yyyy", "f": "dddd, dd MMMM yyyy HH:mm",
    "F": "dddd, dd MMMM yyyy HH:mm:ss", "g": "MM/dd/yyyy HH:mm", "G": "MM/dd/yyyy HH:mm:ss",
    "m": "MMMM dd", "M": "MMMM dd", "o": "yyyy-MM-ddTHH:mm:ss.fffffffK", "O": "yyyy-MM-ddTHH:mm:ss.fffffffK",
    "r": "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "R": "ddd, dd MMM yyyy HH:mm:ss 'GMT'", "s": "yyyy-MM-ddTHH:mm:ss",
    "t": "HH:mm", "T": "HH:mm:ss", "u": "yyyy-MM-dd HH:mm:ssZ", "U": "dddd, dd MMMM yyyy HH:mm:ss",
    "y": "yyyy MMMM", "Y": "yyyy MMMM",
}
DEFAULT_UTCNOW = "yyyyMMddTHHmmssZ"
ISO_FORMAT = "yyyy-MM-ddTHH:mm:ssZ"
# without a format the result is ISO 8601 as ARM serialises a UTC date (the fraction only when non-zero)
ADD_RESULT_FORMAT = "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"


def format_datetime(value: datetime, fmt: str) -> str:
    """Format like .NET ``DateTime.ToString(fmt, InvariantCulture)``."""
    fmt = STANDARD_FORMATS.get(fmt, fmt)
    out: list[str] = []
    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch in "'\"":
            end = fmt.find(ch, i + 1)
            end = len(fmt) if end < 0 else end
            out.append(fmt[i + 1:end])
            i = end + 1
            continue
        if ch == "%" and len(fmt) > 1:
            i += 1
            continue
        if ch == "\\" and i + 1 < len(fmt):
            out.append(fmt[i + 1])
            i += 2
            continue
        j = i
        while j < len(fmt) and fmt[j] == ch:
            j += 1
        n = j - i
        if ch == "F":
            digits = f"{value.microsecond:06d}0"[:n].rstrip("0")
            if not digits and out and out[-1].endswith("."):
                out[-1] = out[-1][:-1]  # .NET drops the separator before an all-zero F fraction
            out.append(digits)
        else:
            out.append(_token(value, ch, n) if ch in "yMdHhmsftK" else fmt[i:j])
        i = j
    return "".join(out)


def _token(v: datetime, ch: str, n: int) -> str:
    if ch == "y":
        return f"{v.year % 100:02d}" if n == 2 else (str(v.year % 100) if n == 1 else f"{v.year:0{n}d}")
    if ch == "M":
        return [str(v.month), f"{v.month:02d}", calendar.month_abbr[v.month], calendar.month_name[v.month]][min(n, 4) - 1]
    if ch == "d":
        return [str(v.day), f"{v.day:02d}", calendar.day_abbr[v.weekday()], calendar.day_name[v.weekday()]][min(n, 4) - 1]
    if ch in "Hms":
        number = {"H": v.hour, "m": v.minute, "s": v.second}[ch]
        return f"{number:02d}" if n >= 2 else str(number)
    if ch == "h":
        hour = v.hour % 12 or 12
        return f"{hour:02d}" if n >= 2 else str(hour)
    if ch == "f":
        return f"{v.microsecond:06d}0"[:n]
    if ch == "t":
        return ("AM" if v.hour < 12 else "PM")[:n]
    return "Z"  # K: UTC designator


_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:([T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?"
                     r"\s*(Z|[+-]\d{2}:?\d{2})?\s*$", re.I)
_COMPACT_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)\s*$", re.I)


def parse_datetime(name: str, text: str) -> datetime:
    """An ISO 8601 date time (extended or compact form) as a UTC datetime."""
    compact = _COMPACT_RE.match(text)
    if compact:
        y, mo, d, h, mi, sec, _zone = compact.groups()
        return _make(name, text, y, mo, d, h, mi, sec, None, None)
    match = _ISO_RE.match(text)
    if not match:
        raise ArmError(f"The template language function '{name}' expects a date time in ISO 8601 format; "
                       f"'{text}' is not valid.")
    y, mo, d, _sep, h, mi, sec, frac, zone = match.groups()
    return _make(name, text, y, mo, d, h, mi, sec, frac, zone)


def _make(name, text, y, mo, d, h, mi, sec, frac, zone) -> datetime:
    micro = int((frac or "0")[:6].ljust(6, "0"))
    try:
        value = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(sec or 0), micro, tzinfo=UTC)
    except ValueError as exc:
        raise ArmError(f"The template language function '{name}' expects a valid date time; '{text}': {exc}.") from None
    if zone and zone.upper() != "Z":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        value -= sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return value


def add_duration(value: datetime, duration: str) -> datetime:
    """``value`` plus the ISO 8601 ``duration`` (see :func:`armgen.durations.parse_duration`)."""
    try:
        return value + parse_duration(duration)
    except OverflowError:
        pass
    except ValueError:
        raise ArmError(f"The template language function 'dateTimeAdd' expects a duration in ISO 8601 format; "
                       f"'{duration}' is not valid.") from None
    raise ArmError(f"The template language function 'dateTimeAdd': adding '{duration}' gives a date "
                   f"outside the supported range.")


@arm_function("utcNow", 0, 1)
def utc_now(ev: Evaluator, args: list) -> object:
    if not ev.scope.allow_runtime_functions:
        raise ArmError("The template function 'utcNow' is not expected at this location. It can only be "
                       "used within the default value of a parameter.")
    fmt = expect("utcNow", args[0], "String") if args else DEFAULT_UTCNOW
    return format_datetime(ev.now, fmt)


@arm_function("dateTimeAdd", 2, 3)
def date_time_add(ev: Evaluator, args: list) -> object:
    base = parse_datetime("dateTimeAdd", expect("dateTimeAdd", args[0], "String"))
    result = add_duration(base, expect("dateTimeAdd", args[1], "String", position=1))
    if len(args) > 2:
        return format_datetime(result, expect("dateTimeAdd", args[2], "String", position=2))
    return format_datetime(result, ADD_RESULT_FORMAT)


@arm_function("dateTimeFromEpoch", 1)
def date_time_from_epoch(ev: Evaluator, args: list) -> object:
    seconds = expect("dateTimeFromEpoch", args[0], "Integer")
    try:
        value = datetime.fromtimestamp(seconds, UTC)
    except (ValueError, OverflowError, OSError):
        raise ArmError(f"The template language function 'dateTimeFromEpoch': '{seconds}' is outside the "
                       f"supported range.") from None
    return format_datetime(value, ISO_FORMAT)


@arm_function("dateTimeToEpoch", 1)
def date_time_to_epoch(ev: Evaluator, args: list) -> object:
    value = parse_datetime("dateTimeToEpoch", expect("dateTimeToEpoch", args[0], "String"))
    return int(value.timestamp())
