metadata description = 'Key Vault with RBAC authorization, soft delete and purge protection; no access policies.'

@description('Globally unique Key Vault name.')
@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Key Vault SKU.')
@allowed([
  'standard'
  'premium'
])
param skuName string = 'standard'

@description('Days a deleted vault stays recoverable (its name stays taken).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('\'recover\' brings back a soft-deleted vault of the same name.')
@allowed([
  'default'
  'recover'
])
param createMode string = 'default'

@description('Disabled: reachable only through private endpoints (network mode private/managed).')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Disabled'

@description('Deny: only private endpoints and trusted Azure services (bypass AzureServices) get in.')
@allowed([
  'Allow'
  'Deny'
])
param networkAclsDefaultAction string = 'Deny'

@description('Azure region of the resources; defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: skuName
    }
    createMode: createMode
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: networkAclsDefaultAction
      ipRules: []
      virtualNetworkRules: []
    }
  }
}

output keyVaultId string = vault.id

output vaultUri string = vault.properties.vaultUri
