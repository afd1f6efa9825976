using './containerregistry.bicep'

param registryName = 'crmlphealthyint'
param skuName = 'Standard'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
