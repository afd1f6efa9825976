using './storageaccount.bicep'

param storageAccountName = 'stmlpwsint'
param skuName = 'Standard_LRS'
param containerNames = [
  'vision'
  'nlp'
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
