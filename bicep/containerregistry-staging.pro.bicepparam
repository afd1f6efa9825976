using './containerregistry.bicep'

param registryName = 'crmlpstagingpro'
param skuName = 'Standard'
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
