using './keyvault.bicep'

param keyVaultName = 'kv-mlp-shared-dev'
param skuName = 'standard'
param softDeleteRetentionInDays = 7
param publicNetworkAccess = 'Enabled'
param networkAclsDefaultAction = 'Allow'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
