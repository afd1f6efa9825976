using './storageaccount.bicep'

param storageAccountName = 'stmlpdatapro'
param skuName = 'Standard_GRS'
param containerNames = [
  'datasets'
  'results'
  'metrics'
  'init-networks'
]
param isHnsEnabled = false
param publicNetworkAccess = 'Disabled'
param networkAclsDefaultAction = 'Deny'
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
