using './storageaccount.bicep'

param storageAccountName = 'stmlpdataint'
param skuName = 'Standard_LRS'
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
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
