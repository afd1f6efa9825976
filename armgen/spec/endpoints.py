"""The private endpoints an environment needs: one per private-link resource, one sub-resource each."""

from __future__ import annotations

from dataclasses import dataclass

from armgen import privatelink as pl
from armgen.spec.model import Shared, Workspace


@dataclass(frozen=True)
class PlannedEndpoint:
    """The endpoints of one target resource (one per groupId), deployed as one unit."""

    key: str  # the target's unit name: storageaccount-workspace, keyvault, mlworkspace-vision ...
    target_type: str
    target_name: str
    target_group: str
    group_ids: tuple[str, ...]
    workspace: str | None = None  # work package key for workspace endpoints

    @property
    def ip_count(self) -> int:
        """Addresses the endpoints take in their subnet (a registry also serves its regional data endpoint,
        a workspace its API, certificate and notebook names)."""
        return sum({"registry": 2, "amlworkspace": 3}.get(g, 1) for g in self.group_ids)

    def zone_names(self) -> list[str]:
        """Every zone (public-cloud name) the endpoints need, in order."""
        return [z for g in self.group_ids for z in pl.zones_for_group(g)]


def planned_endpoints(shared: Shared, workspaces: list[Workspace]) -> list[PlannedEndpoint]:
    """Workspace storage: blob and file; data storage: blob (and dfs with a hierarchical namespace);
    the vault; both registries; every workspace."""
    rg = shared.resource_group
    out = []
    for st in shared.storage.values():
        groups = ("blob", "file") if st.key == "workspace" else ("blob", "dfs") if st.hierarchical_namespace \
            else ("blob",)
        out.append(PlannedEndpoint(f"storageaccount-{st.key}", pl.STORAGE, st.name, rg, groups))
    out.append(PlannedEndpoint("keyvault", pl.VAULT, shared.key_vault_name, rg, ("vault",)))
    for cr in shared.registries.values():
        out.append(PlannedEndpoint(f"containerregistry-{cr.key}", pl.REGISTRY, cr.name, rg, ("registry",)))
    for ws in workspaces:
        out.append(PlannedEndpoint(f"mlworkspace-{ws.key}", pl.WORKSPACE, ws.name, ws.resource_group,
                                   ("amlworkspace",), ws.key))
    return out
