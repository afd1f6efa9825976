using './privateendpoint.bicep'

param endpointName = 'pe-crmlpstagingint-registry'
param targetResourceId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mlp-shared-int/providers/Microsoft.ContainerRegistry/registries/crmlpstagingint'
param groupId = 'registry'
param zones = [
  'registry'
]
param subnetId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mlp-shared-int/providers/Microsoft.Network/virtualNetworks/vnet-mlp-shared-int/subnets/snet-endpoints'
param dnsZoneResourceGroup = 'rg-mlp-shared-int'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
