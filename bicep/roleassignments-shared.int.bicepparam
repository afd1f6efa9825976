using './roleassignments.bicep'

param identityName = 'id-mlp-compute-int'
param identityResourceGroup = 'rg-mlp-shared-int'
param identityGrants = [
  {
    roleDefinitionId: '4633458b-17de-408a-b874-0445c86b69e6'
    scope: 'Microsoft.KeyVault/vaults/kv-mlp-shared-int'
  }
  {
    roleDefinitionId: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
    scope: 'Microsoft.ContainerRegistry/registries/crmlphealthyint'
  }
  {
    roleDefinitionId: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
    scope: 'Microsoft.Storage/storageAccounts/stmlpwsint'
  }
  {
    roleDefinitionId: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
    scope: 'Microsoft.Storage/storageAccounts/stmlpdataint'
  }
]
param customRoleName = 'mlp model developer (int)'
param principalGrants = [
  {
    principalId: '11111111-2222-3333-4444-555555555555'
    principalType: 'Group'
  }
]
