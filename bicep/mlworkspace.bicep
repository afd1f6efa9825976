metadata description = 'Azure ML workspace bound to the shared storage, Key Vault, Application Insights and healthy registry (identity-based data access).'

@description('Azure ML workspace name.')
@minLength(3)
@maxLength(33)
param workspaceName string

@description('Display name.')
param friendlyName string = workspaceName

@description('What the work package does.')
param workspaceDescription string = ''

@description('Workspace SKU.')
@allowed([
  'Basic'
])
param skuName string = 'Basic'

@description('High business impact: reduced diagnostic data.')
param hbiWorkspace bool = false

@description('Resource group of the shared infrastructure.')
param sharedResourceGroup string

@description('Shared workspace storage account (cannot change after creation).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Shared Key Vault (cannot change after creation).')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Shared Application Insights (cannot change after creation).')
@minLength(1)
@maxLength(260)
param appInsightsName string

@description('Healthy container registry (cannot change after creation).')
@minLength(5)
@maxLength(50)
param containerRegistryName string

@description('Disabled: reachable only through private endpoints (network mode private/managed).')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Disabled'

@description('Compute cluster that builds environment images (\'\' for none): a registry behind a private endpoint cannot build them itself.')
param imageBuildCompute string = ''

@description('Azure ML managed virtual network: isolationMode and outboundRules (network mode managed).')
param managedNetwork object = {
  isolationMode: 'Disabled'
}

@description('Azure region of the resources; defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-08-01' existing = {
  name: storageAccountName
  scope: resourceGroup(sharedResourceGroup)
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
  scope: resourceGroup(sharedResourceGroup)
}

resource component 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
  scope: resourceGroup(sharedResourceGroup)
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = {
  name: containerRegistryName
  scope: resourceGroup(sharedResourceGroup)
}

resource workspace 'Microsoft.MachineLearningServices/workspaces@2025-12-01' = {
  name: workspaceName
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
  }
  kind: 'Default'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    friendlyName: friendlyName
    description: workspaceDescription
    storageAccount: storageAccount.id
    keyVault: vault.id
    applicationInsights: component.id
    containerRegistry: registry.id
    hbiWorkspace: hbiWorkspace
    systemDatastoresAuthMode: 'identity'
    publicNetworkAccess: publicNetworkAccess
    imageBuildCompute: empty(imageBuildCompute) ? null : imageBuildCompute
    managedNetwork: managedNetwork
    v1LegacyMode: false
  }
}

output workspaceId string = workspace.id

output principalId string = workspace.identity.principalId
