metadata description = 'User-assigned managed identity shared by all compute clusters.'

@description('User-assigned identity name.')
@minLength(3)
@maxLength(128)
param identityName string

@description('Azure region of the resources; defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

resource userAssignedIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: identityName
  location: location
  tags: tags
  properties: {}
}

output identityId string = userAssignedIdentity.id

output principalId string = userAssignedIdentity.properties.principalId

output clientId string = userAssignedIdentity.properties.clientId
