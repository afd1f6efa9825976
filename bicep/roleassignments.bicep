metadata description = 'Role assignments in one resource group: the custom role for the spec\'s principals, and the shared identity\'s grants. Names are guid(scope, principalId, roleDefinitionId), so a re-deploy never collides.'

@description('The shared user-assigned identity that receives identityGrants (\'\' for none).')
param identityName string = ''

@description('Resource group of the identity.')
param identityResourceGroup string = resourceGroup().name

@description('Grants as objects {roleDefinitionId: built-in role guid, scope: \'Provider/type/name\' in this group}.')
param identityGrants array = []

@description('Role name of the custom role definition (its id is guid(roleName, subscription)).')
param customRoleName string = ''

@description('An ML workspace in this group whose system identity receives workspaceGrants.')
param workspaceName string = ''

@description('Resource group that holds the scopes of workspaceGrants (the shared group).')
param workspaceGrantsResourceGroup string = resourceGroup().name

@description('Grants as objects {roleDefinitionId, scope: \'Provider/type/name\' in workspaceGrantsResourceGroup}.')
param workspaceGrants array = []

@description('Principals as objects {principalId, principalType} that receive the custom role on this resource group.')
param principalGrants array = []

@description('A management lock on this resource group (the spec\'s lifecycle.locks); ReadOnly also blocks deploys.')
@allowed([
  'none'
  'CanNotDelete'
  'ReadOnly'
])
param lockLevel string = 'none'

var customRoleId = roleDefinition.id

resource roleDefinition 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {
  name: guid(customRoleName, subscription().id)
  scope: subscription()
}

resource userAssignedIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
  scope: resourceGroup(identityResourceGroup)
}

resource workspace 'Microsoft.MachineLearningServices/workspaces@2025-12-01' existing = {
  name: workspaceName
}

resource lock 'Microsoft.Authorization/locks@2020-05-01' = if (!(lockLevel == 'none')) {
  name: 'armgen-lock'
  properties: {
    level: lockLevel
    notes: 'armgen: lifecycle.locks of this environment; armgen destroy --remove-locks removes it'
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for principalGrant in principalGrants: {
  name: guid(resourceGroup().id, principalGrant.principalId, customRoleId)
  properties: {
    roleDefinitionId: customRoleId
    principalId: principalGrant.principalId
    principalType: principalGrant.principalType
    description: '${customRoleName} on ${resourceGroup().name}'
  }
}]

module identityDeployment 'modules/roleassignments-grants.json' = if (!empty(identityGrants)) {
  name: take('${deployment().name}-identity', 64)
  params: {
    principalId: userAssignedIdentity.properties.principalId
    grants: identityGrants
  }
}

module workspaceDeployment 'modules/roleassignments-grants.json' = if (!empty(workspaceGrants)) {
  name: take('${deployment().name}-workspace', 64)
  scope: resourceGroup(workspaceGrantsResourceGroup)
  params: {
    principalId: workspace.identity.principalId
    grants: workspaceGrants
  }
}
