"""Changes Azure refuses in place (create-only properties): found by what-if, refused, or deleted to re-create."""

from __future__ import annotations

from dataclasses import dataclass

from armgen.catalog import api
from armgen.deploy.plan import Plan
from armgen.deploy.preflight import send_and_wait
from armgen.deploy.target import Target
from armgen.deploy.whatif import UnitWhatIf
from armgen.errors import ArmgenError

WORKSPACE = "microsoft.machinelearningservices/workspaces"
VAULT = "microsoft.keyvault/vaults"


@dataclass(frozen=True)
class Recreate:
    unit: str
    resource_id: str
    paths: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.resource_id.rsplit("/", 1)[-1]

    def describe(self) -> str:
        return f"{self.unit}: {self.name} ({', '.join(self.paths)})"


def found_in(results: list[UnitWhatIf]) -> list[Recreate]:
    """Every change of a what-if that alters a create-only property."""
    return [Recreate(r.step.name, c.resource_id, tuple(c.recreate)) for r in results for c in r.changes if c.recreate]


def refuse_unless(found: list[Recreate], allowed: set[str], env: str) -> list[Recreate]:
    """The re-creates ``allowed`` covers; raises with what to do when any other one is pending."""
    blocked = [r for r in found if r.unit not in allowed]
    if blocked:
        units = sorted({r.unit for r in blocked})
        raise ArmgenError("Azure cannot change these properties after creation: "
                          + "; ".join(r.describe() for r in blocked)
                          + ". Nothing was sent. Restore the values in the spec, or re-run 'armgen deploy --env "
                          f"{env} " + " ".join(f"--recreate {u}" for u in units)
                          + "' to delete and re-create them (their data is lost)")
    return [r for r in found if r.unit in allowed]


def _vault_protected(target: Target, rid: str) -> bool:
    live = target.resources.resources.get_by_id(rid, api_version=api("Microsoft.KeyVault/vaults")).as_dict()
    props = live.get("properties") or {}
    return bool(props.get("enable_purge_protection") or props.get("enablePurgeProtection"))


def delete_for_recreate(target: Target, plan: Plan, found: list[Recreate]) -> list[str]:
    """Delete each resource to be re-created, so its name is free for the deploy that follows."""
    from armgen.create_only import type_of

    lines = []
    for r in dict.fromkeys(found):
        rtype = type_of(r.resource_id)
        version = api(rtype)
        if rtype.lower() == VAULT and _vault_protected(target, r.resource_id):
            raise ArmgenError(f"{r.unit}: Key Vault {r.name} has purge protection: once deleted it keeps its name "
                              "until its retention ends, so it cannot be re-created; give the vault a new name in "
                              "the spec instead")
        if rtype.lower() == WORKSPACE:
            send_and_wait(target, "DELETE", f"{r.resource_id}?api-version={version}&forceToPurge=true")
        else:
            target.resources.resources.begin_delete_by_id(r.resource_id, api_version=version).result()
        if rtype.lower() == VAULT:
            url = (f"/subscriptions/{target.subscription_id}/providers/Microsoft.KeyVault/locations/"
                   f"{plan.env.location}/deletedVaults/{r.name}/purge?api-version={version}")
            send_and_wait(target, "POST", url)
        lines.append(f"{r.describe()}: deleted, to be re-created")
    return lines
