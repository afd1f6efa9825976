"""Helpers for the ARM engine tests: evaluate one expression in a fixed context."""

from __future__ import annotations

import pytest

from armgen.arm import DeploymentContext, EvalScope, Evaluator, parse_expression

SUB = "11111111-2222-3333-4444-555555555555"


class FixedScope(EvalScope):
    """A scope with a known context, parameters and variables, and runtime functions allowed."""

    def __init__(self, parameters: dict | None = None, variables: dict | None = None,
                 allow_runtime: bool = False, context: DeploymentContext | None = None) -> None:
        self.context = context or DeploymentContext(subscription_id=SUB, resource_group="rg1",
                                                    location="westeurope")
        self.params = parameters or {}
        self.vars = variables or {}
        self.allow_runtime_functions = allow_runtime

    def parameter(self, name: str) -> object:
        if name in self.params:
            return self.params[name]
        return super().parameter(name)

    def variable(self, name: str) -> object:
        if name in self.vars:
            return self.vars[name]
        return super().variable(name)


def evaluate(text: str, **scope_args) -> object:
    """Evaluate expression ``text`` (without brackets)."""
    return Evaluator(FixedScope(**scope_args)).evaluate(parse_expression(text))


@pytest.fixture
def ev():
    return evaluate
