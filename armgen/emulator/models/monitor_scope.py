"""Azure Monitor Private Link Scopes as Azure serves them: the names the scope's endpoint serves come from its
scoped resources, and a Log Analytics workspace or Application Insights component that a scope still holds
cannot be deleted ("disconnect them from any AMPLS first"; Azure documents the rule, not its error code)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from armgen import privatelink as pl
from armgen.emulator.models.errors import conflict
from armgen.emulator.models.ids import ResourceId, parse_resource_id, same_id

if TYPE_CHECKING:
    from armgen.emulator.models.resources import ResourceModel

SCOPE = pl.MONITOR_SCOPE.lower()
SCOPED = f"{SCOPE}/scopedresources"
SCOPABLE = frozenset(t.lower() for t in pl.SCOPABLE)


def _props(body: dict[str, Any] | None) -> dict[str, Any]:
    props = (body or {}).get("properties")
    return props if isinstance(props, dict) else {}


def scoped_ids(model: ResourceModel, scope_id: str) -> list[str]:
    """The linked resource ids of a scope's scoped resources."""
    return [str(_props(doc).get("linkedResourceId", "")) for doc in
            model.store.with_prefix("res", scope_id + "/scopedResources/")]


def endpoint_fqdns(model: ResourceModel, scope_id: str, location: str) -> list[str]:
    """What an azuremonitor endpoint to ``scope_id`` serves: per scoped Log Analytics workspace its id's names."""
    workspaces = [str(_props(model.raw(i)).get("customerId", "")) for i in scoped_ids(model, scope_id)
                  if parse_resource_id(i).type.lower() == pl.LOG_ANALYTICS.lower() and model.raw(i) is not None]
    return pl.monitor_fqdns(location, [w for w in workspaces if w])


def check_delete(model: ResourceModel, rid: ResourceId) -> None:
    """A Log Analytics workspace or Application Insights component still in a scope cannot go."""
    if rid.type.lower() not in SCOPABLE:
        return
    for doc in model.store.key_contains("res", "/scopedresources/"):
        if same_id(_props(doc).get("linkedResourceId"), rid.id):
            scope = doc["id"].rsplit("/scopedResources/", 1)[0] if "/scopedResources/" in doc["id"] else doc["id"]
            raise conflict("Conflict", f"The resource '{rid.id}' is connected to the Azure Monitor Private Link "
                                       f"Scope '{scope}' (scoped resource '{doc['name'].split('/')[-1]}'). "
                                       "Remove it from the scope before deleting it.")
