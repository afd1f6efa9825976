using './privateendpoint.bicep'

param endpointName = 'pe-sql-mlp-nlp-pro-sqlserver'
param targetResourceId = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-mlp-nlp-pro/providers/Microsoft.Sql/servers/sql-mlp-nlp-pro'
param groupId = 'sqlServer'
param zones = [
  'sql'
]
param subnetId = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-network-spoke-pro/providers/Microsoft.Network/virtualNetworks/vnet-spoke-mlp-pro/subnets/snet-ml-endpoints'
param privateDnsZoneIds = {
  sql: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-dns-hub/providers/Microsoft.Network/privateDnsZones/privatelink.database.windows.net'
}
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
