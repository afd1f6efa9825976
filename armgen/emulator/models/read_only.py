"""Read-only properties: a resource provider ignores them in a PUT body (the REST specs mark them
``"readOnly": true``), so a client that sends back what it read (GET, edit, PUT) changes nothing else."""

from __future__ import annotations

from typing import Any

# properties.* marked readOnly in azure-rest-api-specs (the api versions in providers.KNOWN), by type
READ_ONLY: dict[str, frozenset[str]] = {
    "microsoft.storage/storageaccounts": frozenset({  # StorageAccountProperties (storage.json)
        "provisioningState", "primaryEndpoints", "primaryLocation", "statusOfPrimary", "lastGeoFailoverTime",
        "secondaryLocation", "statusOfSecondary", "creationTime", "secondaryEndpoints", "keyCreationTime",
        "geoReplicationStats", "failoverInProgress", "privateEndpointConnections", "blobRestoreStatus",
        "storageAccountSkuConversionStatus", "accountMigrationInProgress", "isSkuConversionBlocked"}),
    "microsoft.containerregistry/registries": frozenset({  # RegistryProperties (containerregistry.json)
        "loginServer", "creationDate", "provisioningState", "status", "privateEndpointConnections",
        "dataEndpointHostNames"}),
    "microsoft.managedidentity/userassignedidentities": frozenset({"tenantId", "principalId", "clientId"}),
    "microsoft.operationalinsights/workspaces": frozenset({  # WorkspaceProperties
        "customerId", "createdDate", "modifiedDate", "privateLinkScopedResources"}),
    "microsoft.insights/components": frozenset({  # ApplicationInsightsComponentProperties
        "ApplicationId", "AppId", "Name", "CreationDate", "TenantId", "InstrumentationKey", "ConnectionString",
        "provisioningState", "HockeyAppId", "HockeyAppToken", "LaMigrationDate", "PrivateLinkScopedResources"}),
    "microsoft.keyvault/vaults": frozenset({"hsmPoolResourceId", "privateEndpointConnections",
                                            "provisioningState"}),
    "microsoft.machinelearningservices/workspaces": frozenset({  # WorkspaceProperties (workspaceRP.json)
        "workspaceId", "provisioningState", "serviceProvisionedResourceGroup", "privateLinkCount",
        "privateEndpointConnections", "notebookInfo", "tenantId", "storageHasBeenMigrated", "mlFlowTrackingUri"}),
    "microsoft.keyvault/vaults/secrets": frozenset({"secretUri", "secretUriWithVersion"}),
    "microsoft.machinelearningservices/workspaces/batchendpoints": frozenset({"scoringUri", "swaggerUri",
                                                                             "provisioningState"}),
    "microsoft.network/virtualnetworks": frozenset({"provisioningState", "resourceGuid"}),
    "microsoft.network/networksecuritygroups": frozenset({
        "provisioningState", "resourceGuid", "defaultSecurityRules", "networkInterfaces", "subnets", "flowLogs"}),
    "microsoft.network/privatednszones": frozenset({
        "provisioningState", "maxNumberOfRecordSets", "numberOfRecordSets", "maxNumberOfVirtualNetworkLinks",
        "numberOfVirtualNetworkLinks", "maxNumberOfVirtualNetworkLinksWithRegistration",
        "numberOfVirtualNetworkLinksWithRegistration", "internalId"}),
    "microsoft.network/privateendpoints": frozenset({"provisioningState", "networkInterfaces"}),
}
_IDENTITY_READ_ONLY = ("principalId", "tenantId")  # ManagedServiceIdentity (common types)
_USER_IDENTITY_READ_ONLY = ("principalId", "clientId")


def without_read_only(resource_type: str, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` less what the provider would ignore: read-only and provider-generated properties."""
    t = resource_type.lower()
    folded = {n.lower() for n in READ_ONLY.get(t, ())} | {"provisioningstate"}
    out = dict(body)
    props = body.get("properties")
    if isinstance(props, dict):
        out["properties"] = {k: v for k, v in props.items() if k.lower() not in folded}
    identity = body.get("identity")
    if isinstance(identity, dict):
        clean = {k: v for k, v in identity.items() if k not in _IDENTITY_READ_ONLY}
        users = identity.get("userAssignedIdentities")
        if isinstance(users, dict):
            clean["userAssignedIdentities"] = {
                k: ({n: x for n, x in v.items() if n not in _USER_IDENTITY_READ_ONLY} if isinstance(v, dict) else v)
                for k, v in users.items()}
        out["identity"] = clean
    return out

