using './storageaccount.bicep'

param storageAccountName = 'stmlpdatapro'
param skuName = 'Standard_GRS'
param containerNames = [
  'datasets'
  'results'
  'metrics'
  'init-networks'
  'curated'
]
param isHnsEnabled = true
param publicNetworkAccess = 'Disabled'
param networkAclsDefaultAction = 'Deny'
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
