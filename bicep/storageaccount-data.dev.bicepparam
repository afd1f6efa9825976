using './storageaccount.bicep'

param storageAccountName = 'stmlpdatadev'
param skuName = 'Standard_LRS'
param containerNames = [
  'datasets'
  'results'
  'metrics'
  'init-networks'
]
param isHnsEnabled = false
param publicNetworkAccess = 'Enabled'
param networkAclsDefaultAction = 'Allow'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
