metadata description = 'A private DNS zone of a private-link sub-resource (its name from environment() where ARM offers it), linked to the environment\'s virtual network.'

@description('Which zone: blob, file, dfs, vault, registry, azureml, notebooks or sql.')
@allowed([
  'blob'
  'file'
  'dfs'
  'vault'
  'registry'
  'azureml'
  'notebooks'
  'sql'
  'monitor'
  'oms'
  'ods'
  'agentsvc'
])
param zoneKey string

@description('Resource id of the virtual network the zone resolves in.')
param virtualNetworkId string

@description('Name of the zone\'s link to the virtual network.')
@minLength(1)
@maxLength(80)
param linkName string

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

resource privateDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: zoneNames[zoneKey]
  location: 'global'
  tags: tags
  properties: {}
}

resource virtualNetworkLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: privateDnsZone
  name: linkName
  location: 'global'
  tags: tags
  properties: {
    virtualNetwork: {
      id: virtualNetworkId
    }
    registrationEnabled: false
  }
}
