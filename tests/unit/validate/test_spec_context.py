"""validate evaluates a rendered unit in its real target: the spec's subscription, location and group."""

import json
from pathlib import Path

from armgen.rulebase.evaluation import VALIDATE_SUBSCRIPTION, deployment_context

ROOT = Path(__file__).resolve().parents[3]


def test_a_rendered_parameter_file_gets_its_environment_and_group() -> None:
    template = json.loads((ROOT / "templates" / "computecluster.json").read_text())
    ctx = deployment_context(template, "pro", str(ROOT / "parameters" / "computecluster-vision.parameters.pro.json"))
    assert ctx.subscription_id == "00000000-0000-0000-0000-000000000002"
    assert ctx.resource_group == "rg-mlp-vision-pro"
    assert ctx.location == "northeurope"
    assert ctx.deployment_name == "armgen-pro-computecluster-vision"


def test_a_subscription_template_keeps_subscription_scope() -> None:
    template = json.loads((ROOT / "templates" / "resourcegroups.json").read_text())
    ctx = deployment_context(template, "dev", str(ROOT / "parameters" / "resourcegroups.parameters.dev.json"))
    assert ctx.scope == "subscription" and ctx.resource_group is None
    assert ctx.subscription_id == "00000000-0000-0000-0000-000000000001"


def test_a_foreign_parameter_file_gets_the_placeholder(tmp_path: Path) -> None:
    template = json.loads((ROOT / "templates" / "keyvault.json").read_text())
    ctx = deployment_context(template, "dev", str(tmp_path / "keyvault.parameters.dev.json"))
    assert ctx.subscription_id == VALIDATE_SUBSCRIPTION
