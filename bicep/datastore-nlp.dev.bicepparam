using './datastore.bicep'

param workspaceName = 'mlw-mlp-nlp-dev'
param blobDatastores = [
  {
    name: 'datasets'
    description: 'Shared datasets'
    tags: {}
    accountName: 'stmlpdatadev'
    containerName: 'datasets'
    endpoint: null
    subscriptionId: '00000000-0000-0000-0000-000000000001'
    resourceGroup: 'rg-mlp-shared-dev'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
  }
  {
    name: 'results'
    description: 'Experiment results and metrics'
    tags: {}
    accountName: 'stmlpdatadev'
    containerName: 'results'
    endpoint: null
    subscriptionId: '00000000-0000-0000-0000-000000000001'
    resourceGroup: 'rg-mlp-shared-dev'
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
    accountName: 'stmlpdatadev'
    filesystem: 'curated'
    endpoint: null
    subscriptionId: '00000000-0000-0000-0000-000000000001'
    resourceGroup: 'rg-mlp-shared-dev'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
  }
]
