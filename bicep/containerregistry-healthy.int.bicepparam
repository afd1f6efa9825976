using './containerregistry.bicep'

param registryName = 'crmlphealthyint'
param skuName = 'Premium'
param publicNetworkAccess = 'Disabled'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
