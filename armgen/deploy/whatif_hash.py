"""The change set a what-if showed, as a hash per unit: deploy applies exactly what was approved.

A pipeline publishes ``armgen what-if --save FILE`` for the approver; the deploy job after the
approval runs ``armgen deploy --approved-what-if FILE`` and refuses when the live what-if of any of
its units hashes differently (a resource changed by hand, deleted, or different files since).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from armgen import jsonmarks
from armgen.deploy.whatif import UnitWhatIf
from armgen.deploy.whatif_format import ResourceChange, to_json
from armgen.errors import ArmgenError, InputError

FORMAT = "armgen-what-if/1"
# what a change type means for the hash: Create and Deploy both (re)write the resource; NoChange and
# Ignore change nothing; a resource group not created yet is predicted offline (Create, no delta)
_KIND = {"Create": "create", "Deploy": "create", "Modify": "modify", "Delete": "delete", "Unsupported": "unsupported"}


def _canonical(change: ResourceChange) -> dict[str, Any] | None:
    kind = _KIND.get(change.change_type)
    if kind is None:
        return None
    out: dict[str, Any] = {"id": change.resource_id.lower(), "change": kind}
    if kind == "modify":
        out["delta"] = sorted((d["path"], d["propertyChangeType"], json.dumps(d["before"], sort_keys=True),
                               json.dumps(d["after"], sort_keys=True)) for d in to_json([change])[0]["delta"])
    return out


def unit_hash(result: UnitWhatIf) -> str:
    """sha256 over the unit's files (fingerprint) and its canonical changes, NoChange and Ignore left out."""
    changes = sorted((c for c in map(_canonical, result.changes) if c), key=lambda c: (c["id"], c["change"]))
    body = json.dumps({"unit": result.step.name, "files": result.step.fingerprint(), "changes": changes},
                      sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def change_set(env: str, results: list[UnitWhatIf]) -> dict[str, Any]:
    """What ``--save`` writes: per unit its hash and what changes, plus one hash over all units."""
    units = {r.step.name: {"hash": unit_hash(r), "predicted": r.predicted, "changes": [
        {"resourceId": c.resource_id, "changeType": c.change_type} for c in r.changes
        if c.change_type in _KIND]} for r in results if not r.error}
    overall = hashlib.sha256("".join(f"{k}={v['hash']};" for k, v in sorted(units.items())).encode()).hexdigest()
    return {"format": FORMAT, "environment": env, "hash": overall, "units": units}


def load_approved(path: Path, env: str) -> dict[str, Any]:
    """The published change set; unusable when missing, not armgen's, or of another environment."""
    try:
        doc = jsonmarks.loads(jsonmarks.read_text(path), str(path), fix="write it with 'armgen what-if --save'").data
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; publish it with 'armgen what-if --env {env} --save {path}'") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a what-if change set ({exc}); write it with 'armgen what-if --save'") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("units"), dict):
        raise InputError(f"{path}: not a what-if change set ({FORMAT}); write it with 'armgen what-if --save'")
    if doc.get("environment") != env:
        raise InputError(f"{path}: the change set is of environment '{doc.get('environment')}', not '{env}'")
    return doc


def _only_creates(result: UnitWhatIf) -> bool:
    """Nothing but creations: what a unit whose group did not exist at what-if time may still show once an
    earlier job of the same release created the group (ids that depend on new principals differ)."""
    return all(_KIND.get(c.change_type) in (None, "create") for c in result.changes)


def differences(approved: dict[str, Any], results: list[UnitWhatIf]) -> list[str]:
    """One line per unit whose live what-if differs from the approved one (empty: deploy may go on)."""
    out = []
    for r in results:
        if r.error:
            out.append(f"{r.step.name}: the live what-if failed ({r.error.code})")
            continue
        seen = approved["units"].get(r.step.name)
        if seen is None:
            out.append(f"{r.step.name}: not in the approved what-if")
            continue
        if seen.get("hash") == unit_hash(r):
            continue
        if seen.get("predicted") and _only_creates(r):  # approved: "a new group, everything created"
            continue
        before = {(c["resourceId"].lower(), c["changeType"]) for c in seen.get("changes", [])}
        now = {(c.resource_id.lower(), c.change_type) for c in r.changes if c.change_type in _KIND}
        what = [f"{t} {i.rsplit('/', 1)[-1]}" for i, t in sorted(now - before)]
        gone = [f"no longer {t} {i.rsplit('/', 1)[-1]}" for i, t in sorted(before - now)]
        detail = ", ".join(what + gone) or "property changes differ"
        out.append(f"{r.step.name}: {detail}")
    return out


def refuse_if_different(path: Path, env: str, results: list[UnitWhatIf]) -> tuple[str, set[str]]:
    """Raise (exit 1) naming the units whose live what-if differs; else the approved hash and the units
    whose approved change set changes something (deployed even when their files are unchanged: the
    approval covers putting back what was changed by hand)."""
    approved = load_approved(path, env)
    diff = differences(approved, results)
    if diff:
        raise ArmgenError(f"the live what-if differs from the approved one in {path} ({len(diff)} unit(s): "
                          + "; ".join(diff) + "); nothing was deployed: re-run the what-if and get it approved "
                          "again")
    changing = {r.step.name for r in results if approved["units"][r.step.name].get("changes")}
    return approved["hash"], changing
