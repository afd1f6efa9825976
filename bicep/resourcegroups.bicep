targetScope = 'subscription'
metadata description = 'The environment\'s resource groups (subscription scope): shared infrastructure and one per work package.'

@description('Resource groups to create, shared first.')
@minLength(1)
param resourceGroupNames array

@description('Region of the resource groups\' metadata.')
param location string = deployment().location

@description('Tags applied to every resource group.')
param tags object = {}

resource groups 'Microsoft.Resources/resourceGroups@2025-04-01' = [for resourceGroupName in resourceGroupNames: {
  name: resourceGroupName
  location: location
  tags: tags
  properties: {}
}]

output resourceGroupIds array = [for i in range(0, length(resourceGroupNames)): groups[i].id]
