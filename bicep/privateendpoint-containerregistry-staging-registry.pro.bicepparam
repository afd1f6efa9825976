using './privateendpoint.bicep'

param endpointName = 'pe-crmlpstagingpro-registry'
param targetResourceId = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-mlp-shared-pro/providers/Microsoft.ContainerRegistry/registries/crmlpstagingpro'
param groupId = 'registry'
param zones = [
  'registry'
]
param subnetId = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-network-spoke-pro/providers/Microsoft.Network/virtualNetworks/vnet-spoke-mlp-pro/subnets/snet-ml-endpoints'
param privateDnsZoneIds = {
  registry: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-dns-hub/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io'
}
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
