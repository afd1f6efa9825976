"""The repository's own rendered sample environment (templates/ + parameters/) deployed to the emulator."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
ENV = "int"


def _body(step, location: str, parameters: dict | None = None) -> dict:
    out = {"properties": {"mode": "Incremental", "template": step.template,
                          "parameters": parameters or step.parameters}}
    if step.at_subscription:
        out["location"] = location
    return out


def _run(dc, step, location: str, what_if: bool = False, parameters: dict | None = None):
    body = _body(step, location, parameters)
    ops = dc.deployments
    if step.at_subscription:
        call = ops.begin_what_if_at_subscription_scope if what_if else ops.begin_create_or_update_at_subscription_scope
        return call(step.deployment, body).result()
    call = ops.begin_what_if if what_if else ops.begin_create_or_update
    return call(step.unit.resource_group, step.deployment, body).result()


@pytest.fixture
def plan():
    if not (ROOT / "templates").is_dir() or not (ROOT / "mlenv.yaml").is_file():
        pytest.skip("the sample environment is not rendered in this checkout")
    from armgen.deploy.plan import build_plan
    from armgen.spec import load_spec

    return build_plan(load_spec(ROOT / "mlenv.yaml"), ENV, ROOT)


def test_every_rendered_unit_deploys_and_redeploys_without_changes(emulator, plan) -> None:
    dc = emulator.deployments(subscription_id=plan.env.subscription_id)
    location = plan.env.location
    outputs = {}
    for layer in plan.layers():
        for step in layer:
            result = _run(dc, step, location)
            assert result.properties.provisioning_state == "Succeeded", (step.name, result.properties.error)
            outputs[step.name] = {k: v["value"] for k, v in (result.properties.outputs or {}).items()}
    assert len(outputs) == len(plan.steps)
    assert outputs["containerregistry-healthy"]["loginServer"].endswith(".azurecr.io")
    assert outputs["storageaccount-data"]["blobEndpoint"].startswith("https://")
    for step in plan.steps:
        kinds = {c.change_type for c in _run(dc, step, location, what_if=True).changes}
        assert kinds <= {"NoChange", "Ignore"}, step.name

    step = plan.step("loganalytics")
    changed = dict(step.parameters, retentionInDays={"value": 60})
    modified = [c for c in _run(dc, step, location, what_if=True, parameters=changed).changes
                if c.change_type == "Modify"]
    assert [(d.path, d.before, d.after) for c in modified for d in c.delta] == \
        [("properties.retentionInDays", 30, 60)]

    from azure.core.exceptions import HttpResponseError

    rc = emulator.resources(subscription_id=plan.env.subscription_id)
    shared = plan.env.shared.resource_group
    with pytest.raises(HttpResponseError) as refused:  # workspace endpoints still use the shared subnet
        rc.resource_groups.begin_delete(shared).result()
    assert refused.value.error.code == "InUseSubnetCannotBeDeleted"
    assert "pe-mlw-mlp-" in refused.value.message
    groups = plan.env.resource_groups
    for group in [*groups[1:], shared]:  # as armgen destroy does: workspace groups first
        rc.resource_groups.begin_delete(group).result()
    assert not any(rc.resource_groups.check_existence(g) for g in groups)
