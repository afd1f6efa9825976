using './privateendpoint.bicep'

param endpointName = 'pe-stmlpwspro-blob'
param targetResourceId = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-mlp-shared-pro/providers/Microsoft.Storage/storageAccounts/stmlpwspro'
param groupId = 'blob'
param zones = [
  'blob'
]
param subnetId = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-network-spoke-pro/providers/Microsoft.Network/virtualNetworks/vnet-spoke-mlp-pro/subnets/snet-ml-endpoints'
param privateDnsZoneIds = {
  blob: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-dns-hub/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net'
}
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
