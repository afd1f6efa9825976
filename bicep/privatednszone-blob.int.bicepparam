using './privatednszone.bicep'

param zoneKey = 'blob'
param virtualNetworkId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mlp-shared-int/providers/Microsoft.Network/virtualNetworks/vnet-mlp-shared-int'
param linkName = 'vnet-mlp-shared-int'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
