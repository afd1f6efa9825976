"""GitHub Actions: the same staged release as one workflow (``armgen pipeline --github``)."""

from __future__ import annotations

from armgen.pipeline.stages import (
    BUILD,
    CLEANUP,
    DEPLOY,
    INTEGRATION,
    ROLES,
    VERIFY,
    WHATIF,
    Stage,
    release_stages,
    spec_args,
)
from armgen.pipeline.yamlout import dump
from armgen.spec.model import Spec

GITHUB_WORKFLOW = ".github/workflows/infra-release.yml"
PYTHON = "3.11"
RESULTS = "armgen-results"
RELEASE = "${{ github.event_name == 'push' || github.event_name == 'workflow_dispatch' }}"
SCHEDULE = "${{ github.event_name == 'schedule' }}"
# a pull request's what-if (when the spec names a read-only login for it): not from forks, which get no OIDC token
PULL_REQUEST = ("${{ github.event_name == 'pull_request' && "
                "github.event.pull_request.head.repo.full_name == github.repository }}")
PR_CLIENT_ID = "${{ vars.AZURE_PR_CLIENT_ID }}"


def job_id(stage: Stage) -> str:
    """``DeployInt`` -> ``deploy-int``, ``TestRoles`` -> ``test-roles``."""
    base = {BUILD: "build", WHATIF: "what-if", DEPLOY: "deploy", VERIFY: "validate", ROLES: "test-roles",
            CLEANUP: "cleanup"}[stage.kind]
    return base if stage.env is None or stage.kind == ROLES else f"{base}-{stage.env}"


def _setup() -> list[dict]:
    return [
        {"uses": "actions/checkout@v4"},
        {"uses": "actions/setup-python@v5", "with": {"python-version": PYTHON}},
        # the input reaches the shell as a variable, never spliced into the script (script injection)
        {"name": "Install armgen", "env": {"ARMGEN_PACKAGE": "${{ inputs.armgen-package || '.' }}"},
         "run": 'python -m pip install "$ARMGEN_PACKAGE"\n'},
    ]


def _login(spec: Spec, env: str, client_id: str = "${{ vars.AZURE_CLIENT_ID }}") -> dict:
    """OIDC login (workload identity federation): a federated credential on the app, no secret."""
    return {"name": "Azure login (OIDC)", "uses": "azure/login@v2", "with": {
        "client-id": client_id, "tenant-id": "${{ vars.AZURE_TENANT_ID }}",
        "subscription-id": spec.env(env).subscription_id}}


def _upload(name: str, path: str) -> dict:
    return {"name": f"Upload {name}", "if": "${{ !cancelled() }}", "uses": "actions/upload-artifact@v4",
            "with": {"name": name, "path": path, "if-no-files-found": "ignore"}}


def _build(spec: Spec) -> dict:
    args = spec_args(spec)
    return {"name": "Build: render --check, validate", "if": "${{ github.event_name != 'schedule' }}",
            "runs-on": runs_on(spec, None),
            "permissions": {"contents": "read", "security-events": "write"}, "steps": [
                *_setup(),
                {"name": "Rendered files match the spec", "run": f"armgen render --check{args}\n"},
                {"name": "armgen validate (JUnit)",
                 "run": f"mkdir -p {RESULTS}\narmgen validate{args} --format junit --output {RESULTS}/validate.junit.xml\n"},
                {"name": "armgen validate (SARIF)", "if": "${{ !cancelled() }}",
                 "run": f"armgen validate{args} --format sarif --output {RESULTS}/armgen.sarif\n"},
                _upload("armgen-validate", RESULTS),
                {"name": "Code scanning", "if": "${{ !cancelled() }}", "uses": "github/codeql-action/upload-sarif@v3",
                 "with": {"sarif_file": f"{RESULTS}/armgen.sarif", "category": "armgen"}},
            ]}


def _command(spec: Spec, stage: Stage) -> str:
    env, args = stage.env, spec_args(spec)
    if stage.kind == DEPLOY:
        approved = "" if env == INTEGRATION else f" --approved-what-if {RESULTS}/what-if-{env}.json"
        return (f"armgen deploy --env {env}{args} --target azure --yes{approved} --recover-soft-deleted"
                "${{ inputs.recreate-compute && ' --recreate-compute' || '' }}${{ inputs.prune && ' --prune' || '' }}")
    if stage.kind == CLEANUP:
        return f"armgen destroy --env {env}{args} --target azure --yes"
    if stage.kind == WHATIF:
        return (f"mkdir -p {RESULTS}\narmgen what-if --env {env}{args} --target azure --format markdown "
                f"--output {RESULTS}/what-if-{env}.md --save {RESULTS}/what-if-{env}.json\n"
                f'cat {RESULTS}/what-if-{env}.md >> "$GITHUB_STEP_SUMMARY"')
    what = "verify" if stage.kind == VERIFY else "roles test"
    return (f"mkdir -p {RESULTS}\narmgen {what} --env {env}{args} --target azure --format junit "
            f"--output {RESULTS}/{job_id(stage)}.junit.xml")


def _condition(stage: Stage, ids: dict[str, str]) -> str | None:
    if stage.kind == CLEANUP:
        deploy = ids[stage.depends_on[0]]
        return (f"${{{{ !cancelled() && (needs.{deploy}.result == 'success' || "
                f"needs.{deploy}.result == 'failure') }}}}")
    if stage.runs_after_failure:
        gates = " && ".join(f"needs.{ids[s]}.result == 'success'" for s in stage.must_succeed)
        return f"${{{{ !cancelled() && {gates} }}}}"
    if stage.depends_on == ("Build",):  # the first release job: not on pull requests or the nightly drift run
        return RELEASE
    return None  # the default, success(): every job it needs succeeded


def _job(spec: Spec, stage: Stage, ids: dict[str, str]) -> dict:
    job: dict = {"name": stage.display, "needs": [ids[s] for s in stage.depends_on]}
    condition = _condition(stage, ids)
    if condition:
        job["if"] = condition
    job["runs-on"] = runs_on(spec, stage.env)
    if stage.kind == DEPLOY:
        job["environment"] = f"{spec.project}-{stage.env}"
    steps = [*_setup(), _login(spec, stage.env or "")]
    if stage.kind == DEPLOY and stage.env != INTEGRATION:
        steps.append({"name": "The approved what-if", "uses": "actions/download-artifact@v4",
                      "with": {"name": f"what-if-{stage.env}", "path": RESULTS}})
    steps.append({"name": stage.display, "run": _command(spec, stage) + "\n"})
    if stage.kind == DEPLOY and stage.env != INTEGRATION:
        steps.append({"name": f"Verify {stage.env}",
                      "run": f"armgen verify --env {stage.env}{spec_args(spec)} --target azure\n"})
    if stage.kind in (VERIFY, ROLES):
        steps.append(_upload(job_id(stage), RESULTS))
    if stage.kind == WHATIF:
        steps.append(_upload(f"what-if-{stage.env}", RESULTS))
    job["steps"] = steps
    return job


def runs_on(spec: Spec, env: str | None) -> str | list[str]:
    """A GitHub-hosted image, or a self-hosted runner labelled with the pool's name."""
    pool = spec.env_pools.get(env or "", spec.pool)
    return pool["vmImage"] if "vmImage" in pool else ["self-hosted", pool["name"]]


def _drift(spec: Spec, env: str) -> dict:
    """The nightly drift of one environment: one comparison, its markdown in the step summary, JUnit beside it."""
    args = spec_args(spec)
    return {"name": f"Drift {env}", "if": SCHEDULE, "runs-on": runs_on(spec, env),
            "steps": [*_setup(), _login(spec, env), {
                "name": f"armgen drift {env}",
                "run": f"mkdir -p {RESULTS}\narmgen drift --env {env}{args} --target azure --format markdown "
                       f"--output {RESULTS}/drift-{env}.md --report junit={RESULTS}/drift-{env}.junit.xml "
                       f'|| code=$?\ncat {RESULTS}/drift-{env}.md >> "$GITHUB_STEP_SUMMARY"\n'
                       f'exit "${{code:-0}}"\n'},
                _upload(f"drift-{env}", RESULTS)]}


def _pr_what_if(spec: Spec, env: str) -> dict:
    """A pull request's what-if of one environment, with the read-only login the spec names for pull requests
    (release.pullRequestServiceConnection; GitHub: the repository variable AZURE_PR_CLIENT_ID). No deploy."""
    stage = Stage(f"WhatIf{env.capitalize()}", WHATIF, env)
    return {"name": f"What-if {env} (pull request)", "needs": ["build"], "if": PULL_REQUEST,
            "runs-on": runs_on(spec, env), "permissions": {"id-token": "write", "contents": "read"},
            "steps": [*_setup(), _login(spec, env, PR_CLIENT_ID),
                      {"name": f"armgen what-if {env}", "run": _command(spec, stage) + "\n"},
                      _upload(f"pr-what-if-{env}", RESULTS)]}


def workflow(spec: Spec) -> dict:
    stages = release_stages(spec)
    ids = {s.name: job_id(s) for s in stages}
    jobs = {ids[s.name]: (_build(spec) if s.kind == BUILD else _job(spec, s, ids)) for s in stages}
    later = [e for e in spec.release_order if e in spec.environments and e != INTEGRATION]
    if spec.pr_service_connection:
        for env in later:
            jobs[f"pr-what-if-{env}"] = _pr_what_if(spec, env)
    for env in later:
        jobs[f"drift-{env}"] = _drift(spec, env)
    return {
        "name": "infra-release",
        "on": {"push": {"branches": ["main"]},
               "pull_request": {"branches": ["main"]},
               "schedule": [{"cron": spec.drift_schedule}],
               "workflow_dispatch": {"inputs": {
                   "armgen-package": {"description": "armgen to install (pip requirement)", "type": "string",
                                      "default": "."},
                   "recreate-compute": {"description": "Re-create compute clusters whose vmSize or priority "
                                        "changed (deletes them first)", "type": "boolean", "default": False},
                   "prune": {"description": "Delete what armgen manages that the spec no longer has (deploy "
                             "--prune; the approved what-if lists it as Delete)", "type": "boolean",
                             "default": False}}}},
        "permissions": {"id-token": "write", "contents": "read"},
        # one release at a time: a second run waits instead of racing the first on int. The nightly drift has a
        # group of its own: GitHub cancels a pending run when another joins its group, and a scheduled drift must
        # never cancel a release waiting its turn
        "concurrency": {"group": "armgen-infra-release-${{ github.event_name == 'pull_request' && github.ref || "
                                 "github.event_name == 'schedule' && 'drift' || 'main' }}",
                        "cancel-in-progress": False},
        "env": {"PIP_DISABLE_PIP_VERSION_CHECK": "1", "AZURE_TOKEN_CREDENTIALS": "AzureCliCredential"},
        "jobs": jobs,
    }


def render_github(spec: Spec) -> dict[str, str]:
    header = (f"Generated by armgen from {spec.path.name} ('armgen pipeline --github'): do not edit.\n"
              "Staged release: build, int (deploy, verify, test roles, destroy), then per environment a what-if\n"
              "(step summary + artifact) and the deploy that applies exactly the approved what-if.\n"
              "Pull requests run the build job (and a what-if per environment when the spec names a read-only\n"
              "login for them); the nightly schedule runs armgen drift per environment and nothing else.\n"
              "Azure login: OIDC (workload identity federation); set repository variables AZURE_CLIENT_ID\n"
              "and AZURE_TENANT_ID, and add a federated credential for each GitHub environment.")
    return {GITHUB_WORKFLOW: dump(workflow(spec), header)}
