"""What a security reviewer signs: a what-if before every approval, one run at a time, no bare --yes in
production, pull requests checked without Azure, a nightly drift run, pools and batches from the spec."""

import math
import re
from pathlib import Path

import yaml

from armgen.pipeline import render_ado, render_github
from armgen.pipeline.ado import DRIFT_PIPELINE, MAIN, PR_PIPELINE
from tests.unit.pipeline.conftest import STAGING, WITH_STAGING, check_schema, spec_variant

WORKFLOW = ".github/workflows/infra-release.yml"


def _deploy_commands(files: dict[str, str], stage: dict) -> list[str]:
    """The deploy commands a Deploy stage runs: the jobs template's command with the stage's deployArgs."""
    template = next(j for j in stage["jobs"] if "template" in j)
    args = template["parameters"]["deployArgs"]
    commands = []
    for name in ("ado-template-mlenv-sharedinfra.yml", "ado-template-mlenv-workspace.yml"):
        job = yaml.safe_load(files[name])["jobs"][0]
        assert "deployment" in job and job["environment"] == "${{ parameters.adoEnvironment }}"
        for step in job["strategy"]["runOnce"]["deploy"]["steps"]:
            script = step.get("inputs", {}).get("inlineScript", "")
            for line in re.findall(r"armgen deploy [^\n]*", script):
                commands.append(line.replace("${{ parameters.deployArgs }}", args))
    return commands


def _graph(spec) -> tuple[dict[str, dict], dict[str, set[str]]]:
    stages = {s["stage"]: s for s in yaml.safe_load(render_ado(spec)[MAIN])["stages"]}

    def before(name: str) -> set[str]:
        out: set[str] = set()
        for dep in stages[name].get("dependsOn", []):
            out |= {dep, *before(dep)}
        return out
    return stages, {name: before(name) for name in stages}


def test_a_whatif_stage_precedes_every_deploy_after_int_and_deploy_applies_exactly_it(tmp_path):
    for spec in (spec_variant(tmp_path, STAGING, WITH_STAGING),):
        files = render_ado(spec)
        stages, before = _graph(spec)
        deploys = [s for s in stages.values() if s["stage"].startswith("Deploy")]
        assert len(deploys) == 4
        for stage in deploys:
            env = next(j for j in stage["jobs"] if "template" in j)["parameters"]["environment"]
            if env == "int":
                continue
            whatif = f"WhatIf{env.capitalize()}"
            assert whatif in before[stage["stage"]], stage["stage"]
            [job] = stages[whatif]["jobs"]
            script = next(s for s in job["steps"] if s.get("task") == "AzureCLI@2")["inputs"]["inlineScript"]
            assert f"armgen what-if --env {env} " in script and "--format markdown" in script
            assert "##vso[task.uploadsummary]" in script and "--save " in script
            assert any(s.get("task") == "PublishPipelineArtifact@1" and s["inputs"]["artifact"] == f"whatif-{env}"
                       for s in job["steps"])
            # approval lives on the deploy stage's ADO environment, separate from the what-if stage
            assert not any("deployment" in j for j in stages[whatif]["jobs"])
            for command in _deploy_commands(files, stage):
                assert f"--approved-what-if $(Pipeline.Workspace)/whatif-{env}/what-if-{env}.json" in command


def test_every_deploying_stage_runs_under_sequential_lock_behavior(sample_spec):
    stages, _ = _graph(sample_spec)
    deploying = [s for s in stages.values() if s["stage"].startswith(("Deploy", "Cleanup"))]
    assert len(deploying) == 4
    assert all(s.get("lockBehavior") == "sequential" for s in deploying)
    assert not any("lockBehavior" in s for s in stages.values() if s["stage"].startswith(("WhatIf", "Validate")))


def test_no_deploy_step_of_a_production_environment_has_a_bare_yes(sample_spec):
    files = render_ado(sample_spec)
    stages, _ = _graph(sample_spec)
    production = [e for e, m in sample_spec.environments.items() if m.production]
    assert production == ["pro"]
    for env in production:
        commands = _deploy_commands(files, stages[f"Deploy{env.capitalize()}"])
        assert len(commands) == 2
        for c in commands:
            assert "--yes" in c and "--approved-what-if" in c, c
    workflow = yaml.safe_load(render_github(sample_spec)[WORKFLOW])["jobs"]["deploy-pro"]
    assert workflow["environment"] == "mlp-pro"
    deploy = next(s["run"] for s in workflow["steps"] if s.get("run", "").startswith("armgen deploy"))
    assert "--yes" in deploy and "--approved-what-if" in deploy


def test_recreate_and_removals_are_parameters_never_on_by_default(sample_spec):
    doc = yaml.safe_load(render_ado(sample_spec)[MAIN])
    params = {p["name"]: p for p in doc["parameters"]}
    assert params["recreateCompute"]["type"] == "boolean" and params["recreateCompute"]["default"] == "false"
    assert params["recreateUnits"]["default"].strip() == ""
    script = render_ado(sample_spec)["ado-template-mlenv-workspace.yml"]
    assert "--recreate-compute" in script and '--recreate "$unit"' in script
    assert params["pruneRemovals"]["type"] == "boolean" and params["pruneRemovals"]["default"] == "false"
    for stage in (s for s in doc["stages"] if s["stage"].startswith("Deploy")):
        template = next(j for j in stage["jobs"] if "template" in j)["parameters"]
        assert template["pruneRemovals"] == "${{ parameters.pruneRemovals }}"
    files = render_ado(sample_spec)
    for name in ("ado-template-mlenv-sharedinfra.yml", "ado-template-mlenv-workspace.yml"):
        template = yaml.safe_load(files[name])
        assert {"name": "pruneRemovals", "type": "boolean", "default": "false"} in template["parameters"]
        script = template["jobs"][0]["strategy"]["runOnce"]["deploy"]["steps"][-1]["inputs"]["inlineScript"]
        # --prune only when the run-time parameter is set, and on the deploy command itself
        assert 'case "${{ parameters.pruneRemovals }}" in [Tt]rue) extra+=(--prune);; esac' in script
        assert "--prune" not in re.search(r"armgen deploy [^\n]*", script).group(0)
    assert "pruneRemovals: ${{ parameters.pruneRemovals }}" in files["ado-template-mlenv.yml"]
    gh = yaml.safe_load(render_github(sample_spec)[WORKFLOW])
    inputs = gh["on"]["workflow_dispatch"]["inputs"]
    assert inputs["recreate-compute"]["default"] is False
    assert inputs["prune"]["type"] == "boolean" and inputs["prune"]["default"] is False
    for env in ("int", "dev", "pro"):
        run = next(s["run"] for s in gh["jobs"][f"deploy-{env}"]["steps"] if s.get("run", "").startswith("armgen deploy"))
        assert run.rstrip().endswith("${{ inputs.prune && ' --prune' || '' }}"), run


def test_pull_requests_run_render_check_and_validate_without_azure(sample_spec, tmp_path):
    doc = yaml.safe_load(render_ado(sample_spec)[PR_PIPELINE])
    assert doc["trigger"] == "none" and doc["pr"]["branches"]["include"] == ["main"]
    [stage] = doc["stages"]
    scripts = "\n".join(s.get("script", "") for s in stage["jobs"][0]["steps"])
    assert "armgen render --check" in scripts and "--format sarif" in scripts and "--format junit" in scripts
    assert "task: AzureCLI@2" not in render_ado(sample_spec)[PR_PIPELINE]  # no Azure access
    named = spec_variant(tmp_path, "release:\n", "release:\n  pullRequestServiceConnection: sc-readonly\n")
    doc = yaml.safe_load(render_ado(named)[PR_PIPELINE])
    assert [s["stage"] for s in doc["stages"]] == ["Build", "WhatIfDev", "WhatIfPro"]
    tasks = [s for st in doc["stages"][1:] for s in st["jobs"][0]["steps"] if s.get("task") == "AzureCLI@2"]
    assert {t["inputs"]["azureSubscription"] for t in tasks} == {"sc-readonly"}
    assert not re.search(r"armgen (deploy|destroy)", render_ado(named)[PR_PIPELINE])
    gh = yaml.safe_load(render_github(sample_spec)[WORKFLOW])
    assert gh["on"]["pull_request"]["branches"] == ["main"]


def test_nightly_drift_per_environment_after_int_and_no_deploy(sample_spec):
    doc = yaml.safe_load(render_ado(sample_spec)[DRIFT_PIPELINE])
    assert doc["trigger"] == "none" and doc["schedules"][0]["cron"] == "0 3 * * *"
    assert [s["stage"] for s in doc["stages"]] == ["DriftDev", "DriftPro"]
    text = render_ado(sample_spec)[DRIFT_PIPELINE]
    assert "armgen drift --env dev" in text and "armgen drift --env pro" in text
    assert not re.search(r"armgen (deploy|destroy)", text)
    gh = yaml.safe_load(render_github(sample_spec)[WORKFLOW])
    assert gh["on"]["schedule"] == [{"cron": "0 3 * * *"}]
    assert gh["jobs"]["drift-pro"]["if"] == "${{ github.event_name == 'schedule' }}"


def test_agent_pool_per_environment(tmp_path):
    spec = spec_variant(tmp_path, "release:\n", "release:\n  pool: {name: ml-agents}\n")
    spec = spec_variant(tmp_path, "    pool: {name: mlp-pro-agents}", "    pool: {name: pro-private-agents}")
    text = (tmp_path / "mlenv.yaml").read_text().replace("release:\n", "release:\n  pool: {vmImage: ubuntu-22.04}\n")
    (tmp_path / "mlenv.yaml").write_text(text)
    from armgen.spec import load_spec

    spec = load_spec(tmp_path / "mlenv.yaml")
    doc = yaml.safe_load(render_ado(spec)[MAIN])
    assert doc["pool"] == {"vmImage": "ubuntu-22.04"}
    stages = {s["stage"]: s for s in doc["stages"]}
    assert stages["DeployPro"]["pool"] == {"name": "pro-private-agents"}
    assert stages["WhatIfPro"]["pool"] == {"name": "pro-private-agents"}
    assert "pool" not in stages["DeployDev"]
    assert stages["DeployInt"]["pool"] == {"name": "mlp-int-agents"}  # the sample's private int: its own agents
    drift = {s["stage"]: s for s in yaml.safe_load(render_ado(spec)[DRIFT_PIPELINE])["stages"]}
    assert drift["DriftPro"]["pool"] == {"name": "pro-private-agents"}
    jobs = yaml.safe_load(render_github(spec)[WORKFLOW])["jobs"]
    assert jobs["deploy-pro"]["runs-on"] == ["self-hosted", "pro-private-agents"]
    assert jobs["deploy-dev"]["runs-on"] == "ubuntu-22.04"


def _scaled(tmp: Path, workspaces: int, per_job: int):
    import importlib.util
    import sys

    root = Path(__file__).resolve().parents[3]
    spec_path = root / "benchmarks" / "render_scale.py"
    module = importlib.util.spec_from_file_location("render_scale", spec_path)
    bench = importlib.util.module_from_spec(module)
    sys.modules.setdefault("render_scale", bench)
    module.loader.exec_module(bench)
    text = bench.spec_text(workspaces) + f"release:\n  workspacesPerJob: {per_job}\n"
    (tmp / "mlenv.yaml").write_text(text)
    (tmp / "datastore_config.json").write_text(bench.datastore_text(workspaces))
    from armgen.spec import load_spec

    return load_spec(tmp / "mlenv.yaml")


def test_100_workspaces_batched_per_job_stay_valid_and_the_header_states_jobs_and_agents(tmp_path):
    spec = _scaled(tmp_path, 100, 10)
    files = render_ado(spec)
    stages = {s["stage"]: s for s in yaml.safe_load(files[MAIN])["stages"]}
    template = next(j for j in stages["DeployPro"]["jobs"] if "template" in j)["parameters"]
    assert len(template["workspaces"]) == math.ceil(100 / 10) == 10
    assert sorted(u for w in template["workspaces"] for u in w["units"])[:2] == [
        "batchendpoint-ws0000", "batchendpoint-ws0002"]
    assert sum(len(w["units"]) for w in template["workspaces"]) + len(template["sharedUnits"]) == len(
        __import__("armgen.render.units", fromlist=["units_for"]).units_for(spec.env("pro")))
    header = files[MAIN].split("\nname:", 1)[0]
    assert "workspacesPerJob 10" in header and "pro 11" in header and "up to 10 agent(s)" in header
    verify = next(j for j in stages["DeployPro"]["jobs"] if j.get("job") == "Verify")
    assert len(verify["dependsOn"]) == 11
    paths = []
    for rel, text in files.items():
        (tmp_path / rel).write_text(text)
        paths.append(tmp_path / rel)
    result = check_schema("vendor.azure-pipelines", paths, azure=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _run_deploy_script(files: dict[str, str], prune: str, recreate_compute: str = "False",
                       recreate_units: str = " ", cwd=None) -> list[str]:
    """The workspace job's deploy step, its template expressions filled as ADO would, run by bash with
    ``armgen`` a function that prints its arguments: the command line a deploy job would run."""
    import os
    import subprocess

    template = yaml.safe_load(files["ado-template-mlenv-workspace.yml"])
    step = template["jobs"][0]["strategy"]["runOnce"]["deploy"]["steps"][-1]
    values = {"${{ join(' ', parameters.units) }}": "computecluster-nlp mlworkspace-nlp",
              "${{ join(' --unit ', parameters.units) }}": "computecluster-nlp --unit mlworkspace-nlp",
              "${{ parameters.recreateCompute }}": recreate_compute, "${{ parameters.pruneRemovals }}": prune,
              "${{ parameters.recreateUnits }}": recreate_units, "${{ parameters.environment }}": "pro",
              "${{ parameters.specArgs }}": "",
              "${{ parameters.deployArgs }}": "--yes --approved-what-if w.json"}

    def fill(text: str) -> str:
        for expr, value in values.items():
            text = text.replace(expr, value)
        assert "${{" not in text, text
        return text
    env = {**os.environ, **{k: fill(v) for k, v in step["env"].items()}}
    out = subprocess.run(["bash", "-c", "armgen() { printf '%s\\n' \"$@\"; }\n" + fill(step["inputs"]["inlineScript"])],
                         capture_output=True, text=True, check=True, timeout=30, env=env, cwd=cwd)
    return out.stdout.split()


def test_the_prune_parameter_reaches_the_deploy_command_only_when_set(sample_spec):
    files = render_ado(sample_spec)
    assert "--prune" not in _run_deploy_script(files, "False")
    args = _run_deploy_script(files, "True")
    assert args.count("--prune") == 1 and "--approved-what-if" in args and "--recreate-compute" not in args
    assert "--recreate-compute" in _run_deploy_script(files, "False", recreate_compute="True")


def test_free_text_parameters_reach_the_script_as_variables_not_as_code(sample_spec, tmp_path):
    files = render_ado(sample_spec)
    args = _run_deploy_script(files, "False", recreate_units="mlworkspace-nlp datastore-other", cwd=tmp_path)
    assert args[args.index("--recreate") + 1] == "mlworkspace-nlp" and args.count("--recreate") == 1
    _run_deploy_script(files, "False", recreate_units="x; touch injected $(touch injected2)", cwd=tmp_path)
    assert not (tmp_path / "injected").exists() and not (tmp_path / "injected2").exists()
    for name, text in files.items():
        assert 'pip install "${{' not in text, name
        assert "for unit in ${{" not in text, name
