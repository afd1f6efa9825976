"""The deployment plan: DAG order, deployment names, unit selection."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli
from armgen.deploy.plan import build_plan
from armgen.errors import ArmgenError, InputError
from armgen.naming import check_name
from armgen.render.units import deployment_name
from armgen.spec import load_spec

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def plan():
    return build_plan(load_spec(ROOT / "mlenv.yaml"), "int", ROOT)


def test_every_unit_comes_after_its_dependencies(plan) -> None:
    position = {s.name: i for i, s in enumerate(plan.steps)}
    for s in plan.steps:
        for dep in s.unit.depends_on:
            assert position[dep] < position[s.name], (dep, s.name)
            assert plan.step(dep).layer < s.layer


def test_shared_infrastructure_precedes_every_workspace_unit(plan) -> None:
    first_ws = min(i for i, s in enumerate(plan.steps) if s.unit.workspace)
    assert plan.steps[0].name == "resourcegroups"
    assert {s.name for s in plan.steps[:first_ws]} >= {"keyvault", "storageaccount-workspace", "appinsights"}


def test_deployment_names_are_valid_unique_and_stable(plan) -> None:
    names = [s.deployment for s in plan.steps]
    assert len(set(names)) == len(names)
    assert all(not check_name("Microsoft.Resources/deployments", n) for n in names)
    long = deployment_name("int", "roleassignments-" + "x" * 80)
    assert len(long) == 64 and long == deployment_name("int", "roleassignments-" + "x" * 80)
    assert long != deployment_name("int", "roleassignments-" + "x" * 79 + "y")


def test_dependents_are_transitive(plan) -> None:
    down = plan.dependents("mlworkspace-vision")
    assert {"computecluster-vision", "datastore-vision", "batchendpoint-vision"} <= down
    assert not any(n.endswith("-nlp") for n in down)


def test_critical_path_is_the_longest_chain(plan) -> None:
    cost = {s.name: 1.0 for s in plan.steps}
    assert plan.critical_path(cost) == len(plan.layers())


def test_unknown_unit_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="no unit 'nope'"):
        build_plan(load_spec(ROOT / "mlenv.yaml"), "int", ROOT, ["nope"])


def test_plan_command_lists_layers_as_json() -> None:
    result = CliRunner().invoke(cli, ["plan", "--env", "dev", "--spec", str(ROOT / "mlenv.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    units = json.loads(result.output)["units"]
    assert units[0]["unit"] == "resourcegroups" and units[0]["scope"] == "subscription"
    assert any(u["unit"] == "computecluster-nlp" and u["resourceGroup"] == "rg-mlp-nlp-dev" for u in units)


def test_a_cycle_among_units_is_named_in_dependency_order() -> None:
    from types import SimpleNamespace

    from armgen.deploy.plan import _layers

    units = [SimpleNamespace(name=n, depends_on=d) for n, d in
             [("resourcegroups", []), ("keyvault", ["identity"]), ("identity", ["roles"]), ("roles", ["keyvault"])]]
    with pytest.raises(ArmgenError, match=r"^dependency cycle among units: keyvault -> identity -> roles -> keyvault$"):
        _layers(units)
    assert _layers(units[:1]) == {"resourcegroups": 0}


@pytest.fixture(scope="module")
def rendered_without_datastore_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A rendered project whose datastore_config.json was then moved away."""
    from tests.unit.spec.project import DATASTORES, render, write_project

    folder = tmp_path_factory.mktemp("lost")
    spec = write_project(folder)
    assert render(spec).exit_code == 0
    (folder / DATASTORES).unlink()
    return spec


@pytest.mark.parametrize("command", ["plan", "verify", "drift", "destroy", "what-if", "deploy"])
def test_a_lost_datastore_config_is_refused_by_every_command_that_builds_a_plan(
        rendered_without_datastore_config: Path, command: str) -> None:
    spec = rendered_without_datastore_config
    result = CliRunner().invoke(cli, [command, "--env", "int", "--spec", str(spec)])
    assert result.exit_code == 2, result.output  # not a plan quietly without the datastore units
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"Error: {spec.parent / 'datastore_config.json'}: not found, but ")
    assert "that the plan would leave out; restore the file" in result.stderr
