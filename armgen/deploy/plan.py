"""The deployment plan: units of one environment as a DAG, with deterministic deployment names."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from armgen import jsonmarks
from armgen.arm import ArmError
from armgen.arm.linked import pack_linked_templates
from armgen.errors import ArmgenError, InputError
from armgen.graphs import Cycle, layers
from armgen.render.files import PARAMETERS_DIR, TEMPLATES_DIR
from armgen.render.hints import render_command
from armgen.render.units import SUBSCRIPTION, Unit, deployment_name, units_for
from armgen.spec.model import Environment, Spec


@dataclass(frozen=True)
class Step:
    """One unit of the plan with what deploying it needs."""

    unit: Unit
    env: str
    deployment: str
    template: dict
    parameters: dict  # the ARM "parameters" object: {name: {"value": ...}}
    layer: int

    @property
    def name(self) -> str:
        return self.unit.name

    @property
    def at_subscription(self) -> bool:
        return self.unit.scope == SUBSCRIPTION

    def fingerprint(self) -> str:
        """A hash of template and parameters: equal fingerprints mean nothing to deploy."""
        body = json.dumps({"t": self.template, "p": self.parameters}, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(body.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Plan:
    env: Environment
    steps: list[Step]

    def layers(self) -> list[list[Step]]:
        out: list[list[Step]] = []
        for step in self.steps:
            while len(out) <= step.layer:
                out.append([])
            out[step.layer].append(step)
        return out

    @property
    def names(self) -> list[str]:
        """The units' names, in plan order."""
        return [s.name for s in self.steps]

    def step(self, name: str) -> Step:
        for s in self.steps:
            if s.name == name:
                return s
        from armgen.suggest import did_you_mean

        raise InputError(f"no unit '{name}' in the plan for {self.env.name}{did_you_mean(name, self.names)}; "
                         f"'armgen plan --env {self.env.name}' lists them")

    def dependents(self, name: str) -> set[str]:
        """Every unit that depends on ``name``, directly or not."""
        out: set[str] = set()
        frontier = {name}
        while frontier:
            nxt = {s.name for s in self.steps if set(s.unit.depends_on) & frontier} - out
            out |= nxt
            frontier = nxt
        return out

    def critical_path(self, cost: dict[str, float]) -> float:
        """The longest chain of unit costs through the DAG."""
        finish: dict[str, float] = {}
        for s in self.steps:  # steps are topologically ordered
            start = max((finish[d] for d in s.unit.depends_on if d in finish), default=0.0)
            finish[s.name] = start + cost.get(s.name, 0.0)
        return max(finish.values(), default=0.0)


def _read_json(path: Path, key: str | None = None, render: str = "armgen render") -> dict:
    """A rendered JSON object (or its ``key`` member, also an object); any problem is a one-line InputError
    naming ``render``, the command that writes it."""
    fix = f"run '{render}' to regenerate it"
    try:
        data = jsonmarks.loads(jsonmarks.read_text(path), str(path), fix=fix).data
    except FileNotFoundError:
        raise InputError(f"{path}: not found; run '{render}' first") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; {fix}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc}); {fix}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object; {fix}")
    if key is None:
        return data
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise InputError(f"{path}: '{key}' must be an object; {fix}")
    return value


def _packed(path: Path, render: str) -> dict:
    """The template with its ``templateLink.relativePath`` links inlined (resolved next to the file)."""
    try:
        return pack_linked_templates(_read_json(path, render=render), path.parent)
    except ArmError as err:
        raise InputError(f"{path}: {err.message}; fix the linked template path") from None


def _layers(units: list[Unit]) -> dict[str, int]:
    try:
        ordered = layers(units, lambda u: u.name, lambda u: u.depends_on)
    except Cycle as cycle:
        raise ArmgenError(f"dependency cycle among units: {' -> '.join(u.name for u in cycle.members)}") from None
    return {u.name: n for n, layer in enumerate(ordered) for u in layer}


def build_plan(spec: Spec, env_name: str, root: Path, only: list[str] | None = None) -> Plan:
    """The plan of ``env_name`` from the rendered files under ``root`` (templates/ and parameters/)."""
    env = spec.env(env_name)
    units = units_for(env)
    layer = _layers(units)
    render = render_command(None if root.resolve() == spec.path.parent.resolve() else root)
    steps = []
    for unit in sorted(units, key=lambda u: layer[u.name]):
        template = _packed(root / TEMPLATES_DIR / f"{unit.template}.json", render)
        params = _read_json(root / PARAMETERS_DIR / unit.parameter_file(env.name), "parameters", render)
        steps.append(Step(unit, env.name, deployment_name(env.name, unit.name), template, params, layer[unit.name]))
    plan = Plan(env, steps)
    if only:
        wanted: set[str] = set()
        for name in only:
            plan.step(name)
            wanted.add(name)
        plan = Plan(env, [s for s in steps if s.name in wanted])
    return plan
