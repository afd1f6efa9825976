using './keyvault.bicep'

param keyVaultName = 'kv-mlp-shared-int'
param skuName = 'standard'
param softDeleteRetentionInDays = 7
param publicNetworkAccess = 'Disabled'
param networkAclsDefaultAction = 'Deny'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
