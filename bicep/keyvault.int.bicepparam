using './keyvault.bicep'

param keyVaultName = 'kv-mlp-shared-int'
param skuName = 'standard'
param softDeleteRetentionInDays = 7
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
