using './datastore.bicep'

param workspaceName = 'mlw-mlp-nlp-int'
param blobDatastores = [
  {
    name: 'datasets'
    description: 'Shared datasets'
    tags: {}
    accountName: 'stmlpdataint'
    containerName: 'datasets'
    endpoint: null
    subscriptionId: '00000000-0000-0000-0000-000000000001'
    resourceGroup: 'rg-mlp-shared-int'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
  }
  {
    name: 'results'
    description: 'Experiment results and metrics'
    tags: {}
    accountName: 'stmlpdataint'
    containerName: 'results'
    endpoint: null
    subscriptionId: '00000000-0000-0000-0000-000000000001'
    resourceGroup: 'rg-mlp-shared-int'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
  }
]
param dataLakeDatastores = [
  {
    name: 'curated_lake'
    description: 'Curated corpora in the data lake (Data Lake Gen2)'
    tags: {
      default: 'true'
    }
    accountName: 'stmlpdataint'
    filesystem: 'curated'
    endpoint: null
    subscriptionId: '00000000-0000-0000-0000-000000000001'
    resourceGroup: 'rg-mlp-shared-int'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
  }
]
