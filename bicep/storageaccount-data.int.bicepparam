using './storageaccount.bicep'

param storageAccountName = 'stmlpdataint'
param skuName = 'Standard_LRS'
param containerNames = [
  'datasets'
  'results'
  'metrics'
  'init-networks'
]
param isHnsEnabled = false
param publicNetworkAccess = 'Disabled'
param networkAclsDefaultAction = 'Deny'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
