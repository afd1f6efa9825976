using './storageaccount.bicep'

param storageAccountName = 'stmlpwsdev'
param skuName = 'Standard_LRS'
param containerNames = [
  'vision'
  'nlp'
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
