"""The ``EvalScope`` a TemplateEngine hands to evaluators (one view per evaluation site)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.evaluator import EvalScope

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator
    from armgen.arm.state import StateProvider
    from armgen.arm.template import TemplateEngine

_INDEXED = re.compile(r"^(.+)\[(\d+)\]$")


class EngineScope(EvalScope):
    """Parameters, variables, functions and resources of one engine, with per-site permissions."""

    def __init__(self, engine: TemplateEngine, state: StateProvider | None = None, *, allow_runtime: bool = False, allow_reference: bool = True,
                 allow_variables: bool = True) -> None:
        self.engine = engine
        self.context = engine.context
        self.state = state
        self.allow_runtime_functions = allow_runtime
        self.allow_reference = allow_reference
        self.allow_variables = allow_variables
        self.now = engine.now

    def parameter(self, name: str) -> object:
        return self.engine.parameter(name)

    def variable(self, name: str) -> object:
        if not self.allow_variables:
            raise ArmError("The template function 'variables' is not expected at this location.")
        return self.engine.variable(name, self.state)

    def call_user_function(self, name: str, args: list, ev: Evaluator) -> object:
        return self.engine.call_user_function(name, args)

    def deployment_info(self) -> dict:
        return self.engine.deployment_info()

    def _instance(self, target: str):
        engine = self.engine
        match = _INDEXED.match(target)
        key = match.group(1) if match else target
        for candidate_engine in engine.lookup_chain():
            found = candidate_engine.find_instances(key)
            if found:
                if match:
                    index = int(match.group(2))
                    if index >= len(found):
                        raise ArmError(f"The resource '{target}' index is out of range.")
                    return found[index]
                return found[0]
        return None

    def resolve_reference(self, target: str, api_version: str | None) -> tuple[str, str | None]:
        inst = self._instance(target)
        if inst is not None:
            return inst.id, api_version or inst.api_version or None
        return super().resolve_reference(target, api_version)

    def references(self, symbolic: str, full: bool, ev: Evaluator) -> list:
        for engine in self.engine.lookup_chain():
            found = engine.find_instances(symbolic)
            if found:
                state = self.state or engine.default_state
                return [state.reference(i.id, i.api_version or None, full) for i in found if i.condition]
        return super().references(symbolic, full, ev)

    def resource_info(self, symbolic: str) -> dict:
        inst = self._instance(symbolic)
        if inst is None:
            return super().resource_info(symbolic)
        return {"id": inst.id, "name": inst.name, "type": inst.type, "apiVersion": inst.api_version}


class FunctionScope(EvalScope):
    """Inside a user-defined function: only its own parameters; no variables or reference()."""

    allow_reference = False

    def __init__(self, engine: TemplateEngine, namespace: str, name: str, values: dict) -> None:
        self.engine = engine
        self.context = engine.context
        self.function = f"{namespace}.{name}"
        self.values = {k.lower(): v for k, v in values.items()}
        self.now = engine.now

    def parameter(self, name: str) -> object:
        if name.lower() in self.values:
            return self.values[name.lower()]
        raise ArmError(f"The user-defined function '{self.function}' has no parameter '{name}'.")

    def variable(self, name: str) -> object:
        raise ArmError("The template function 'variables' is not expected at this location: user-defined "
                       "functions cannot use variables.")

    def call_user_function(self, name: str, args: list, ev: Evaluator) -> object:
        return self.engine.call_user_function(name, args)

    def deployment_info(self) -> dict:
        raise ArmError("The template function 'deployment' is not expected inside a user-defined function.")
