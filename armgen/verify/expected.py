"""What a deployed environment must contain: the rendered units expanded with the ARM engine.

Each plan step's template is evaluated with its parameter file (reference() answered by the live
target), which yields every resource id armgen deployed and the values it sent. verify then reads
each resource back and compares the key properties listed per type below.
"""

from __future__ import annotations

from dataclasses import dataclass

from armgen.arm import ArmError, DeploymentContext, expand
from armgen.arm.parameters import file_values
from armgen.deploy.plan import Plan
from armgen.live.state import LiveState

DEPLOYMENTS = "microsoft.resources/deployments"
ML = "Microsoft.MachineLearningServices/workspaces"

# type (lowercase) -> (check group, label, key property paths compared with what was deployed)
KEY_PROPERTIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "microsoft.resources/resourcegroups": ("resource-groups", "resource group", ("location",)),
    "microsoft.operationalinsights/workspaces": ("log-analytics", "Log Analytics workspace", (
        "properties.sku.name", "properties.retentionInDays", "properties.publicNetworkAccessForIngestion",
        "properties.publicNetworkAccessForQuery")),
    "microsoft.insights/components": ("app-insights", "Application Insights", (
        "properties.WorkspaceResourceId", "properties.IngestionMode", "properties.RetentionInDays",
        "properties.publicNetworkAccessForIngestion", "properties.publicNetworkAccessForQuery")),
    "microsoft.insights/privatelinkscopes": ("private-link", "Azure Monitor private link scope", (
        "properties.accessModeSettings.ingestionAccessMode", "properties.accessModeSettings.queryAccessMode")),
    "microsoft.insights/privatelinkscopes/scopedresources": ("private-link", "scoped resource", (
        "properties.linkedResourceId",)),
    "microsoft.keyvault/vaults": ("key-vault", "key vault", (
        "properties.sku.name", "properties.enableRbacAuthorization", "properties.enableSoftDelete",
        "properties.enablePurgeProtection", "properties.softDeleteRetentionInDays",
        "properties.publicNetworkAccess", "properties.networkAcls.defaultAction")),
    "microsoft.storage/storageaccounts": ("storage", "storage account", (
        "sku.name", "kind", "properties.minimumTlsVersion", "properties.supportsHttpsTrafficOnly",
        "properties.allowBlobPublicAccess", "properties.allowSharedKeyAccess", "properties.isHnsEnabled",
        "properties.publicNetworkAccess", "properties.networkAcls.defaultAction")),
    "microsoft.storage/storageaccounts/blobservices": ("storage", "blob service", (
        "properties.deleteRetentionPolicy.enabled",)),
    "microsoft.storage/storageaccounts/blobservices/containers": ("storage", "blob container", (
        "properties.publicAccess",)),
    "microsoft.storage/storageaccounts/fileservices": ("storage", "file service", (
        "properties.shareDeleteRetentionPolicy.enabled",)),
    "microsoft.storage/storageaccounts/fileservices/shares": ("storage", "file share", (
        "properties.enabledProtocols",)),
    "microsoft.containerregistry/registries": ("registry", "container registry", (
        "sku.name", "properties.adminUserEnabled", "properties.anonymousPullEnabled",
        "properties.publicNetworkAccess")),
    "microsoft.managedidentity/userassignedidentities": ("identity", "managed identity", ()),
    "microsoft.machinelearningservices/workspaces": ("workspace", "ML workspace", (
        "sku.name", "properties.publicNetworkAccess", "properties.systemDatastoresAuthMode",
        "properties.hbiWorkspace", "properties.imageBuildCompute", "properties.managedNetwork.isolationMode")),
    "microsoft.machinelearningservices/workspaces/computes": ("compute", "compute cluster", (
        "properties.computeType", "properties.disableLocalAuth", "properties.properties.vmSize",
        "properties.properties.vmPriority", "properties.properties.scaleSettings.minNodeCount",
        "properties.properties.scaleSettings.maxNodeCount",
        "properties.properties.scaleSettings.nodeIdleTimeBeforeScaleDown",
        "properties.properties.remoteLoginPortPublicAccess", "properties.properties.enableNodePublicIp",
        "properties.properties.subnet.id", "identity.userAssignedIdentities")),
    "microsoft.machinelearningservices/workspaces/datastores": ("datastores", "datastore", (
        "properties.datastoreType", "properties.accountName", "properties.containerName", "properties.filesystem",
        "properties.fileShareName", "properties.endpoint", "properties.subscriptionId", "properties.resourceGroup",
        "properties.serviceDataAccessAuthIdentity", "properties.credentials.credentialsType")),
    "microsoft.machinelearningservices/workspaces/connections": ("sql", "workspace connection", (
        "properties.category", "properties.authType", "properties.target", "properties.metadata.database")),
    "microsoft.sql/servers": ("sql", "SQL server", (
        "properties.minimalTlsVersion", "properties.publicNetworkAccess", "properties.administrators.administratorType",
        "properties.administrators.azureADOnlyAuthentication", "properties.administrators.login",
        "properties.administrators.sid", "properties.administrators.principalType")),
    "microsoft.sql/servers/databases": ("sql", "SQL database", (
        "sku.name", "properties.requestedBackupStorageRedundancy")),
    "microsoft.sql/servers/firewallrules": ("sql", "SQL firewall rule", (
        "properties.startIpAddress", "properties.endIpAddress")),
    "microsoft.sql/servers/auditingsettings": ("sql", "SQL auditing", (
        "properties.state", "properties.isAzureMonitorTargetEnabled")),
    "microsoft.insights/diagnosticsettings": ("sql", "diagnostic setting", (
        "properties.workspaceId", "properties.logs")),
    "microsoft.machinelearningservices/workspaces/batchendpoints": ("batch-endpoint", "batch endpoint", (
        "properties.authMode",)),
    "microsoft.network/virtualnetworks": ("network", "virtual network", ("properties.addressSpace.addressPrefixes",)),
    "microsoft.network/networksecuritygroups": ("network", "network security group", ()),
    "microsoft.network/privateendpoints": ("private-endpoints", "private endpoint", ("properties.subnet.id",)),
    "microsoft.network/privateendpoints/privatednszonegroups": ("private-dns", "DNS zone group", ()),
    "microsoft.network/privatednszones": ("private-dns", "private DNS zone", ()),
    "microsoft.network/privatednszones/virtualnetworklinks": ("private-dns", "virtual network link", (
        "properties.virtualNetwork.id", "properties.registrationEnabled")),
    "microsoft.authorization/roleassignments": ("role-assignments", "role assignment", (
        "properties.principalId", "properties.roleDefinitionId")),
    "microsoft.authorization/roledefinitions": ("role-definition", "role definition", ()),
}


@dataclass(frozen=True)
class Expected:
    """One resource a unit deployed, with the body armgen sent."""

    unit: str
    id: str
    type: str
    name: str
    body: dict

    @property
    def short_name(self) -> str:
        return self.name.split("/")[-1]


@dataclass(frozen=True)
class ExpansionError:
    unit: str
    message: str


def expected_resources(plan: Plan, state: LiveState) -> tuple[list[Expected], list[ExpansionError]]:
    """Every resource of every unit of ``plan`` (nested deployments flattened, the deployments left out)."""
    env = plan.env
    out: list[Expected] = []
    errors: list[ExpansionError] = []
    for step in plan.steps:
        context = DeploymentContext(
            subscription_id=env.subscription_id, resource_group=step.unit.resource_group, location=env.location,
            deployment_name=step.deployment, scope="subscription" if step.at_subscription else "resourceGroup",
            resource_group_location=env.location, **({"tenant_id": env.tenant_id} if env.tenant_id else {}))
        params = file_values(step.parameters)
        try:
            expansion = expand(step.template, params, context, state)
        except ArmError as exc:
            errors.append(ExpansionError(step.name, f"{exc.code}: {exc.message}"))
            continue
        for r in expansion.resources:
            rtype = str(r.body.get("type", ""))
            if rtype.lower() == DEPLOYMENTS:
                continue
            out.append(Expected(step.name, r.id, rtype, str(r.body.get("name", "")), r.body))
    return out, errors
