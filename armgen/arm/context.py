"""Where a deployment runs: subscription, tenant, resource group, location, scope."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

DEFAULT_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
DEFAULT_TENANT = "00000000-0000-0000-0000-000000000000"
DEFAULT_RESOURCE_GROUP = "armgen-rg"
DEFAULT_LOCATION = "westeurope"

AZURE_CLOUD = {
    "name": "AzureCloud",
    "gallery": "https://gallery.azure.com/",
    "graph": "https://graph.windows.net/",
    "portal": "https://portal.azure.com",
    "graphAudience": "https://graph.windows.net/",
    "activeDirectoryDataLake": "https://datalake.azure.net/",
    "batch": "https://batch.core.windows.net/",
    "media": "https://rest.media.azure.net",
    "sqlManagement": "https://management.core.windows.net:8443/",
    "vmImageAliasDoc": "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/"
                       "quickstart-templates/aliases.json",
    "resourceManager": "https://management.azure.com/",
    "authentication": {
        "loginEndpoint": "https://login.microsoftonline.com/",
        "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
        "tenant": "common",
        "identityProvider": "AAD",
    },
    "suffixes": {
        "acrLoginServer": ".azurecr.io",
        "azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
        "azureDatalakeStoreFileSystem": "azuredatalakestore.net",
        "azureFrontDoorEndpointSuffix": "azurefd.net",
        "keyvaultDns": ".vault.azure.net",
        "sqlServerHostname": ".database.windows.net",
        "storage": "core.windows.net",
    },
}


@dataclass(frozen=True)
class DeploymentContext:
    """The target of a deployment. ``scope`` is "resourceGroup", "subscription", "managementGroup"
    (``management_group`` names it) or "tenant"."""

    subscription_id: str = DEFAULT_SUBSCRIPTION
    tenant_id: str = DEFAULT_TENANT
    resource_group: str | None = DEFAULT_RESOURCE_GROUP
    location: str = DEFAULT_LOCATION
    deployment_name: str = "armgen"
    scope: str = "resourceGroup"
    resource_group_location: str | None = None
    resource_group_tags: dict = field(default_factory=dict)
    management_group: str | None = None

    @property
    def subscription_scope_id(self) -> str:
        return f"/subscriptions/{self.subscription_id}"

    @property
    def resource_group_id(self) -> str | None:
        if not self.resource_group:
            return None
        return f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}"

    @property
    def management_group_id(self) -> str | None:
        if not self.management_group:
            return None
        return f"/providers/Microsoft.Management/managementGroups/{self.management_group}"

    @property
    def scope_id(self) -> str:
        """The id resources of this deployment are created under ("" at tenant scope)."""
        if self.scope == "resourceGroup" and self.resource_group:
            return str(self.resource_group_id)
        if self.scope == "managementGroup" and self.management_group:
            return str(self.management_group_id)
        if self.scope == "tenant":
            return ""
        return self.subscription_scope_id

    def for_resource_group(self, name: str, subscription_id: str | None = None,
                           location: str | None = None, deployment_name: str | None = None,
                           tags: dict | None = None) -> DeploymentContext:
        """A nested deployment's context targeting resource group ``name``."""
        return replace(self, resource_group=name, scope="resourceGroup",
                       subscription_id=subscription_id or self.subscription_id,
                       resource_group_location=location or self.resource_group_location or self.location,
                       deployment_name=deployment_name or self.deployment_name,
                       resource_group_tags=dict(tags or {}))

    def for_subscription(self, subscription_id: str | None = None,
                         deployment_name: str | None = None) -> DeploymentContext:
        return replace(self, scope="subscription", resource_group=None,
                       subscription_id=subscription_id or self.subscription_id,
                       deployment_name=deployment_name or self.deployment_name)

    def for_management_group(self, name: str, deployment_name: str | None = None) -> DeploymentContext:
        return replace(self, scope="managementGroup", resource_group=None, management_group=name,
                       deployment_name=deployment_name or self.deployment_name)

    def for_tenant(self, deployment_name: str | None = None) -> DeploymentContext:
        return replace(self, scope="tenant", resource_group=None,
                       deployment_name=deployment_name or self.deployment_name)
