using './storageaccount.bicep'

param storageAccountName = 'stmlpwspro'
param skuName = 'Standard_ZRS'
param containerNames = [
  'vision'
  'nlp'
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
