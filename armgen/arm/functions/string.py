"""String functions."""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin

import json5

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.hashing import guid as arm_guid
from armgen.arm.hashing import unique_string
from armgen.arm.values import expect, to_string

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator


def _str(name: str, value: object, position: int = 0) -> str:
    return expect(name, value, "String", position=position)


def _b64decode(name: str, text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ArmError(f"The template language function '{name}' expects a valid base64 string.") from None


@arm_function("base64", 1)
def base64_(ev: Evaluator, args: list) -> object:
    return base64.b64encode(_str("base64", args[0]).encode()).decode()


@arm_function("base64ToString", 1)
def base64_to_string(ev: Evaluator, args: list) -> object:
    return _b64decode("base64ToString", _str("base64ToString", args[0])).decode("utf-8", "replace")


@arm_function("base64ToJson", 1)
def base64_to_json(ev: Evaluator, args: list) -> object:
    raw = _b64decode("base64ToJson", _str("base64ToJson", args[0]))
    return _parse_json("base64ToJson", raw.decode("utf-8", "replace"))


@arm_function("dataUri", 1)
def data_uri(ev: Evaluator, args: list) -> object:
    encoded = base64.b64encode(to_string(args[0]).encode()).decode()
    return f"data:text/plain;charset=utf8;base64,{encoded}"


@arm_function("dataUriToString", 1)
def data_uri_to_string(ev: Evaluator, args: list) -> object:
    text = _str("dataUriToString", args[0])
    match = re.fullmatch(r"data:([^,]*?)(;base64)?,(.*)", text, re.S)
    if not match:
        raise ArmError("The template language function 'dataUriToString' expects a valid data URI.")
    body = match.group(3)
    return _b64decode("dataUriToString", body).decode("utf-8", "replace") if match.group(2) else unquote(body)


@arm_function("endsWith", 2)
def ends_with(ev: Evaluator, args: list) -> object:
    return _str("endsWith", args[0]).casefold().endswith(_str("endsWith", args[1], 1).casefold())


@arm_function("startsWith", 2)
def starts_with(ev: Evaluator, args: list) -> object:
    return _str("startsWith", args[0]).casefold().startswith(_str("startsWith", args[1], 1).casefold())


MAX_FORMAT_WIDTH = 10000


def _format_value(value: object, spec: str) -> str:
    digits_text = spec[1:]
    if digits_text.isdigit() and int(digits_text) > 100:
        raise ArmError(f"The template language function 'format': the format specifier '{spec}' is too large.")
    if spec and isinstance(value, int | float) and not isinstance(value, bool):
        kind, digits = spec[0].upper(), spec[1:]
        if kind == "D":
            return f"{value:0{int(digits or 0)}d}"
        if kind == "N":
            return f"{value:,.{int(digits) if digits else 2}f}"
        if kind == "X":
            text = f"{value:0{int(digits or 0)}x}"
            return text.upper() if spec[0] == "X" else text
        if kind == "F":
            return f"{value:.{int(digits) if digits else 2}f}"
        if kind == "P":
            return f"{value * 100:,.{int(digits) if digits else 2}f} %"
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(",", ":")).replace('"', "'")
    return to_string(value)


@arm_function("format", 1, None)
def format_(ev: Evaluator, args: list) -> object:
    fmt = _str("format", args[0])
    values = args[1:]

    def repl(match: re.Match) -> str:
        if match.group(0) == "{{":
            return "{"
        if match.group(0) == "}}":
            return "}"
        index = int(match.group(1))
        if index >= len(values):
            raise ArmError("The template language function 'format': index (zero based) must be greater "
                           "than or equal to zero and less than the size of the argument list.")
        text = _format_value(values[index], match.group(3) or "")
        width = int(match.group(2)) if match.group(2) else 0
        if abs(width) > MAX_FORMAT_WIDTH:
            raise ArmError("The template language function 'format': the alignment width is too large.")
        return text.rjust(width) if width >= 0 else text.ljust(-width)

    return re.sub(r"\{\{|\}\}|\{(\d+)(?:,(-?\d+))?(?::([^}]*))?\}", repl, fmt)


@arm_function("guid", 1, None)
def guid(ev: Evaluator, args: list) -> object:
    return arm_guid(*(_str("guid", v, i) for i, v in enumerate(args)))


@arm_function("uniqueString", 1, None)
def unique_string_(ev: Evaluator, args: list) -> object:
    return unique_string(*(_str("uniqueString", v, i) for i, v in enumerate(args)))


@arm_function("newGuid", 0)
def new_guid(ev: Evaluator, args: list) -> object:
    if not ev.scope.allow_runtime_functions:
        raise ArmError("The template function 'newGuid' is not expected at this location. It can only be "
                       "used within the default value of a parameter.")
    return str(uuid.uuid4())


@arm_function("join", 2)
def join(ev: Evaluator, args: list) -> object:
    items = expect("join", args[0], "Array")
    delimiter = _str("join", args[1], 1)
    for item in items:
        if isinstance(item, list | dict):
            raise ArmError("The template language function 'join' expects an array of strings, integers "
                           "or booleans.")
    return delimiter.join(to_string(i) for i in items)


def _parse_json(name: str, text: str) -> object:
    """ARM parses with Newtonsoft.Json, which is lenient: single-quoted strings, unquoted property names,
    comments, trailing commas, hexadecimal numbers, NaN/Infinity. Strict JSON first (fast), then JSON5,
    which has exactly those leniencies."""
    try:
        return json.loads(text)
    except (json.JSONDecodeError, ValueError):
        pass
    try:
        return json5.loads(text)
    except (ValueError, TypeError, OverflowError):
        raise ArmError(f"The template language function '{name}' expects a valid JSON string; "
                       f"'{text[:80]}' is not.") from None


@arm_function("json", 1)
def json_(ev: Evaluator, args: list) -> object:
    return _parse_json("json", _str("json", args[0]))


@arm_function("padLeft", 2, 3)
def pad_left(ev: Evaluator, args: list) -> object:
    value = to_string(expect("padLeft", args[0], "String", "Integer"))
    total = expect("padLeft", args[1], "Integer", position=1)
    pad = _str("padLeft", args[2], 2) if len(args) > 2 else " "
    if len(pad) != 1:
        raise ArmError("The template language function 'padLeft' expects the padding character to be a "
                       "single character.")
    if total > 16 * 1024:
        raise ArmError("The template language function 'padLeft' total length is too large.")
    return value.rjust(total, pad)


@arm_function("replace", 3)
def replace(ev: Evaluator, args: list) -> object:
    old = _str("replace", args[1], 1)
    if old == "":
        raise ArmError("The template language function 'replace' expects a non-empty string to replace.")
    return _str("replace", args[0]).replace(old, _str("replace", args[2], 2))


@arm_function("split", 2)
def split(ev: Evaluator, args: list) -> object:
    text = _str("split", args[0])
    delimiters = args[1] if isinstance(args[1], list) else [_str("split", args[1], 1)]
    delimiters = [_str("split", d, 1) for d in delimiters if d != ""]
    if not delimiters:
        return [text]
    return re.split("|".join(re.escape(d) for d in delimiters), text)


@arm_function("string", 1)
def string(ev: Evaluator, args: list) -> object:
    return to_string(args[0])


@arm_function("substring", 1, 3)
def substring(ev: Evaluator, args: list) -> object:
    text = _str("substring", args[0])
    start = expect("substring", args[1], "Integer", position=1) if len(args) > 1 else 0
    count = expect("substring", args[2], "Integer", position=2) if len(args) > 2 else len(text) - start
    if start < 0 or start > len(text) or count < 0 or start + count > len(text):
        raise ArmError("The index and length parameters must refer to a location within the string. The "
                       f"index parameter: '{start}', the length parameter: '{count}', the length of the "
                       f"string parameter: '{len(text)}'.")
    return text[start:start + count]


@arm_function("toLower", 1)
def to_lower(ev: Evaluator, args: list) -> object:
    return _str("toLower", args[0]).lower()


@arm_function("toUpper", 1)
def to_upper(ev: Evaluator, args: list) -> object:
    return _str("toUpper", args[0]).upper()


@arm_function("trim", 1)
def trim(ev: Evaluator, args: list) -> object:
    return _str("trim", args[0]).strip()


@arm_function("uri", 2)
def uri(ev: Evaluator, args: list) -> object:
    base, relative = _str("uri", args[0]), _str("uri", args[1], 1)
    if "://" not in base:
        raise ArmError(f"The template language function 'uri' expects an absolute base URI; got '{base}'.")
    try:
        return urljoin(base, relative)
    except ValueError as exc:
        raise ArmError(f"The template language function 'uri' cannot combine '{base}' and '{relative}': {exc}.") from None


@arm_function("uriComponent", 1)
def uri_component(ev: Evaluator, args: list) -> object:
    return quote(_str("uriComponent", args[0]), safe="-_.~")


@arm_function("uriComponentToString", 1)
def uri_component_to_string(ev: Evaluator, args: list) -> object:
    return unquote(_str("uriComponentToString", args[0]))
