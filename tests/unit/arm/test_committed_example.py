"""Every unit of the committed worked example expands offline, for every environment, at the right ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armgen.arm import DeploymentContext, expand
from armgen.render.units import SUBSCRIPTION, units_for
from armgen.spec import load_spec

ROOT = Path(__file__).resolve().parents[3]
SPEC = load_spec(ROOT / "mlenv.yaml")
CASES = [(env, unit) for env in SPEC.environments for unit in units_for(SPEC.env(env))]


@pytest.mark.parametrize(("env", "unit"), CASES, ids=[f"{e}-{u.name}" for e, u in CASES])
def test_unit_expands(env: str, unit) -> None:
    environment = SPEC.env(env)
    template = json.loads((ROOT / "templates" / f"{unit.template}.json").read_text())
    params = json.loads((ROOT / "parameters" / unit.parameter_file(env)).read_text())["parameters"]
    values = {k: v.get("value", "[keyVaultSecret]") for k, v in params.items()}
    ctx = DeploymentContext(subscription_id=environment.subscription_id, location=environment.location,
                            resource_group=unit.resource_group, deployment_name=f"armgen-{env}-{unit.name}")
    if unit.scope == SUBSCRIPTION:
        ctx = ctx.for_subscription()
    result = expand(template, values, ctx)
    assert result.resources, "every unit deploys something"
    prefix = f"/subscriptions/{environment.subscription_id}/"
    assert all(r.id.startswith(prefix) for r in result.resources)
    if unit.scope != SUBSCRIPTION:
        # a nested deployment may target another group of the environment (workspace grants on shared storage)
        own = [r for r in result.resources if r.deployment is None and r.body.get("type") != "Microsoft.Resources/deployments"]
        groups = [g.lower() for g in environment.resource_groups]
        assert all(r.id.lower().split("/")[4] in groups for r in result.resources if r.deployment is None)
        assert all(r.id.lower().startswith(f"{prefix}resourcegroups/{unit.resource_group}/".lower()) for r in own)
