using './roleassignments.bicep'

param identityName = 'id-mlp-compute-pro'
param identityResourceGroup = 'rg-mlp-shared-pro'
param identityGrants = [
  {
    roleDefinitionId: '4633458b-17de-408a-b874-0445c86b69e6'
    scope: 'Microsoft.KeyVault/vaults/kv-mlp-shared-pro'
  }
  {
    roleDefinitionId: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
    scope: 'Microsoft.ContainerRegistry/registries/crmlphealthypro'
  }
  {
    roleDefinitionId: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
    scope: 'Microsoft.Storage/storageAccounts/stmlpwspro'
  }
  {
    roleDefinitionId: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
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
