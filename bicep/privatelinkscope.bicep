metadata description = 'An Azure Monitor Private Link Scope (global) with its scoped resources: the Log Analytics workspace and Application Insights its private endpoint (groupId azuremonitor) reaches.'

@description('Azure Monitor Private Link Scope name.')
@minLength(1)
@maxLength(255)
param scopeName string

@description('PrivateOnly: networks connected to the scope send telemetry only to its scoped resources.')
@allowed([
  'Open'
  'PrivateOnly'
])
param ingestionAccessMode string = 'PrivateOnly'

@description('PrivateOnly: networks connected to the scope query only its scoped resources.')
@allowed([
  'Open'
  'PrivateOnly'
])
param queryAccessMode string = 'PrivateOnly'

@description('Scoped resources as objects {name (of the connection), id (Log Analytics workspace or Application Insights component)}.')
param scopedResources array

@description('Tags applied to every resource.')
param tags object = {}

resource privateLinkScope 'Microsoft.Insights/privateLinkScopes@2021-09-01' = {
  name: scopeName
  location: 'global'
  tags: tags
  properties: {
    accessModeSettings: {
      ingestionAccessMode: ingestionAccessMode
      queryAccessMode: queryAccessMode
      exclusions: []
    }
  }
}

resource privateLinkScopeScopedResources 'Microsoft.Insights/privateLinkScopes/scopedResources@2021-09-01' = [for scopedResource in scopedResources: {
  parent: privateLinkScope
  name: scopedResource.name
  properties: {
    linkedResourceId: scopedResource.id
  }
}]

output scopeId string = privateLinkScope.id
