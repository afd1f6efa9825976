"""The release as a stage graph, shared by the Azure DevOps and GitHub Actions renderings.

Build -> DeployInt -> ValidateInt -> TestRoles -> CleanupInt -> WhatIfDev -> DeployDev
      -> [WhatIfStaging -> DeployStaging] -> WhatIfPro -> DeployPro

- Every environment after int gets a what-if stage before its deploy stage: the approver of the
  deploy stage's ADO environment sees the published what-if, and the deploy applies exactly that
  (``--approved-what-if``: it refuses when the live what-if differs).

- TestRoles runs when DeployInt succeeded, even if ValidateInt failed, so both reports exist.
- CleanupInt runs whenever DeployInt ran (succeeded or failed half-way: a partial int costs money
  too) and also when the checks failed; it does not run when the run was cancelled, so cancelling
  is how a person keeps int alive to investigate (then: ``armgen destroy --env int``).
- Every later deploy stage runs only when everything before it succeeded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from armgen.defaults import INTEGRATION
from armgen.render.units import units_for
from armgen.spec.loader import DEFAULT_SPEC
from armgen.spec.model import Environment, Spec

BUILD, WHATIF, DEPLOY, VERIFY, ROLES, CLEANUP = "build", "whatif", "deploy", "verify", "roles", "cleanup"
DEPLOYING = (DEPLOY, CLEANUP)  # stages that change an environment: one run at a time (lockBehavior)


@dataclass(frozen=True)
class Stage:
    name: str  # ADO stage name / GitHub job id base, e.g. "DeployInt"
    kind: str  # BUILD, WHATIF, DEPLOY, VERIFY, ROLES or CLEANUP
    env: str | None
    depends_on: tuple[str, ...] = ()
    must_succeed: tuple[str, ...] = ()  # dependencies that gate this stage
    runs_after_failure: bool = False  # TestRoles / CleanupInt: run even if a check before failed
    display: str = ""


@dataclass(frozen=True)
class WorkspaceJob:
    """One deploy job: a batch of ``release.workspacesPerJob`` workspaces (named after the workspace when alone)."""

    key: str
    units: list[str]
    workspaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class EnvRelease:
    """What a deploy of one environment needs in a pipeline."""

    env: Environment
    ado_environment: str
    shared_units: list[str]
    workspaces: list[WorkspaceJob]
    variables: dict[str, str] = field(default_factory=dict)


def stage_name(kind: str, env: str | None) -> str:
    base = {BUILD: "Build", WHATIF: "WhatIf", DEPLOY: "Deploy", VERIFY: "Validate", ROLES: "TestRoles",
            CLEANUP: "Cleanup"}[kind]
    return base if env is None or kind == ROLES else base + env.capitalize()


def release_stages(spec: Spec) -> list[Stage]:
    """The stages in order; the integration environment gets verify, role tests and clean-up."""
    order = [e for e in spec.release_order if e in spec.environments]
    stages = [Stage("Build", BUILD, None, display="Build: render --check, validate")]
    previous: tuple[str, ...] = ("Build",)
    if INTEGRATION in order:
        order.remove(INTEGRATION)
        d, v, r, c = (stage_name(k, INTEGRATION) for k in (DEPLOY, VERIFY, ROLES, CLEANUP))
        stages += [
            Stage(d, DEPLOY, INTEGRATION, previous, previous, display=f"Deploy {INTEGRATION}"),
            Stage(v, VERIFY, INTEGRATION, (d,), (d,), display=f"Verify {INTEGRATION}"),
            Stage(r, ROLES, INTEGRATION, (d, v), (d,), True, display=f"Test roles on {INTEGRATION}"),
            Stage(c, CLEANUP, INTEGRATION, (d, v, r), (), True, display=f"Destroy {INTEGRATION}"),
        ]
        previous = (v, r, c)
    for env in order:
        check, name = stage_name(WHATIF, env), stage_name(DEPLOY, env)
        stages.append(Stage(check, WHATIF, env, previous, previous, display=f"What-if {env} (for the approval)"))
        stages.append(Stage(name, DEPLOY, env, (check,), (check,), display=f"Deploy {env}"))
        previous = (name,)
    return stages


def spec_args(spec: Spec) -> str:
    """``--spec FILE`` when the spec is not the default file name (commands run in the spec's folder)."""
    return "" if spec.path.name == DEFAULT_SPEC else f" --spec {spec.path.name}"


def _batches(env: Environment, units: list, per_job: int) -> list[WorkspaceJob]:
    keys = [ws.key for ws in env.workspaces]
    jobs = []
    for i in range(0, len(keys), per_job):
        batch = keys[i:i + per_job]
        name = batch[0] if per_job == 1 else f"batch{i // per_job + 1:02d}"
        jobs.append(WorkspaceJob(name, [u.name for u in units if u.workspace in batch], tuple(batch)))
    return jobs


def env_release(spec: Spec, name: str) -> EnvRelease:
    env = spec.env(name)
    units = units_for(env)
    variables = {"armgenEnvironment": name, "subscriptionId": env.subscription_id, "location": env.location}
    for ws in env.workspaces:
        c = ws.compute
        variables.update({f"workspace.{ws.key}.vmSize": c.vm_size, f"workspace.{ws.key}.minNodes": str(c.min_nodes),
                          f"workspace.{ws.key}.maxNodes": str(c.max_nodes)})
    return EnvRelease(
        env=env, ado_environment=f"{spec.project}-{name}",
        shared_units=[u.name for u in units if u.workspace is None],
        workspaces=_batches(env, units, spec.workspaces_per_job),
        variables=variables,
    )


def job_counts(spec: Spec) -> dict[str, int]:
    """Deploy jobs per environment: the shared job plus one per batch of workspaces."""
    per = spec.workspaces_per_job
    return {name: 1 + -(-len(spec.env(name).workspaces) // per) for name in spec.release_order
            if name in spec.environments}
