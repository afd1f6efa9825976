"""Loading good specs: per-environment values, overrides, defaults, computed names, datastores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armgen.errors import SourceError, SourceErrors
from armgen.spec import load_spec
from armgen.spec.loader import merge_env_repeats
from armgen.spec.names import pattern_problem, unknown_tokens
from armgen.spec.yaml_loader import mark_of, parse_yaml
from tests.unit.spec.project import SAMPLE_DATASTORES, SAMPLE_SPEC, edited, render, write_project

MINIMAL = Path(__file__).resolve().parents[2] / "fixtures" / "spec" / "minimal" / "mlenv.yaml"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):  # a Spec
    return load_spec(write_project(tmp_path_factory.mktemp("sample")))


def test_environments_in_file_order_with_their_settings(sample) -> None:
    assert list(sample.environments) == ["dev", "int", "pro"]
    pro = sample.env("pro")
    assert (pro.subscription_id, pro.location, pro.production) == (
        "00000000-0000-0000-0000-000000000002", "northeurope", True)
    assert sample.env("dev").production is False
    assert pro.tags == {"project": "mlp", "managedBy": "armgen", "environment": "pro", "costCenter": "ml-platform"}
    assert sample.release_order == ["int", "dev", "pro"]


def test_per_environment_values_pick_the_env_then_the_default(sample) -> None:
    vision = {e: sample.env(e).workspaces[0].compute for e in ("dev", "int", "pro")}
    assert {e: c.max_nodes for e, c in vision.items()} == {"dev": 2, "int": 1, "pro": 8}
    assert {e: sample.env(e).shared.log_retention_days for e in ("dev", "int", "pro")} == \
        {"dev": 30, "int": 30, "pro": 90}
    assert {e: sample.env(e).shared.registries["healthy"].sku for e in ("dev", "int", "pro")} == \
        {"dev": "Standard", "int": "Premium", "pro": "Premium"}


def test_overrides_apply_to_their_environment_only(sample) -> None:
    assert sample.env("pro").workspaces[0].compute.vm_size == "Standard_NC12s_v3"
    assert sample.env("int").workspaces[0].compute.vm_size == "Standard_NC6s_v3"
    # the override replaces vmSize only: the rest of the workspace's compute stays
    assert sample.env("pro").workspaces[0].compute.idle_seconds == 120


def test_defaults_fill_what_the_spec_leaves_out(sample) -> None:
    nlp = sample.env("dev").workspaces[1]
    assert (nlp.compute.min_nodes, nlp.compute.vm_priority, nlp.compute.name) == (0, "Dedicated", "cpu-cluster")
    assert sample.env("dev").workspaces[0].compute.name == "gpu-cluster"  # an NC size
    assert nlp.sku == "Basic" and nlp.hbi is False
    assert sample.env("dev").shared.key_vault_sku == "standard"


def test_computed_names_follow_the_naming_patterns(sample) -> None:
    dev = sample.env("dev")
    assert dev.shared.key_vault_name == "kv-mlp-shared-dev"
    assert dev.shared.storage["data"].name == "stmlpdatadev"
    assert dev.shared.storage["workspace"].name == "stmlpwsdev"
    assert dev.shared.registries["staging"].name == "crmlpstagingdev"
    assert dev.shared.resource_group == "rg-mlp-shared-dev"
    assert [w.name for w in dev.workspaces] == ["mlw-mlp-vision-dev", "mlw-mlp-nlp-dev"]
    assert dev.resource_groups == ["rg-mlp-shared-dev", "rg-mlp-vision-dev", "rg-mlp-nlp-dev"]
    assert dev.workspaces[0].batch_endpoints == ["scoring-mlp-vision-dev"]


def test_a_batch_endpoint_can_be_named_explicitly(tmp_path: Path) -> None:
    spec = edited(SAMPLE_SPEC, (("    batchEndpoints: [scoring]\n  - name: nlp",
                                 '    batchEndpoints: [scoring, {name: forecasting, endpointName: "fc-{workload}-{env}"}]'
                                 "\n  - name: nlp"),))
    folder = tmp_path / "project"
    loaded = load_spec(write_project(folder, spec))
    assert loaded.env("pro").workspaces[0].batch_endpoints == ["scoring-mlp-vision-pro", "fc-vision-pro"]
    assert render(folder / "mlenv.yaml", "--env", "dev").exit_code == 0
    params = json.loads((folder / "parameters" / "batchendpoint-vision.parameters.dev.json").read_text())
    assert [e["name"] for e in params["parameters"]["endpoints"]["value"]] == ["scoring-mlp-vision-dev", "fc-vision-dev"]


def test_top_level_x_keys_hold_anchors_and_are_ignored(tmp_path: Path) -> None:
    vision_compute = "      vmSize: Standard_NC6s_v3\n      minNodes: 0\n"
    spec = "x-gpu: &gpu\n  vmSize: Standard_NC6s_v3\n  minNodes: 0\nx-notes: [anything, {goes: here}]\n" + edited(
        SAMPLE_SPEC, ((vision_compute, "      <<: *gpu\n"),))
    loaded = load_spec(write_project(tmp_path, spec))
    sample = load_spec(write_project(tmp_path / "sample"))
    assert loaded.env("pro").workspaces == sample.env("pro").workspaces
    with pytest.raises(SourceErrors) as caught:  # only x- keys: a typo of a real key is still an error
        load_spec(write_project(tmp_path, "xgpu: 1\n" + SAMPLE_SPEC))
    assert [e.message for e in caught.value.errors] == [
        "mlenv.yaml:1:1: xgpu: unknown key 'xgpu'; allowed keys: $schema, environments, naming, network, project, "
        "release, render, shared, tags, workspaces"]


def test_datastores_attach_to_the_workspaces_the_config_names(sample) -> None:
    vision, nlp = sample.env("int").workspaces
    assert [d.name for d in vision.datastores] == ["datasets", "results", "init_networks", "sentinel2_l2a"]
    assert [d.name for d in nlp.datastores] == ["datasets", "results", "curated_lake", "partner_exports"]
    assert {d.account_name for d in vision.datastores} == {"stmlpdataint", "sentinel2l2a01"}


def test_workspace_storage_has_a_container_per_workspace_plus_declared_ones(tmp_path: Path) -> None:
    spec = edited(SAMPLE_SPEC, (("      sku: {default: Standard_LRS, pro: Standard_ZRS}",
                                 "      containers: [shared-notebooks]\n"
                                 "      sku: {default: Standard_LRS, pro: Standard_ZRS}"),))
    datastores = SAMPLE_DATASTORES.replace('"storageAccount": "data",\n      "container": "results"',
                                           '"storageAccount": "workspace",\n      "container": "shared-notebooks"')
    loaded = load_spec(write_project(tmp_path, spec, datastores))
    workspace = loaded.env("dev").shared.storage["workspace"]
    assert workspace.containers == ["vision", "nlp", "shared-notebooks"]
    assert loaded.env("dev").workspaces[1].datastores[1].account_name == "stmlpwsdev"


def test_a_minimal_spec_is_short(tmp_path: Path) -> None:
    lines = [line for line in MINIMAL.read_text().splitlines() if line and not line.startswith("#")]
    assert len(lines) <= 8
    loaded = load_spec(MINIMAL)
    assert list(loaded.environments) == ["dev", "pro"]
    assert loaded.env("pro").workspaces[0].compute.max_nodes == 4
    assert loaded.env("dev").shared.log_retention_days == 30


def test_errors_carry_their_locations(tmp_path: Path) -> None:
    spec = edited(SAMPLE_SPEC, (("      maxNodes: 4\n", "      maxNodes: -1\n"),))
    with pytest.raises(SourceErrors) as caught:
        load_spec(write_project(tmp_path, spec))
    [error] = caught.value.errors
    assert (error.file, error.line, error.col, error.path) == ("mlenv.yaml", 133, 17, "workspaces[1].compute.maxNodes")
    assert caught.value.exit_code == 2


def test_marks_point_at_keys_and_values() -> None:
    doc = parse_yaml("a:\n  b: [1, 2]\n  c: x\n", "f.yaml")
    assert mark_of(doc, ["a", "c"]) == (3, 6)
    assert mark_of(doc, ["a", "c"], key=True) == (3, 3)
    assert mark_of(doc, ["a", "b", 1]) == (2, 10)
    assert mark_of(doc, ["a", "missing", "deeper"]) == (2, 3)  # nearest ancestor that exists


@pytest.mark.parametrize(("pattern", "unknown", "problem"), [
    ("{kind}-{project}-{workload}-{env}", [], None),
    ("{kind}{project}{Env}", ["Env"], "unknown token {Env}; use {kind} {project} {workload} {env} {unique}"),
    ("{project!s}", ["project!s"], "unknown token {project!s}; use {kind} {project} {workload} {env} {unique}"),
    ("x-{", ["<Single '{' encountered in format string>"],
     "'x-{' is not a valid pattern (Single '{' encountered in format string); "
     "write tokens as {kind} {project} {workload} {env} {unique}"),
])
def test_pattern_tokens(pattern: str, unknown: list[str], problem: str | None) -> None:
    assert unknown_tokens(pattern) == unknown
    assert pattern_problem(pattern) == problem


def test_repeats_across_environments_become_one_error() -> None:
    def err(env: str, value: str = "x") -> SourceError:
        return SourceError("f", 1, 2, "p", f"name '{value}' (environment {env}) is bad")
    merged = merge_env_repeats([err("dev"), err("int"), err("pro", "y"), err("qa")])
    assert [e.message for e in merged] == ["f:1:2: p: name 'x' (environments dev, int, qa) is bad",
                                           "f:1:2: p: name 'y' (environment pro) is bad"]


def test_keys_stay_names_as_written(tmp_path: Path) -> None:
    """YAML 1.1 reads an unquoted ``on:`` as True; a key of the spec is a name, so it stays 'on'."""
    spec = edited(SAMPLE_SPEC, (("  int:\n", "  on:\n"), ("{default: 2, int: 1, pro: 8}", "{default: 2, on: 1, pro: 8}"),
                                ("staging: {sku: {default: Standard, int: Premium", "staging: {sku: {default: Standard, on: Premium"),
                                ("healthy: {sku: {default: Standard, int: Premium", "healthy: {sku: {default: Standard, on: Premium")))
    loaded = load_spec(write_project(tmp_path, spec))
    assert list(loaded.environments) == ["dev", "on", "pro"]
    assert loaded.env("on").workspaces[0].compute.max_nodes == 1
    assert loaded.env("on").shared.key_vault_name == "kv-mlp-shared-on"
