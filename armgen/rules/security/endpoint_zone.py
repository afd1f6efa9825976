"""AG7102: every private endpoint's names resolve: its DNS zone group covers the zones its groupId needs."""

from __future__ import annotations

from collections.abc import Iterator

from armgen import privatelink as pl
from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.network import network_of
from armgen.rulebase.rule import Match, Rule

PE = "Microsoft.Network/privateEndpoints"
ZONE_GROUP = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups"


def _stem(zone: str) -> str:
    """``privatelink.blob.core.windows.net`` -> ``privatelink.blob``: the part every cloud shares."""
    return ".".join(zone.lower().split(".")[:2])


def _zone_names(ctx: RuleContext) -> dict[str, list[str]]:
    """Endpoint name -> the zone names of its zone groups (the last segment of each zone id)."""
    out: dict[str, list[str]] = {}
    for view in views(ctx, ZONE_GROUP):
        name = view.body.get("name")
        configs = view.properties.get("privateDnsZoneConfigs")
        if not isinstance(name, str) or not isinstance(configs, list):
            continue
        zones = out.setdefault(name.split("/")[0].lower(), [])
        for config in configs:
            zone_id = (config.get("properties") or {}).get("privateDnsZoneId") if isinstance(config, dict) else None
            if isinstance(zone_id, str):
                zones.append(zone_id.rsplit("/", 1)[-1])
    return out


class EndpointWithoutZone(Rule):
    id = "AG7102"
    severity = "E"
    shortdesc = "Private endpoint groupId without its DNS zone"
    description = ("A private endpoint's DNS zone group must name every zone its sub-resource needs (Azure's "
                   "documented values: blob, file and dfs one each, vault, registry, a workspace two: "
                   "privatelink.api.azureml.ms and privatelink.notebooks.azure.net); otherwise clients resolve the "
                   "public address and are refused. Without a zone group at all, the spec must say dns: policy.")
    source_url = "https://learn.microsoft.com/azure/private-link/private-endpoint-dns"
    tags = ("security", "network", "privateEndpoint")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        env = network_of(ctx)
        policy = env is not None and env.network.dns == "policy"
        zones = _zone_names(ctx)
        for view in views(ctx, PE):
            if not view.evaluated:
                continue
            name = str(view.body.get("name", "")).lower()
            connections = view.properties.get("privateLinkServiceConnections") or []
            for i, conn in enumerate(connections if isinstance(connections, list) else []):
                groups = ((conn or {}).get("properties") or {}).get("groupIds") or []
                for group in groups if isinstance(groups, list) else []:
                    needed = pl.zones_for_group(str(group))
                    have = {_stem(z) for z in zones.get(name, [])}
                    if name not in zones:
                        if policy or env is None:
                            continue
                        missing = list(needed)
                    else:
                        missing = [z for z in needed if _stem(z) not in have]
                    if missing:
                        yield Match((*view.ref.path, "properties", "privateLinkServiceConnections", i),
                                    f"endpoint {name} (groupId {group}) has no DNS zone group entry for "
                                    f"{', '.join(missing)}; add it to its privateDnsZoneGroups")
