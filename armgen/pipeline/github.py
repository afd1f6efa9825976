"""GitHub Actions: the same staged release as one workflow (``armgen pipeline --github``)."""

from __future__ import annotations

from armgen.pipeline.stages import (
    BUILD,
    CLEANUP,
    DEPLOY,
    INTEGRATION,
    ROLES,
    VERIFY,
    Stage,
    release_stages,
    spec_args,
)
from armgen.pipeline.yamlout import dump
from armgen.spec.model import Spec

GITHUB_WORKFLOW = ".github/workflows/infra-release.yml"
PYTHON = "3.11"
RESULTS = "armgen-results"


def job_id(stage: Stage) -> str:
    """``DeployInt`` -> ``deploy-int``, ``TestRoles`` -> ``test-roles``."""
    base = {BUILD: "build", DEPLOY: "deploy", VERIFY: "validate", ROLES: "test-roles", CLEANUP: "cleanup"}[stage.kind]
    return base if stage.env is None or stage.kind == ROLES else f"{base}-{stage.env}"


def _setup() -> list[dict]:
    return [
        {"uses": "actions/checkout@v4"},
        {"uses": "actions/setup-python@v5", "with": {"python-version": PYTHON}},
        {"name": "Install armgen", "run": 'python -m pip install "${{ inputs.armgen-package || \'.\' }}"\n'},
    ]


def _login(spec: Spec, env: str) -> dict:
    """OIDC login (workload identity federation): a federated credential on the app, no secret."""
    return {"name": "Azure login (OIDC)", "uses": "azure/login@v2", "with": {
        "client-id": "${{ vars.AZURE_CLIENT_ID }}", "tenant-id": "${{ vars.AZURE_TENANT_ID }}",
        "subscription-id": spec.env(env).subscription_id}}


def _upload(name: str, path: str) -> dict:
    return {"name": f"Upload {name}", "if": "${{ !cancelled() }}", "uses": "actions/upload-artifact@v4",
            "with": {"name": name, "path": path, "if-no-files-found": "ignore"}}


def _build(spec: Spec) -> dict:
    args = spec_args(spec)
    return {"name": "Build: render --check, validate", "runs-on": "ubuntu-latest",
            "permissions": {"contents": "read", "security-events": "write"}, "steps": [
                *_setup(),
                {"name": "Rendered files match the spec", "run": f"armgen render --check{args}\n"},
                {"name": "armgen validate (JUnit)",
                 "run": f"mkdir -p {RESULTS}\narmgen validate --format junit --output {RESULTS}/validate.junit.xml\n"},
                {"name": "armgen validate (SARIF)", "if": "${{ !cancelled() }}",
                 "run": f"armgen validate --format sarif --output {RESULTS}/armgen.sarif\n"},
                _upload("armgen-validate", RESULTS),
                {"name": "Code scanning", "if": "${{ !cancelled() }}", "uses": "github/codeql-action/upload-sarif@v3",
                 "with": {"sarif_file": f"{RESULTS}/armgen.sarif", "category": "armgen"}},
            ]}


def _command(spec: Spec, stage: Stage) -> str:
    env, args = stage.env, spec_args(spec)
    if stage.kind == DEPLOY:
        return f"armgen deploy --env {env}{args} --target azure --yes --recover-soft-deleted"
    if stage.kind == CLEANUP:
        return f"armgen destroy --env {env}{args} --target azure --yes"
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
    return None  # the default, success(): every job it needs succeeded


def _job(spec: Spec, stage: Stage, ids: dict[str, str]) -> dict:
    job: dict = {"name": stage.display, "needs": [ids[s] for s in stage.depends_on]}
    condition = _condition(stage, ids)
    if condition:
        job["if"] = condition
    job["runs-on"] = "ubuntu-latest"
    if stage.kind == DEPLOY:
        job["environment"] = f"{spec.project}-{stage.env}"
    steps = [*_setup(), _login(spec, stage.env or ""), {"name": stage.display, "run": _command(spec, stage) + "\n"}]
    if stage.kind == DEPLOY and stage.env != INTEGRATION:
        steps.append({"name": f"Verify {stage.env}",
                      "run": f"armgen verify --env {stage.env}{spec_args(spec)} --target azure\n"})
    if stage.kind in (VERIFY, ROLES):
        steps.append(_upload(job_id(stage), RESULTS))
    job["steps"] = steps
    return job


def workflow(spec: Spec) -> dict:
    stages = release_stages(spec)
    ids = {s.name: job_id(s) for s in stages}
    jobs = {ids[s.name]: (_build(spec) if s.kind == BUILD else _job(spec, s, ids)) for s in stages}
    return {
        "name": "infra-release",
        "on": {"push": {"branches": ["main"]},
               "workflow_dispatch": {"inputs": {"armgen-package": {
                   "description": "armgen to install (pip requirement)", "type": "string", "default": "."}}}},
        "permissions": {"id-token": "write", "contents": "read"},
        # one release at a time: a second run waits instead of racing the first on int
        "concurrency": {"group": "armgen-infra-release", "cancel-in-progress": False},
        "env": {"PIP_DISABLE_PIP_VERSION_CHECK": "1", "AZURE_TOKEN_CREDENTIALS": "AzureCliCredential"},
        "jobs": jobs,
    }


def render_github(spec: Spec) -> dict[str, str]:
    header = (f"Generated by armgen from {spec.path.name} ('armgen pipeline --github'): do not edit.\n"
              "Staged release: build, int (deploy, verify, test roles, destroy), then each environment.\n"
              "Azure login: OIDC (workload identity federation); set repository variables AZURE_CLIENT_ID\n"
              "and AZURE_TENANT_ID, and add a federated credential for each GitHub environment.")
    return {GITHUB_WORKFLOW: dump(workflow(spec), header)}
