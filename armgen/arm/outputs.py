"""Template outputs: condition, copy, declared type (as ARM reports it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armgen.arm.copy import copy_frame, evaluate_count
from armgen.arm.errors import ArmError
from armgen.arm.parameters import TYPE_NAMES, resolve_ref
from armgen.arm.values import PlaceholderObject, is_type, type_name

if TYPE_CHECKING:
    from armgen.arm.state import StateProvider
    from armgen.arm.template import TemplateEngine

OUTPUT_TYPES = {"string": "String", "securestring": "SecureString", "int": "Int", "bool": "Bool",
                "object": "Object", "secureobject": "SecureObject", "array": "Array"}
MAX_OUTPUTS = 64


def evaluate_outputs(engine: TemplateEngine, state: StateProvider) -> dict[str, dict]:
    """{name: {"type", "value"}}; secure outputs carry no value, as ARM returns them."""
    section = engine.template.get("outputs") or {}
    if not isinstance(section, dict):
        raise ArmError("The template 'outputs' section must be an object.", path=["outputs"])
    result: dict[str, dict] = {}
    for name, decl in section.items():
        path = ["outputs", name]
        if not isinstance(decl, dict):
            raise ArmError(f"The template output '{name}' must be an object.", path=path)
        ev = engine.evaluator(state)
        if "condition" in decl:
            condition = ev.evaluate_value(decl["condition"], path + ["condition"])
            if not isinstance(condition, bool):
                raise ArmError(f"The template output '{name}' condition must be a boolean.", path=path + ["condition"])
            if not condition:
                continue
        if "$ref" in decl:  # languageVersion 2.0: a user-defined type names the output's type
            decl = resolve_ref(name, decl, engine.template.get("definitions") or {})
        declared = str(decl.get("type", "")).lower()
        copy = decl.get("copy")
        if isinstance(copy, dict):
            if "input" not in copy:
                raise ArmError(f"The template output '{name}' copy is missing the required property 'input'.",
                               path=path + ["copy"])
            value = []
            for index in range(evaluate_count(ev, copy, path + ["copy"])):
                with copy_frame(ev, None, index):
                    value.append(ev.evaluate_value(copy.get("input"), path + ["copy", "input"]))
        elif "value" in decl:
            value = ev.evaluate_value(decl["value"], path + ["value"])
        else:
            raise ArmError(f"The template output '{name}' has no 'value' or 'copy'.", path=path)
        expected = TYPE_NAMES.get(declared)
        if expected and value is not None and not isinstance(value, PlaceholderObject) and not is_type(value, expected):
            raise ArmError(f"The template output '{name}' is not valid: the value is of type '{type_name(value)}' "
                           f"but the output is declared as '{decl.get('type')}'.", path=path + ["value"])
        entry: dict = {"type": OUTPUT_TYPES.get(declared, str(decl.get("type", "")))}
        if declared not in ("securestring", "secureobject"):
            entry["value"] = value
        result[name] = entry
    return result
