"""User-defined functions (``functions`` section, namespaced)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.evaluator import Evaluator
from armgen.arm.parameters import TYPE_NAMES
from armgen.arm.values import is_type, type_name

if TYPE_CHECKING:
    from armgen.arm.template import TemplateEngine


class UserFunctions:
    """``namespace.member(args)`` calls; members evaluate their output in a FunctionScope."""

    def __init__(self, engine: TemplateEngine, section: object) -> None:
        self.engine = engine
        self.members: dict[str, tuple[str, str, dict]] = {}
        if section is None:
            return
        if not isinstance(section, list):
            raise ArmError("The template 'functions' section must be an array.", path=["functions"])
        for i, ns in enumerate(section):
            if not isinstance(ns, dict) or not isinstance(ns.get("namespace"), str):
                raise ArmError("A user-defined function namespace needs a 'namespace' name.", path=["functions", i])
            members = ns.get("members") or {}
            if not isinstance(members, dict):
                raise ArmError("The user-defined function 'members' must be an object.", path=["functions", i, "members"])
            for name, member in members.items():
                if not isinstance(member, dict):
                    raise ArmError(f"The user-defined function '{ns['namespace']}.{name}' must be an object.",
                                   path=["functions", i, "members", name])
                self.members[f"{ns['namespace']}.{name}".lower()] = (ns["namespace"], name, member)

    def call(self, full_name: str, args: list) -> object:
        entry = self.members.get(full_name.lower())
        if entry is None:
            raise ArmError(f"The template function '{full_name}' is not defined. Please see "
                           f"https://aka.ms/arm-user-defined-functions for usage details.")
        namespace, name, member = entry
        params = member.get("parameters") or []
        if not isinstance(params, list) or not all(isinstance(p, dict) and "name" in p for p in params):
            raise ArmError(f"The user-defined function '{full_name}' parameters must be objects with a 'name'.")
        if len(args) != len(params):
            raise ArmError(f"Unable to evaluate user-defined function '{full_name}': it requires {len(params)} "
                           f"argument(s) while {len(args)} were provided.")
        values = {}
        for param, value in zip(params, args, strict=True):
            expected = TYPE_NAMES.get(str(param.get("type", "")).lower())
            if expected and not is_type(value, expected):
                raise ArmError(f"The user-defined function '{full_name}' expects parameter '{param.get('name')}' "
                               f"to be of type '{expected}'. The provided value is of type '{type_name(value)}'.")
            values[str(param.get("name"))] = value
        output = member.get("output") or {}
        if not isinstance(output, dict) or "value" not in output:
            raise ArmError(f"The user-defined function '{full_name}' has no output value.")
        ev = Evaluator(self.engine.function_scope(namespace, name, values))
        return ev.evaluate_value(output["value"], ["functions", namespace, name, "output", "value"])
