using './containerregistry.bicep'

param registryName = 'crmlpstagingpro'
param skuName = 'Premium'
param publicNetworkAccess = 'Disabled'
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
