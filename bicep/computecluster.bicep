metadata description = 'Autoscaling AmlCompute cluster running as the shared user-assigned identity; no SSH, no local auth.'

@description('The ML workspace (same resource group).')
@minLength(3)
@maxLength(33)
param workspaceName string

@description('Cluster name within the workspace.')
@minLength(3)
@maxLength(32)
param computeName string

@description('VM size of the nodes (cannot change in place).')
param vmSize string

@description('Dedicated or low-priority nodes.')
@allowed([
  'Dedicated'
  'LowPriority'
])
param vmPriority string = 'Dedicated'

@description('Nodes kept running when idle.')
@minValue(0)
@maxValue(1000)
param minNodeCount int = 0

@description('Upper bound of autoscaling.')
@minValue(0)
@maxValue(1000)
param maxNodeCount int

@description('Idle time before a node is released.')
@minValue(0)
@maxValue(86400)
param idleSecondsBeforeScaleDown int = 120

@description('The shared user-assigned identity (cannot change in place).')
param identityName string

@description('Resource group of the identity.')
param identityResourceGroup string

@description('Subnet resource id; \'\' for none (public, or Azure ML\'s managed network).')
param subnetId string = ''

@description('Public IPs on the nodes: only without a subnet or managed network (network mode public).')
param enableNodePublicIp bool = false

@description('Azure region of the resources; defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

var identityId = userAssignedIdentity.id

resource userAssignedIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
  scope: resourceGroup(identityResourceGroup)
}

resource workspace 'Microsoft.MachineLearningServices/workspaces@2025-12-01' existing = {
  name: workspaceName
}

resource compute 'Microsoft.MachineLearningServices/workspaces/computes@2025-12-01' = {
  parent: workspace
  name: computeName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    computeType: 'AmlCompute'
    computeLocation: location
    description: 'Autoscaling ${vmSize} cluster'
    disableLocalAuth: true
    properties: {
      vmSize: vmSize
      vmPriority: vmPriority
      osType: 'Linux'
      remoteLoginPortPublicAccess: 'Disabled'
      enableNodePublicIp: enableNodePublicIp
      subnet: empty(subnetId) ? null : {
        id: subnetId
      }
      scaleSettings: {
        minNodeCount: minNodeCount
        maxNodeCount: maxNodeCount
        nodeIdleTimeBeforeScaleDown: 'PT${idleSecondsBeforeScaleDown}S'
      }
    }
  }
}

output computeId string = compute.id
