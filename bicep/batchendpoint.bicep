metadata description = 'Batch inference endpoints of one ML workspace (Microsoft Entra token auth).'

@description('The ML workspace (same resource group).')
@minLength(3)
@maxLength(33)
param workspaceName string

@description('Endpoints as objects {name (unique in the region), description}.')
param endpoints array

@description('Azure region of the resources; defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

resource workspace 'Microsoft.MachineLearningServices/workspaces@2025-12-01' existing = {
  name: workspaceName
}

resource batchEndpoints 'Microsoft.MachineLearningServices/workspaces/batchEndpoints@2025-12-01' = [for endpoint in endpoints: {
  parent: workspace
  name: endpoint.name
  location: location
  tags: tags
  properties: {
    authMode: 'AADToken'
    description: endpoint.description
  }
}]
