"""Deployment functions: parameters, variables, deployment, environment."""

from __future__ import annotations

import copy

from armgen.arm.context import AZURE_CLOUD
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import expect


@arm_function("parameters", 1)
def parameters(ev, args):
    return ev.scope.parameter(expect("parameters", args[0], "String"))


@arm_function("variables", 1)
def variables(ev, args):
    return ev.scope.variable(expect("variables", args[0], "String"))


@arm_function("deployment", 0)
def deployment(ev, args):
    return ev.scope.deployment_info()


@arm_function("environment", 0)
def environment(ev, args):
    return copy.deepcopy(AZURE_CLOUD)
