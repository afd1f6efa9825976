using './storageaccount.bicep'

param storageAccountName = 'stmlpdatadev'
param skuName = 'Standard_LRS'
param containerNames = [
  'datasets'
  'results'
  'metrics'
  'init-networks'
  'curated'
]
param isHnsEnabled = true
param publicNetworkAccess = 'Enabled'
param networkAclsDefaultAction = 'Allow'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
