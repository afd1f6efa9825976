"""Deployment functions: parameters, variables, deployment, environment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armgen.arm.context import AZURE_CLOUD
from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import expect

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator


@arm_function("parameters", 1)
def parameters(ev: Evaluator, args: list) -> object:
    return ev.scope.parameter(expect("parameters", args[0], "String"))


@arm_function("variables", 1)
def variables(ev: Evaluator, args: list) -> object:
    return ev.scope.variable(expect("variables", args[0], "String"))


@arm_function("deployment", 0)
def deployment(ev: Evaluator, args: list) -> object:
    return ev.scope.deployment_info()


@arm_function("environment", 0)
def environment(ev: Evaluator, args: list) -> object:
    return _fresh(AZURE_CLOUD)


def _fresh(value: object) -> object:
    """A copy of a JSON value (objects, arrays, strings): ``copy.deepcopy``'s result at a tenth of its cost."""
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    return value


@arm_function("deployer", 0)
def deployer(ev: Evaluator, args: list) -> object:
    """The identity running the deployment; offline a fixed placeholder principal in the context's tenant."""
    tenant = ev.scope.context.tenant_id
    return {"objectId": "00000000-0000-0000-0000-000000000000", "tenantId": tenant,
            "userPrincipalName": "armgen@example.invalid"}


@arm_function("fail", 1)
def fail(ev: Evaluator, args: list) -> object:
    """bicep-functions-flow-control#fail: stops the deployment with the message (used under if/coalesce,
    which evaluate only the branch they take)."""
    raise ArmError(expect("fail", args[0], "String"))
