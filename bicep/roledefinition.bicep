targetScope = 'subscription'
metadata description = 'Custom \'model developer\' role (subscription scope); its id is guid(roleName, subscription) so the name stays unique and stable.'

@description('Role name, unique in the tenant.')
@minLength(1)
@maxLength(128)
param roleName string

@description('What the role is for.')
param roleDescription string = ''

@description('Allowed control-plane operations.')
param actions array

@description('Operations subtracted from actions.')
param notActions array = []

@description('Allowed data-plane operations.')
param dataActions array = []

@description('Data operations subtracted from dataActions.')
param notDataActions array = []

@description('Scopes (subscription or resource group ids) where the role can be assigned.')
@minLength(1)
param assignableScopes array

var roleDefinitionName = guid(roleName, subscription().id)

resource roleDefinition 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: roleDefinitionName
  properties: {
    roleName: roleName
    description: roleDescription
    type: 'CustomRole'
    permissions: [
      {
        actions: actions
        notActions: notActions
        dataActions: dataActions
        notDataActions: notDataActions
      }
    ]
    assignableScopes: assignableScopes
  }
}

output roleDefinitionId string = roleDefinition.id
