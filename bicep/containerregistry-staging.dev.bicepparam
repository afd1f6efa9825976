using './containerregistry.bicep'

param registryName = 'crmlpstagingdev'
param skuName = 'Standard'
param publicNetworkAccess = 'Enabled'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
