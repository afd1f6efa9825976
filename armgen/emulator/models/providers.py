"""Resource providers as ``GET /subscriptions/{id}/providers[/{namespace}]`` shows them (all registered)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from armgen.catalog import published_api_versions
from armgen.emulator.models.errors import ArmHttpError

# namespace -> resource type -> api versions the emulator has been exercised with (newest first); with the
# published versions (armgen/api_versions.json) what it accepts and lists: this table adds preview versions
# and the casing of each type's name, which the published table keeps lower case
KNOWN: dict[str, dict[str, list[str]]] = {
    "Microsoft.Storage": {"storageAccounts": ["2023-05-01", "2023-01-01", "2022-09-01"],
                          "storageAccounts/blobServices": ["2023-05-01", "2023-01-01"],
                          "storageAccounts/blobServices/containers": ["2023-05-01", "2023-01-01"],
                          "storageAccounts/fileServices/shares": ["2023-05-01", "2023-01-01"]},
    "Microsoft.KeyVault": {"vaults": ["2023-07-01", "2022-07-01"], "deletedVaults": ["2023-07-01"]},
    "Microsoft.ContainerRegistry": {"registries": ["2023-07-01", "2023-01-01-preview"]},
    "Microsoft.ManagedIdentity": {"userAssignedIdentities": ["2023-01-31", "2018-11-30"]},
    "Microsoft.OperationalInsights": {"workspaces": ["2022-10-01", "2020-08-01"]},
    "Microsoft.Insights": {"components": ["2020-02-02"], "diagnosticSettings": ["2021-05-01-preview", "2016-09-01"],
                           "privateLinkScopes": ["2021-09-01"], "privateLinkScopes/scopedResources": ["2021-09-01"]},
    "Microsoft.MachineLearningServices": {
        "workspaces": ["2024-04-01", "2023-10-01"], "workspaces/computes": ["2024-04-01", "2023-10-01"],
        "workspaces/datastores": ["2024-04-01", "2023-10-01"],
        "workspaces/batchEndpoints": ["2024-04-01", "2023-10-01"],
        "workspaces/connections": ["2025-12-01", "2024-04-01"]},
    "Microsoft.Sql": {"servers": ["2025-01-01"], "servers/databases": ["2025-01-01"],
                      "servers/firewallRules": ["2025-01-01"], "servers/auditingSettings": ["2025-01-01"],
                      "servers/administrators": ["2025-01-01"], "servers/azureADOnlyAuthentications": ["2025-01-01"]},
    "Microsoft.Network": {
        "virtualNetworks": ["2025-07-01"], "virtualNetworks/subnets": ["2025-07-01"],
        "networkSecurityGroups": ["2025-07-01"], "privateEndpoints": ["2025-07-01"],
        "privateEndpoints/privateDnsZoneGroups": ["2025-07-01"], "privateDnsZones": ["2024-06-01"],
        "privateDnsZones/virtualNetworkLinks": ["2024-06-01"], "privateDnsZones/A": ["2024-06-01"]},
    "Microsoft.Authorization": {"roleAssignments": ["2022-04-01"], "roleDefinitions": ["2022-04-01"],
                                "locks": ["2020-05-01", "2016-09-01"]},
    "Microsoft.Resources": {"deployments": ["2026-06-01", "2025-04-01", "2024-03-01"],
                            "deploymentStacks": ["2025-07-01", "2024-03-01"],
                            "deploymentStacksWhatIfResults": ["2025-07-01"],
                            "resourceGroups": ["2025-04-01", "2024-03-01"]},
}
# api versions the fidelity corpus (tests/fixtures/corpus: verified modules, doc samples) deploys with
_CORPUS_VERSIONS: dict[str, dict[str, list[str]]] = {
    "Microsoft.Authorization": {"locks": ["2016-09-01"], "roleAssignments": ["2020-10-01-preview"],
                                "roleDefinitions": ["2022-05-01-preview"]},
    "Microsoft.ContainerRegistry": {"registries": ["2025-06-01-preview"]},
    "Microsoft.KeyVault": {"vaults": ["2024-11-01"]},
    "Microsoft.MachineLearningServices": {"workspaces": ["2024-10-01-preview"], "workspaces/computes": ["2021-01-01"]},
    "Microsoft.ManagedIdentity": {"userAssignedIdentities": ["2024-11-30"]},
    "Microsoft.Management": {"managementGroups": ["2021-04-01"]},
    "Microsoft.Network": {
        "applicationSecurityGroups": ["2023-04-01"], "dnsZones": ["2018-05-01"],
        "networkSecurityGroups": ["2025-05-01", "2021-02-01"], "privateDnsZones": ["2020-06-01"],
        "privateEndpoints": ["2025-05-01"], "publicIPAddresses": ["2025-01-01", "2021-02-01"],
        "routeTables": ["2024-07-01"], "virtualNetworks": ["2025-05-01", "2021-02-01"],
        "virtualNetworks/subnets": ["2025-05-01"]},
    "Microsoft.OperationalInsights": {"workspaces": ["2025-07-01"]},
    "Microsoft.Resources": {"deployments": ["2022-09-01"], "resourceGroups": ["2021-04-01"],
                            "templateSpecs": ["2022-02-01"], "templateSpecs/versions": ["2022-02-01"]},
    "Microsoft.Storage": {"storageAccounts": ["2025-06-01", "2021-04-01"],
                          "storageAccounts/blobServices": ["2025-01-01"]},
    "Microsoft.Web": {"serverfarms": ["2022-09-01"], "sites": ["2022-09-01"]},
}
for _namespace, _types in _CORPUS_VERSIONS.items():
    for _type, _versions in _types.items():
        _known = KNOWN.setdefault(_namespace, {}).setdefault(_type, [])
        _known.extend(v for v in _versions if v not in _known)
        _known.sort(reverse=True)
LOCATIONS = ["West Europe", "North Europe", "East US", "East US 2", "West US 2", "Sweden Central"]


def provider(subscription: str, namespace: str) -> dict[str, Any]:
    match = next((ns for ns in KNOWN if ns.lower() == namespace.lower()), None)
    if match is None:
        raise ArmHttpError(404, "InvalidResourceNamespace",
                           f"The resource namespace '{namespace}' is invalid.")
    return {"id": f"/subscriptions/{subscription}/providers/{match}", "namespace": match,
            "registrationState": "Registered", "registrationPolicy": "RegistrationRequired",
            "resourceTypes": [{"resourceType": t, "locations": LOCATIONS,  # what the api-version check accepts
                               "apiVersions": offered_versions(f"{match}/{t}") or []} for t in KNOWN[match]]}


def providers(subscription: str) -> list[dict[str, Any]]:
    return [provider(subscription, ns) for ns in KNOWN]


@lru_cache(maxsize=4096)
def _offered(resource_type: str) -> tuple[str, ...] | None:
    """API versions ARM offers for ``Namespace/type[/child]``: this table's plus the published ones, and a
    child type's provider's (None: a type neither table knows, which is not checked). Cached: every request
    asks, and the answer never changes."""
    namespace, _, rtype = resource_type.partition("/")
    ns = next((n for n in KNOWN if n.lower() == namespace.lower()), None)
    own = next((v for t, v in KNOWN[ns].items() if t.lower() == rtype.lower()), []) if ns else []
    published = published_api_versions().get(resource_type.lower(), [])
    if not own and not published:
        return None
    root = f"{namespace}/{rtype.split('/')[0]}"  # a child type is served with its provider's versions too
    if root.lower() != resource_type.lower():
        published = [*published, *(_offered(root) or ())]
    return tuple(sorted(set(own) | set(published), reverse=True))


def offered_versions(resource_type: str) -> list[str] | None:
    """API versions ARM offers for ``Namespace/type[/child]``, newest first (None: a type not checked)."""
    found = _offered(resource_type)
    return None if found is None else list(found)


def _request_type(path: str) -> str | None:
    """``Namespace/type[/child]`` a URL addresses (its last ``/providers/`` segment), None for ARM's own routes."""
    low = path.rstrip("/")
    at = low.lower().rfind("/providers/")
    if at < 0:
        return None
    segments = low[at + len("/providers/"):].split("/")
    if len(segments) < 2:
        return None
    types = segments[1::2]
    for n in range(len(types), 0, -1):  # a collection or an action (listKeys) ends the path: the longest known type
        candidate = "/".join([segments[0], *types[:n]])
        if offered_versions(candidate):
            return candidate
    return None


def api_version_error(path: str, version: str) -> ArmHttpError | None:
    """ARM's refusal of an api-version the addressed resource type does not offer (None: offered or unknown)."""
    rtype = _request_type(path)
    versions = offered_versions(rtype) if rtype else None
    if not versions or version.lower() in (v.lower() for v in versions):
        return None
    return ArmHttpError(400, "NoRegisteredProviderFound",
                        f"No registered resource provider found for location 'global' and API version '{version}' "
                        f"for type '{rtype.split('/', 1)[1]}'. The supported api-versions are "
                        f"'{', '.join(versions)}'. The supported locations are "
                        f"'{', '.join(loc.lower().replace(' ', '') for loc in LOCATIONS)}'.")
