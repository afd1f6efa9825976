using './keyvault.bicep'

param keyVaultName = 'kv-mlp-shared-pro'
param skuName = 'standard'
param softDeleteRetentionInDays = 90
param publicNetworkAccess = 'Disabled'
param networkAclsDefaultAction = 'Deny'
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
