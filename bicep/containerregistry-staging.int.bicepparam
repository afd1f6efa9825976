using './containerregistry.bicep'

param registryName = 'crmlpstagingint'
param skuName = 'Standard'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
