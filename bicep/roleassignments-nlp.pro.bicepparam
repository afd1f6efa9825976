using './roleassignments.bicep'

param identityName = 'id-mlp-compute-pro'
param identityResourceGroup = 'rg-mlp-shared-pro'
param identityGrants = [
  {
    roleDefinitionId: '64702f94-c441-49e6-a78b-ef80e0188fee'
    scope: 'Microsoft.MachineLearningServices/workspaces/mlw-mlp-nlp-pro'
  }
]
param workspaceName = 'mlw-mlp-nlp-pro'
param workspaceGrantsResourceGroup = 'rg-mlp-shared-pro'
param workspaceGrants = [
  {
    roleDefinitionId: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
    scope: 'Microsoft.Storage/storageAccounts/stmlpwspro'
  }
  {
    roleDefinitionId: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
    scope: 'Microsoft.Storage/storageAccounts/stmlpdatapro'
  }
]
param customRoleName = 'mlp model developer (pro)'
param principalGrants = [
  {
    principalId: '11111111-2222-3333-4444-555555555555'
    principalType: 'Group'
  }
]
param lockLevel = 'CanNotDelete'
