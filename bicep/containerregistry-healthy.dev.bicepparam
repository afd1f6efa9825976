using './containerregistry.bicep'

param registryName = 'crmlphealthydev'
param skuName = 'Standard'
param publicNetworkAccess = 'Enabled'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
