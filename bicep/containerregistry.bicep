metadata description = 'Container registry with the admin user off; identities pull and push through AcrPull/AcrPush roles.'

@description('Globally unique registry name: letters and digits.')
@minLength(5)
@maxLength(50)
param registryName string

@description('Registry SKU; public access Disabled (private endpoints) needs Premium.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string = 'Premium'

@description('Disabled: reachable only through private endpoints (network mode private/managed).')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Disabled'

@description('Azure region of the resources; defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: registryName
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: publicNetworkAccess
    networkRuleBypassOptions: 'AzureServices'
  }
}

output registryId string = registry.id

output loginServer string = registry.properties.loginServer
