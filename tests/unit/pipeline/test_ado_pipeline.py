"""The generated Azure DevOps pipeline: valid against the official schema, and the right stage graph."""

from pathlib import Path

import pytest
import yaml

from armgen.pipeline import ADO_FILES, render_ado
from armgen.render.units import units_for
from armgen.spec import load_spec
from tests.unit.pipeline.conftest import ROOT, check_schema, spec_variant

MAIN = "ado-pipe-staged-infra-release.yml"


def _write(files: dict[str, str], where: Path) -> list[Path]:
    paths = []
    for rel, text in files.items():
        (where / rel).parent.mkdir(parents=True, exist_ok=True)
        (where / rel).write_text(text)
        paths.append(where / rel)
    return paths


def _stages(spec) -> list[dict]:
    return yaml.safe_load(render_ado(spec)[MAIN])["stages"]


def _steps(doc) -> list[dict]:
    """Every step in a document, wherever it is nested."""
    found = []
    if isinstance(doc, dict):
        if "steps" in doc and isinstance(doc["steps"], list):
            found += doc["steps"]
        for v in doc.values():
            found += _steps(v)
    elif isinstance(doc, list):
        for v in doc:
            found += _steps(v)
    return found


@pytest.mark.parametrize("which", ["sample", "staging"])
def test_every_pipeline_file_is_valid_against_the_official_schema(which, sample_spec, staging_spec, tmp_path):
    spec = sample_spec if which == "sample" else staging_spec
    files = render_ado(spec)
    assert sorted(files) == sorted(ADO_FILES)
    result = check_schema("vendor.azure-pipelines", _write(files, tmp_path), azure=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_the_schema_check_catches_a_broken_pipeline(sample_spec, tmp_path):
    text = render_ado(sample_spec)[MAIN].replace("failTaskOnFailedTests: true", "failTaskOnFailedTests: maybe", 1)
    (tmp_path / MAIN).write_text(text)
    result = check_schema("vendor.azure-pipelines", [tmp_path / MAIN], azure=True)
    assert result.returncode == 1


def test_stage_order_and_dependencies(sample_spec):
    stages = _stages(sample_spec)
    assert [s["stage"] for s in stages] == ["Build", "DeployInt", "ValidateInt", "TestRoles", "CleanupInt",
                                            "WhatIfDev", "DeployDev", "WhatIfPro", "DeployPro"]
    deps = {s["stage"]: s.get("dependsOn", []) for s in stages}
    assert deps == {
        "Build": [], "DeployInt": ["Build"], "ValidateInt": ["DeployInt"],
        "TestRoles": ["DeployInt", "ValidateInt"], "CleanupInt": ["DeployInt", "ValidateInt", "TestRoles"],
        "WhatIfDev": ["ValidateInt", "TestRoles", "CleanupInt"], "DeployDev": ["WhatIfDev"],
        "WhatIfPro": ["DeployDev"], "DeployPro": ["WhatIfPro"],
    }


def test_conditions_cleanup_always_runs_but_not_when_cancelled(sample_spec):
    cond = {s["stage"]: s.get("condition") for s in _stages(sample_spec)}
    cleanup = cond["CleanupInt"]
    assert cleanup.startswith("and(not(canceled()),")
    assert "dependencies.DeployInt.result" in cleanup
    assert all(r in cleanup for r in ("'Succeeded'", "'SucceededWithIssues'", "'Failed'"))
    assert "succeeded(" not in cleanup  # failed checks do not stop the clean-up
    assert cond["TestRoles"] == "and(not(canceled()), succeeded('DeployInt'))"
    assert cond["ValidateInt"] == "succeeded('DeployInt')"
    # every later deploy is gated on the previous stages succeeding
    assert cond["WhatIfDev"] == "succeeded('ValidateInt', 'TestRoles', 'CleanupInt')"
    assert cond["DeployDev"] == "succeeded('WhatIfDev')"
    assert cond["WhatIfPro"] == "succeeded('DeployDev')"
    assert cond["DeployPro"] == "succeeded('WhatIfPro')"


def test_staging_stage_only_when_the_spec_has_staging(sample_spec, staging_spec):
    assert "DeployStaging" not in [s["stage"] for s in _stages(sample_spec)]
    stages = {s["stage"]: s for s in _stages(staging_spec)}
    assert list(stages)[-5:] == ["DeployDev", "WhatIfStaging", "DeployStaging", "WhatIfPro", "DeployPro"]
    assert stages["WhatIfStaging"]["dependsOn"] == ["DeployDev"]
    assert stages["WhatIfPro"]["dependsOn"] == ["DeployStaging"]
    assert stages["DeployPro"]["condition"] == "succeeded('WhatIfPro')"


def test_release_order_from_the_spec(tmp_path):
    spec = spec_variant(tmp_path, "release:\n", "release:\n  order: [int, pro, dev]\n")
    assert [s["stage"] for s in _stages(spec)][-5:] == ["CleanupInt", "WhatIfPro", "DeployPro", "WhatIfDev",
                                                         "DeployDev"]


def test_build_stage_checks_render_validates_and_publishes(sample_spec):
    build = _stages(sample_spec)[0]
    steps = build["jobs"][0]["steps"]
    scripts = "\n".join(s.get("script", "") for s in steps)
    assert "pip install" in scripts and "armgen render --check" in scripts
    assert "armgen validate --format junit --output" in scripts
    assert "armgen validate --format sarif --output" in scripts
    publish = [s for s in steps if s.get("task") == "PublishTestResults@2"]
    assert publish and publish[0]["inputs"]["testResultsFormat"] == "JUnit"
    assert publish[0]["condition"] == "succeededOrFailed()"
    artifact = [s for s in steps if s.get("task") == "PublishPipelineArtifact@1"]
    assert artifact and artifact[0]["inputs"]["artifact"] == "CodeAnalysisLogs"


def test_int_stages_run_the_right_commands(sample_spec):
    stages = {s["stage"]: s for s in _stages(sample_spec)}

    def inline(stage):
        return "\n".join(s["inputs"]["inlineScript"] for s in _steps(stages[stage]) if s.get("task") == "AzureCLI@2")

    assert "armgen verify --env int" in inline("ValidateInt")
    assert "armgen roles test --env int" in inline("TestRoles")
    assert "armgen destroy --env int --target azure --yes" in inline("CleanupInt")


def test_azure_cli_tasks_use_the_spec_service_connection_with_federation(tmp_path):
    spec = spec_variant(tmp_path, "serviceConnection: armgen-workload-identity",
                        "serviceConnection: sc-ml-platform")
    files = render_ado(spec)
    tasks = [s for text in files.values() for s in _steps(yaml.safe_load(text)) if s.get("task") == "AzureCLI@2"]
    assert len(tasks) >= 5
    for t in tasks:
        assert t["inputs"]["azureSubscription"] in ("sc-ml-platform", "${{ parameters.serviceConnection }}")
        assert t["inputs"]["addSpnToEnvironment"] is True
        assert t["env"]["AZURE_TOKEN_CREDENTIALS"] == "AzureCliCredential"
    assert "serviceConnection: sc-ml-platform" in files[MAIN]
    assert "armgen-workload-identity" not in files[MAIN]


def test_deployment_jobs_use_ado_environments(sample_spec):
    files = render_ado(sample_spec)
    for name in ("ado-template-mlenv-sharedinfra.yml", "ado-template-mlenv-workspace.yml"):
        job = yaml.safe_load(files[name])["jobs"][0]
        assert "deployment" in job and job["environment"] == "${{ parameters.adoEnvironment }}"
        assert "runOnce" in job["strategy"]
    workspace = yaml.safe_load(files["ado-template-mlenv-workspace.yml"])["jobs"][0]
    assert workspace["dependsOn"] == "DeployShared"
    envs = [j["parameters"]["adoEnvironment"] for s in _stages(sample_spec) for j in s.get("jobs", [])
            if j.get("template") == "ado-template-mlenv.yml"]
    assert envs == ["mlp-int", "mlp-dev", "mlp-pro"]


def test_deploy_units_cover_every_unit_of_each_environment(sample_spec):
    for stage in _stages(sample_spec):
        for job in stage.get("jobs", []):
            if job.get("template") != "ado-template-mlenv.yml":
                continue
            p = job["parameters"]
            listed = p["sharedUnits"] + [u for w in p["workspaces"] for u in w["units"]]
            expected = [u.name for u in units_for(sample_spec.env(p["environment"]))]
            assert sorted(listed) == sorted(expected)
            assert [w["name"] for w in p["workspaces"]] == ["vision", "nlp"]


def test_variables_per_environment_come_from_the_spec(sample_spec):
    stages = {s["stage"]: s for s in _stages(sample_spec)}

    def var(stage, name):
        return next(v["value"] for v in stages[stage]["variables"] if v.get("name") == name)

    assert var("DeployInt", "workspace.vision.maxNodes") == "1"
    assert var("DeployDev", "workspace.vision.maxNodes") == "2"
    assert var("DeployPro", "workspace.vision.maxNodes") == "8"
    assert var("DeployPro", "workspace.vision.vmSize") == "Standard_NC12s_v3"
    assert var("DeployPro", "subscriptionId") == "00000000-0000-0000-0000-000000000002"
    text = render_ado(sample_spec)[MAIN]
    assert "value: '8'" in text  # numbers are quoted as the schema wants strings


def test_variable_group_from_the_spec(tmp_path):
    spec = spec_variant(tmp_path, "release:\n", "release:\n  variableGroup: mlp-{env}-settings\n")
    for stage in _stages(spec)[1:]:
        assert stage["variables"][0] == {"group": f"mlp-{stage['variables'][1]['value']}-settings"}
    spec = spec_variant(tmp_path, "release:\n", "release:\n  variableGroup: mlp-release\n")
    doc = yaml.safe_load(render_ado(spec)[MAIN])
    assert {"group": "mlp-release"} in doc["variables"]


def test_committed_pipeline_matches_the_spec(sample_spec):
    for rel, text in render_ado(sample_spec).items():
        assert (ROOT / rel).read_text() == text, f"{rel} differs: run 'armgen render'"


def test_without_int_in_the_spec_the_first_deploy_follows_build():
    spec = load_spec(ROOT / "tests" / "fixtures" / "spec" / "minimal" / "mlenv.yaml")  # dev and pro only
    stages = _stages(spec)
    assert [(s["stage"], s.get("dependsOn")) for s in stages] == [
        ("Build", None), ("WhatIfDev", ["Build"]), ("DeployDev", ["WhatIfDev"]), ("WhatIfPro", ["DeployDev"]),
        ("DeployPro", ["WhatIfPro"])]


def test_pipeline_values_are_strings_or_schema_booleans():
    from armgen.pipeline.yamlout import dump

    assert dump({"a": "1", "b": True}, "h") == "# h\na: '1'\nb: true\n"
    with pytest.raises(TypeError, match=r"\.a\[0\] is int"):
        dump({"a": [1]}, "h")


def test_a_spec_of_another_name_is_passed_to_every_command_that_reads_it(tmp_path):
    """render --check and validate (and every environment's commands) name --spec platform.yaml: validate then
    evaluates each unit in its environment instead of printing its no-spec note."""
    import re
    import shutil

    from armgen.pipeline import render_github

    shutil.copy(ROOT / "mlenv.yaml", tmp_path / "platform.yaml")
    shutil.copy(ROOT / "datastore_config.json", tmp_path / "datastore_config.json")
    spec = load_spec(tmp_path / "platform.yaml")
    text = "\n".join([*render_ado(spec).values(), *render_github(spec).values()])
    lines = [re.sub(r"^(- )?(script|run): ", "", line.strip()) for line in text.splitlines()]
    commands = [line for line in lines if line.startswith(("armgen validate", "armgen render"))]
    assert sum(c.startswith("armgen validate") for c in commands) >= 4  # JUnit and SARIF, ADO and GitHub
    assert all("--spec platform.yaml" in c for c in commands), commands
