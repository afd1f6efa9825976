"""Load mlenv.yaml (and its datastore_config.json) into a checked :class:`Spec`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from armgen.defaults import DATASTORE_CONFIG, DEFAULT_SPEC, INTEGRATION
from armgen.errors import SourceError, SourceErrors
from armgen.jsonmarks import path_text
from armgen.spec import schema as schemas
from armgen.spec.build import build_environment
from armgen.spec.datastores import load_datastores
from armgen.spec.model import Environment, Spec
from armgen.spec.names import pattern_problem
from armgen.spec.resolve import apply_overrides, env_map_errors, in_override, resolve
from armgen.spec.role_guard import secret_read_errors
from armgen.spec.unique import endpoint_name_clashes, global_name_clashes, role_name_clashes
from armgen.spec.yaml_loader import MarkedDict, load_yaml, mark_of
from armgen.suggest import closest

_IN_ENV = re.compile(r"(\(|in )environment ([a-z][a-z0-9]{1,9})(\)|;)")


def merge_env_repeats(errors: list[SourceError]) -> list[SourceError]:
    """One error for a problem that repeats in several environments: ``(environments dev, int, pro)``."""
    groups: dict[tuple, list[SourceError]] = {}
    for e in errors:
        generic = _IN_ENV.sub(r"\1environment *\3", e.detail, count=1)
        groups.setdefault((e.file, e.line, e.col, e.path, generic), []).append(e)
    out = []
    for same in groups.values():
        first = same[0]
        envs = list(dict.fromkeys(m[2] for e in same if (m := _IN_ENV.search(e.detail))))
        if len(envs) < 2:
            out.append(first)
            continue
        listed = ", ".join(envs)
        detail = _IN_ENV.sub(lambda m, listed=listed: f"{m[1]}environments {listed}{m[3]}", first.detail, count=1)
        out.append(SourceError(first.file, first.line, first.col, first.path, detail))
    return out


def _fail(errors: list[SourceError]) -> None:
    if errors:
        raise SourceErrors(schemas.dedupe(merge_env_repeats(errors)))


def _naming_errors(doc: MarkedDict, file: str) -> list[SourceError]:
    out = []
    naming = doc.get("naming") or {}
    for key in ("pattern", "compact", "resourceGroup"):
        problem = pattern_problem(naming[key]) if isinstance(naming.get(key), str) else None
        if problem:
            line, col = mark_of(doc, ["naming", key])
            out.append(SourceError(file, line, col, f"naming.{key}", problem))
    return out


def _duplicate_workspaces(doc: MarkedDict, file: str) -> list[SourceError]:
    out, seen = [], {}
    for i, w in enumerate(doc.get("workspaces") or []):
        name = w.get("name") if isinstance(w, dict) else None
        if name in seen:
            line, col = mark_of(doc, ["workspaces", i, "name"])
            out.append(SourceError(file, line, col, f"workspaces[{i}].name",
                                   f"duplicate workspace '{name}' (also workspaces[{seen[name]}]); "
                                   "workspace names must be unique"))
        seen.setdefault(name, i)
    return out


def _release_order_errors(doc: MarkedDict, envs: list[str], file: str) -> list[SourceError]:
    """``release.order`` names every environment of the spec once, with the integration environment first:
    the release's shape is fixed (int deployed, verified and torn down, then the others in this order), so an
    order it cannot follow is an error, never silently rearranged or shortened."""
    release = doc.get("release")
    order = release.get("order") if isinstance(release, dict) else None
    if not order:  # unset (or empty): the default order, int first
        return []
    out: list[SourceError] = []
    for i, name in enumerate(order):
        where = ["release", "order", i]
        line, col = mark_of(doc, where)
        if name not in envs:
            guess = closest(str(name), envs)
            hint = f" (did you mean '{guess}'?)" if guess else f"; the spec has: {', '.join(envs)}"
            out.append(SourceError(file, line, col, path_text(where), f"'{name}' is not an environment of this "
                                                                         f"spec{hint}"))
        elif name in order[:i]:
            out.append(SourceError(file, line, col, path_text(where), f"'{name}' is listed twice"))
        elif name == INTEGRATION and i > 0 and INTEGRATION not in order[:i]:
            out.append(SourceError(file, line, col, path_text(where), f"'{INTEGRATION}' is listed after "
                                   f"'{order[0]}', but the release deploys, verifies and tears down {INTEGRATION} "
                                   "before any other environment; move it to the front"))
    missing = [e for e in envs if e not in order]
    if missing and all(name in envs for name in order):  # an unknown name is reported (did you mean) instead
        line, col = mark_of(doc, ["release", "order"])
        listed = [e for e in dict.fromkeys(order) if e in envs and e != INTEGRATION]
        fixed = [INTEGRATION] * (INTEGRATION in envs) + listed + [e for e in missing if e != INTEGRATION]
        first = f", {INTEGRATION} first" if INTEGRATION in envs else ""
        what = (f"environment '{missing[0]}' is" if len(missing) == 1
                else f"environments {', '.join(repr(e) for e in missing)} are")
        out.append(SourceError(file, line, col, "release.order", f"{what} not listed, so the release would never "
                               f"deploy {'it' if len(missing) == 1 else 'them'}; the release deploys every environment "
                               f"of the spec{first}: e.g. order: [{', '.join(fixed)}]"))
    return out


def _location_errors(doc: MarkedDict, file: str) -> list[SourceError]:
    """A location that is no Azure region (a typo such as 'westeurop') fails here, not in ARM."""
    from armgen.catalog import REGIONS

    out = []
    for env, e in doc["environments"].items():
        loc = e.get("location")
        if not isinstance(loc, str) or loc in REGIONS or e.get("allowUnknownLocation"):
            continue
        guess = closest(loc, sorted(REGIONS))
        hint = f"did you mean '{guess}'?" if guess else "use a region name such as westeurope"
        line, col = mark_of(doc, ["environments", env, "location"])
        out.append(SourceError(file, line, col, f"environments.{env}.location",
                               f"'{loc}' is not an Azure region ({hint}); for a region armgen does not know yet, "
                               "set allowUnknownLocation: true"))
    return out


def _unchecked(name: str, file: str, doc: Any, per_env: bool = True) -> list[SourceError]:
    return []


def load_spec(path: str | Path = DEFAULT_SPEC, datastore_config: str | Path | None = None, *,
              schema_checked: bool = True) -> Spec:
    """Load, check and resolve a spec; raises SourceErrors (exit 2) listing every problem found.

    ``schema_checked=False`` skips the JSON-schema checks, the slowest part, for a process whose twin checks the
    same files (``armgen validate`` on two cores): only a spec that passes them may be trusted to it."""
    path = Path(path)
    check = schemas.check if schema_checked else _unchecked
    file = path.name
    doc = load_yaml(path, file)
    if not isinstance(doc, MarkedDict):
        raise SourceError(file, 1, 1, "", "the spec must be a mapping with project, environments, workspaces")
    _fail(check("mlenv", file, doc))
    envs = list(doc["environments"])
    _fail(env_map_errors(doc, schemas.raw_schema("mlenv"), envs, file) + _naming_errors(doc, file)
          + _duplicate_workspaces(doc, file) + _release_order_errors(doc, envs, file) + _location_errors(doc, file))
    ds_path = Path(datastore_config) if datastore_config else path.parent / DATASTORE_CONFIG
    datastores, ds_errors = load_datastores(ds_path, doc, file, schema_checked)
    _fail(ds_errors)

    errors: list[SourceError] = []
    environments: dict[str, Environment] = {}
    built: list[tuple[Any, Environment]] = []
    for env in envs:
        merged, merge_errors = apply_overrides(doc, env, file)
        # per-environment maps written inside overrides: their keys must name environments too
        merge_errors += [in_override(doc, env, e) for e in env_map_errors(merged, schemas.raw_schema("mlenv"),
                                                                          envs, file)]
        errors += merge_errors
        resolved = resolve(merged, schemas.raw_schema("mlenv"), env)
        found = check("mlenv", file, resolved, per_env=False)
        for e in found:  # a value set in the environment's overrides is reported under its own path
            moved = in_override(doc, env, e)
            errors.append(moved if moved is not e else
                          SourceError(e.file, e.line, e.col, e.path, f"{e.detail} (environment {env})"))
        if found or merge_errors:
            continue
        environments[env], naming = build_environment(resolved, env, file, datastores)
        errors += [in_override(doc, env, e) for e in naming]
        built.append((resolved, environments[env]))
    _fail(errors or global_name_clashes(file, built) + role_name_clashes(file, built)
          + endpoint_name_clashes(file, built)
          + secret_read_errors(file, built))
    root = schemas.raw_schema("mlenv")
    release = resolve(doc.get("release", MarkedDict()), root["$defs"]["release"], envs[0], root)
    order = list(release.get("order") or [e for e in ("int", "dev", "staging", "pro") if e in envs]
                 + [e for e in envs if e not in ("int", "dev", "staging", "pro")])
    pools = {env: dict(e["pool"]) for env, e in doc["environments"].items() if isinstance(e.get("pool"), dict)}
    return Spec(path=path, project=doc["project"], environments=environments,
                service_connection=release.get("serviceConnection", "armgen-workload-identity"),
                variable_group=release.get("variableGroup"), release_order=order, raw=doc,
                render_formats=tuple((doc.get("render") or {}).get("formats") or ("arm",)),
                pool=dict(release.get("pool") or {"vmImage": "ubuntu-latest"}), env_pools=pools,
                workspaces_per_job=int(release.get("workspacesPerJob", 1)),
                pr_service_connection=release.get("pullRequestServiceConnection"),
                drift_schedule=release.get("driftSchedule", "0 3 * * *"),
                datastore_config=ds_path if ds_path.exists() else None)
