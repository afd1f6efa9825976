metadata description = 'A private endpoint to one sub-resource (groupId) of a resource, with a DNS zone group on the zones its names live in. Generic: any target id, groupId and zones.'

@description('Private endpoint name.')
@minLength(2)
@maxLength(64)
param endpointName string

@description('Resource id of the private-link resource (storage account, vault, registry, workspace, SQL server...).')
param targetResourceId string

@description('The sub-resource: blob, file, dfs, vault, registry, amlworkspace, sqlServer...')
param groupId string

@description('Zone keys (blob, file, dfs, vault, registry, azureml, notebooks, sql, monitor, oms, ods, agentsvc) of the zone group, at most 5 (a workspace needs two, the Azure Monitor scope five); none: no zone group (Azure Policy writes the records).')
@maxLength(5)
param zones array = []

@description('Resource id of the subnet the endpoint takes its addresses from.')
param subnetId string

@description('Zone key -> resource id of an existing zone (e.g. central hub zones in another subscription); other keys use the zones armgen creates in dnsZoneResourceGroup.')
param privateDnsZoneIds object = {}

@description('Resource group of the zones armgen creates.')
param dnsZoneResourceGroup string = resourceGroup().name

@description('Azure region of the resources; defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

var zoneNames = {
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  file: 'privatelink.file.${environment().suffixes.storage}'
  dfs: 'privatelink.dfs.${environment().suffixes.storage}'
  vault: 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
  registry: 'privatelink${environment().suffixes.acrLoginServer}'
  azureml: 'privatelink.api.azureml.ms'
  notebooks: 'privatelink.notebooks.azure.net'
  sql: 'privatelink${environment().suffixes.sqlServerHostname}'
  monitor: 'privatelink.monitor.azure.com'
  oms: 'privatelink.oms.opinsights.azure.com'
  ods: 'privatelink.ods.opinsights.azure.com'
  agentsvc: 'privatelink.agentsvc.azure-automation.net'
}

var createdZoneIds = {
  blob: privateDnsZone.id
  file: privateDnsZoneResource.id
  dfs: privateDnsZone2.id
  vault: privateDnsZone3.id
  registry: privateDnsZone4.id
  azureml: privateDnsZone5.id
  notebooks: privateDnsZone6.id
  sql: privateDnsZone7.id
  monitor: privateDnsZone8.id
  oms: privateDnsZone9.id
  ods: privateDnsZone10.id
  agentsvc: privateDnsZone11.id
}

var zoneIds = union(createdZoneIds, privateDnsZoneIds)

resource privateDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.blob
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateDnsZoneResource 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.file
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateDnsZone2 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.dfs
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateDnsZone3 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.vault
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateDnsZone4 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.registry
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateDnsZone5 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.azureml
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateDnsZone6 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.notebooks
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateDnsZone7 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.sql
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateDnsZone8 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.monitor
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateDnsZone9 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.oms
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateDnsZone10 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.ods
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateDnsZone11 'Microsoft.Network/privateDnsZones@2024-06-01' existing = {
  name: zoneNames.agentsvc
  scope: resourceGroup(dnsZoneResourceGroup)
}

resource privateEndpoint 'Microsoft.Network/privateEndpoints@2025-07-01' = {
  name: endpointName
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    customNetworkInterfaceName: '${endpointName}-nic'
    privateLinkServiceConnections: [
      {
        name: endpointName
        properties: {
          privateLinkServiceId: targetResourceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource privateDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-07-01' = if (!empty(zones)) {
  parent: privateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: take([
      {
        name: zones[min(0, length(zones) - 1)]
        properties: {
          privateDnsZoneId: zoneIds[zones[min(0, length(zones) - 1)]]
        }
      }
      {
        name: zones[min(1, length(zones) - 1)]
        properties: {
          privateDnsZoneId: zoneIds[zones[min(1, length(zones) - 1)]]
        }
      }
      {
        name: zones[min(2, length(zones) - 1)]
        properties: {
          privateDnsZoneId: zoneIds[zones[min(2, length(zones) - 1)]]
        }
      }
      {
        name: zones[min(3, length(zones) - 1)]
        properties: {
          privateDnsZoneId: zoneIds[zones[min(3, length(zones) - 1)]]
        }
      }
      {
        name: zones[min(4, length(zones) - 1)]
        properties: {
          privateDnsZoneId: zoneIds[zones[min(4, length(zones) - 1)]]
        }
      }
    ], length(zones))
  }
}
