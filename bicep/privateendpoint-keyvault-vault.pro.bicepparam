using './privateendpoint.bicep'

param endpointName = 'pe-kv-mlp-shared-pro-vault'
param targetResourceId = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-mlp-shared-pro/providers/Microsoft.KeyVault/vaults/kv-mlp-shared-pro'
param groupId = 'vault'
param zones = [
  'vault'
]
param subnetId = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-network-spoke-pro/providers/Microsoft.Network/virtualNetworks/vnet-spoke-mlp-pro/subnets/snet-ml-endpoints'
param privateDnsZoneIds = {
  vault: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-dns-hub/providers/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net'
}
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
