using './virtualnetwork.bicep'

param virtualNetworkName = 'vnet-mlp-shared-int'
param addressPrefixes = [
  '10.20.0.0/16'
]
param endpointsSubnetName = 'snet-endpoints'
param endpointsSubnetPrefix = '10.20.0.0/24'
param endpointsNsgName = 'nsg-mlp-endpoints-int'
param computeSubnetName = 'snet-compute'
param computeSubnetPrefix = '10.20.4.0/22'
param computeNsgName = 'nsg-mlp-compute-int'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
