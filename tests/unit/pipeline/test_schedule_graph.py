"""Which jobs run on which trigger, read from the generated job graphs: the nightly drift compares each
environment once (one ``armgen drift`` writes the summary and the JUnit file), and nothing else runs then."""

import re
import shlex

import yaml

from armgen.pipeline import render_ado, render_github
from armgen.pipeline.ado import DRIFT_PIPELINE, MAIN, PR_PIPELINE
from tests.unit.pipeline.conftest import check_schema, spec_variant

WORKFLOW = ".github/workflows/infra-release.yml"


def _drift_commands(text: str) -> list[list[str]]:
    return [shlex.split(line) for line in re.findall(r"armgen drift [^\n|]*", text)]


def _condition(expr: str, event: str, ran: dict[str, bool], pr_from_fork: bool = False) -> bool:
    """A job's ``if:`` as GitHub evaluates it, for the forms the generator writes (no cancellation here)."""
    body = expr.strip().removeprefix("${{").removesuffix("}}").strip()
    body = re.sub(r"github\.event_name (==|!=) '([a-z_]+)'",
                  lambda m: str((event == m.group(2)) == (m.group(1) == "==")), body)
    body = body.replace("github.event.pull_request.head.repo.full_name == github.repository", str(not pr_from_fork))
    body = body.replace("!cancelled()", "True")
    body = re.sub(r"needs\.([a-z0-9-]+)\.result == '(success|failure)'",
                  lambda m: str(ran[m.group(1)] if m.group(2) == "success" else False), body)
    body = body.replace("&&", " and ").replace("||", " or ")
    assert re.fullmatch(r"[\sA-Za-z()]*", body), body  # only booleans left
    return bool(eval(body))  # True/False/and/or/not only (asserted above)


def _runs_on(workflow: dict, event: str, pr_from_fork: bool = False) -> set[str]:
    """The jobs that run on ``event`` when every job that runs succeeds (jobs in ``needs`` order)."""
    ran: dict[str, bool] = {}
    for job_id, job in workflow["jobs"].items():
        needs = job.get("needs", [])
        if "if" in job:
            explicit_status = "cancelled()" in job["if"] or ".result ==" in job["if"]
            ok = _condition(job["if"], event, ran, pr_from_fork)
            ran[job_id] = ok if explicit_status else ok and all(ran[n] for n in needs)
        else:
            ran[job_id] = all(ran[n] for n in needs)
    return {j for j, r in ran.items() if r}


def test_the_ado_nightly_drift_compares_each_environment_once_and_writes_both_reports(sample_spec):
    doc = yaml.safe_load(render_ado(sample_spec)[DRIFT_PIPELINE])
    per_env: dict[str, int] = {}
    for stage in doc["stages"]:
        assert stage["dependsOn"] == [] and len(stage["jobs"]) == 1
        steps = stage["jobs"][0]["steps"]
        commands = [c for s in steps for c in _drift_commands(s.get("inputs", {}).get("inlineScript", "")
                                                              + s.get("script", ""))]
        assert len(commands) == 1, commands  # one comparison per environment, not one per report
        [cmd] = commands
        env = cmd[cmd.index("--env") + 1]
        per_env[env] = per_env.get(env, 0) + 1
        junit = next(a.split("=", 1)[1] for a in cmd if a.startswith("junit="))
        assert cmd[cmd.index("--format") + 1] == "markdown" and "--report" in cmd
        published = next(s for s in steps if s.get("task") == "PublishTestResults@2")
        assert published["inputs"]["testResultsFiles"] == junit
    assert per_env == {"dev": 1, "pro": 1}
    for name in (MAIN, PR_PIPELINE):  # the release and pull requests never run drift
        assert not _drift_commands(render_ado(sample_spec)[name])


def test_the_github_schedule_runs_each_drift_job_once_and_nothing_else(sample_spec):
    workflow = yaml.safe_load(render_github(sample_spec)[WORKFLOW])
    assert _runs_on(workflow, "schedule") == {"drift-dev", "drift-pro"}
    drift_runs = {env: sum(len(_drift_commands(s.get("run", ""))) for j in workflow["jobs"].values()
                           if j.get("if") and "schedule" in j["if"] for s in j["steps"]
                           if f"--env {env} " in s.get("run", "")) for env in ("dev", "pro")}
    assert drift_runs == {"dev": 1, "pro": 1}
    release = {"build", "deploy-int", "validate-int", "test-roles", "cleanup-int", "what-if-dev", "deploy-dev",
               "what-if-pro", "deploy-pro"}
    assert _runs_on(workflow, "push") == release == _runs_on(workflow, "workflow_dispatch")
    assert _runs_on(workflow, "pull_request") == {"build"}
    # the nightly run never waits in (nor cancels a pending run of) the release's concurrency group
    group = workflow["concurrency"]["group"]
    assert "github.event_name == 'schedule' && 'drift'" in group


def test_github_pull_requests_run_what_if_only_when_the_spec_names_a_login_for_it(tmp_path, sample_spec):
    plain = yaml.safe_load(render_github(sample_spec)[WORKFLOW])
    assert not [j for j in plain["jobs"] if j.startswith("pr-what-if")]
    build = plain["jobs"]["build"]
    assert build["permissions"] == {"contents": "read", "security-events": "write"}  # no id-token: no Azure
    assert not any(s.get("uses", "").startswith("azure/login") for s in build["steps"])
    named = spec_variant(tmp_path, "release:\n", "release:\n  pullRequestServiceConnection: sc-readonly\n")
    workflow = yaml.safe_load(render_github(named)[WORKFLOW])
    assert _runs_on(workflow, "pull_request") == {"build", "pr-what-if-dev", "pr-what-if-pro"}
    assert _runs_on(workflow, "pull_request", pr_from_fork=True) == {"build"}
    assert _runs_on(workflow, "push") == _runs_on(plain, "push")
    for env in ("dev", "pro"):
        job = workflow["jobs"][f"pr-what-if-{env}"]
        assert job["needs"] == ["build"] and "environment" not in job
        login = next(s for s in job["steps"] if s.get("uses") == "azure/login@v2")
        assert login["with"]["client-id"] == "${{ vars.AZURE_PR_CLIENT_ID }}"
        runs = "\n".join(s.get("run", "") for s in job["steps"])
        assert f"armgen what-if --env {env} " in runs and "GITHUB_STEP_SUMMARY" in runs
        assert not re.search(r"armgen (deploy|destroy|drift)", runs)
    path = tmp_path / "infra-release.yml"
    path.write_text(render_github(named)[WORKFLOW])
    checked = check_schema("vendor.github-workflows", [path], azure=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_no_workflow_input_is_spliced_into_a_script(tmp_path):
    """Free-text inputs reach run: scripts through env (GitHub's script-injection rule); the boolean inputs
    only choose between fixed flags."""
    named = spec_variant(tmp_path, "release:\n", "release:\n  pullRequestServiceConnection: sc-readonly\n")
    workflow = yaml.safe_load(render_github(named)[WORKFLOW])
    booleans = {k for k, v in workflow["on"]["workflow_dispatch"]["inputs"].items() if v["type"] == "boolean"}
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            for name in re.findall(r"inputs\.([a-z-]+)", step.get("run", "")):
                assert name in booleans, (step["name"], name)
            for expr in re.findall(r"\$\{\{([^}]*)\}\}", step.get("run", "")):
                assert "github.event" not in expr and "head_ref" not in expr, expr
    install = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("name") == "Install armgen")
    assert install["env"] == {"ARMGEN_PACKAGE": "${{ inputs.armgen-package || '.' }}"}
    assert install["run"] == 'python -m pip install "$ARMGEN_PACKAGE"\n'
