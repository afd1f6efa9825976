using './roledefinition.bicep'

param roleName = 'mlp model developer (pro)'
param roleDescription = 'Operates ML workspaces; limited operations on the platform\'s storage accounts and registries.'
param actions = [
  'Microsoft.MachineLearningServices/workspaces/*/read'
  'Microsoft.MachineLearningServices/workspaces/*/action'
  'Microsoft.MachineLearningServices/workspaces/*/write'
  'Microsoft.MachineLearningServices/workspaces/*/delete'
  'Microsoft.MachineLearningServices/workspaces/read'
  'Microsoft.Storage/storageAccounts/read'
  'Microsoft.Storage/storageAccounts/blobServices/containers/read'
  'Microsoft.ContainerRegistry/registries/read'
  'Microsoft.ContainerRegistry/registries/pull/read'
  'Microsoft.Resources/subscriptions/resourceGroups/read'
  'Microsoft.Insights/components/read'
]
param notActions = [
  'Microsoft.MachineLearningServices/workspaces/delete'
  'Microsoft.MachineLearningServices/workspaces/write'
  'Microsoft.MachineLearningServices/workspaces/computes/write'
  'Microsoft.MachineLearningServices/workspaces/computes/delete'
  'Microsoft.MachineLearningServices/workspaces/computes/*/write'
  'Microsoft.MachineLearningServices/workspaces/computes/*/delete'
  'Microsoft.MachineLearningServices/workspaces/hubs/write'
  'Microsoft.MachineLearningServices/workspaces/hubs/delete'
  'Microsoft.MachineLearningServices/workspaces/featurestores/write'
  'Microsoft.MachineLearningServices/workspaces/featurestores/delete'
  'Microsoft.MachineLearningServices/workspaces/listKeys/action'
  'Microsoft.MachineLearningServices/workspaces/resynckeys/action'
  'Microsoft.MachineLearningServices/workspaces/listStorageAccountKeys/action'
  'Microsoft.MachineLearningServices/workspaces/listNotebookKeys/action'
  'Microsoft.MachineLearningServices/workspaces/listNotebookAccessToken/action'
  'Microsoft.MachineLearningServices/workspaces/*/listKeys/action'
  'Microsoft.MachineLearningServices/workspaces/*/listSecrets/action'
  'Microsoft.MachineLearningServices/workspaces/*/regenerateKeys/action'
  'Microsoft.Authorization/*'
]
param dataActions = [
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
  'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'
]
param notDataActions = []
param assignableScopes = [
  '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-mlp-shared-pro'
  '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-mlp-vision-pro'
  '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-mlp-nlp-pro'
]
