"""Fixed facts of the Azure platform armgen targets: API versions and built-in role ids, in one place."""

from __future__ import annotations

# GA API versions used by the rendered templates (checked against the official resource schemas).
API_VERSIONS: dict[str, str] = {
    "Microsoft.Resources/resourceGroups": "2025-04-01",
    "Microsoft.Resources/deployments": "2025-04-01",
    "Microsoft.OperationalInsights/workspaces": "2025-07-01",
    "Microsoft.Insights/components": "2020-02-02",
    "Microsoft.KeyVault/vaults": "2025-05-01",
    "Microsoft.Storage/storageAccounts": "2025-08-01",
    "Microsoft.ContainerRegistry/registries": "2025-11-01",
    "Microsoft.ManagedIdentity/userAssignedIdentities": "2024-11-30",
    "Microsoft.Authorization/roleDefinitions": "2022-04-01",
    "Microsoft.Authorization/roleAssignments": "2022-04-01",
    "Microsoft.Authorization/locks": "2020-05-01",
    "Microsoft.MachineLearningServices/workspaces": "2025-12-01",
    "Microsoft.Sql/servers": "2025-01-01",
    "Microsoft.Insights/diagnosticSettings": "2016-09-01",
    "Microsoft.Insights/privateLinkScopes": "2021-09-01",
    "Microsoft.Network/virtualNetworks": "2025-07-01",
    "Microsoft.Network/networkSecurityGroups": "2025-07-01",
    "Microsoft.Network/privateEndpoints": "2025-07-01",
    "Microsoft.Network/privateDnsZones": "2024-06-01",
}

# Built-in role definition ids (the same in every tenant) that the platform assigns.
BUILTIN_ROLES: dict[str, str] = {
    "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
    "Azure AI Developer": "64702f94-c441-49e6-a78b-ef80e0188fee",
    "AcrPull": "7f951dda-4ed3-4680-a7ca-43fe172d538d",
    "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    "Storage File Data Privileged Contributor": "69566ab7-960f-475b-8e7c-b3118f30c6bd",
}

TEMPLATE_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
SUBSCRIPTION_TEMPLATE_SCHEMA = (
    "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"
)
PARAMETERS_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"


def api(resource_type: str) -> str:
    """The API version armgen uses for ``resource_type`` (child types use their provider's root)."""
    if resource_type in API_VERSIONS:
        return API_VERSIONS[resource_type]
    root = "/".join(resource_type.split("/")[:2])
    return API_VERSIONS[root]

# Azure public-cloud regions (programmatic names). A spec naming another region must say
# allowUnknownLocation: true on the environment (a region newer than this list, a sovereign cloud).
REGIONS: frozenset[str] = frozenset({
    "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast",
    "belgiumcentral", "brazilsouth", "brazilsoutheast", "canadacentral", "canadaeast", "centralindia",
    "centralus", "centraluseuap", "chilecentral", "denmarkeast", "eastasia", "eastus", "eastus2",
    "eastus2euap", "francecentral", "francesouth", "germanynorth", "germanywestcentral", "indonesiacentral",
    "israelcentral", "italynorth", "japaneast", "japanwest", "jioindiacentral", "jioindiawest",
    "koreacentral", "koreasouth", "malaysiawest", "mexicocentral", "newzealandnorth", "northcentralus",
    "northeurope", "norwayeast", "norwaywest", "polandcentral", "qatarcentral", "southafricanorth",
    "southafricawest", "southcentralus", "southeastasia", "southindia", "spaincentral", "swedencentral",
    "swedensouth", "switzerlandnorth", "switzerlandwest", "uaecentral", "uaenorth", "uksouth", "ukwest",
    "westcentralus", "westeurope", "westindia", "westus", "westus2", "westus3"
})
