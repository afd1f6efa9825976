metadata description = 'Virtual network of one environment: a subnet for private endpoints and (private mode) one for compute clusters, a network security group on each.'

@description('Virtual network name.')
@minLength(2)
@maxLength(64)
param virtualNetworkName string

@description('Address space (CIDR prefixes).')
@minLength(1)
param addressPrefixes array

@description('Subnet of the private endpoints.')
param endpointsSubnetName string

@description('Its address prefix.')
param endpointsSubnetPrefix string

@description('Its network security group.')
param endpointsNsgName string

@description('Subnet of the compute clusters; \'\' for none (managed network).')
param computeSubnetName string = ''

@description('Its address prefix.')
param computeSubnetPrefix string = ''

@description('Its network security group (created only with a compute subnet).')
param computeNsgName string = 'nsg-compute'

@description('Azure region of the resources; defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

resource networkSecurityGroup 'Microsoft.Network/networkSecurityGroups@2025-07-01' = {
  name: endpointsNsgName
  location: location
  tags: tags
  properties: {
    securityRules: []
  }
}

resource networkSecurityGroupResource 'Microsoft.Network/networkSecurityGroups@2025-07-01' = if (!empty(computeSubnetName)) {
  name: computeNsgName
  location: location
  tags: tags
  properties: {
    securityRules: []
  }
}

resource virtualNetwork 'Microsoft.Network/virtualNetworks@2025-07-01' = {
  name: virtualNetworkName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: addressPrefixes
    }
    subnets: empty(computeSubnetName) ? [
      {
        name: endpointsSubnetName
        properties: {
          addressPrefix: endpointsSubnetPrefix
          networkSecurityGroup: {
            id: networkSecurityGroup.id
          }
          privateEndpointNetworkPolicies: 'Enabled'
          privateLinkServiceNetworkPolicies: 'Enabled'
        }
      }
    ] : [
      {
        name: endpointsSubnetName
        properties: {
          addressPrefix: endpointsSubnetPrefix
          networkSecurityGroup: {
            id: networkSecurityGroup.id
          }
          privateEndpointNetworkPolicies: 'Enabled'
          privateLinkServiceNetworkPolicies: 'Enabled'
        }
      }
      {
        name: computeSubnetName
        properties: {
          addressPrefix: computeSubnetPrefix
          networkSecurityGroup: {
            id: networkSecurityGroupResource.id
          }
          privateEndpointNetworkPolicies: 'Enabled'
          privateLinkServiceNetworkPolicies: 'Enabled'
        }
      }
    ]
  }
}

output virtualNetworkId string = virtualNetwork.id
