using './containerregistry.bicep'

param registryName = 'crmlpstagingint'
param skuName = 'Premium'
param publicNetworkAccess = 'Disabled'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
