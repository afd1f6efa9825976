using './datastore.bicep'

param workspaceName = 'mlw-mlp-nlp-pro'
param blobDatastores = [
  {
    name: 'datasets'
    description: 'Shared datasets'
    tags: {}
    accountName: 'stmlpdatapro'
    containerName: 'datasets'
    endpoint: null
    subscriptionId: '00000000-0000-0000-0000-000000000002'
    resourceGroup: 'rg-mlp-shared-pro'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
  }
  {
    name: 'results'
    description: 'Experiment results and metrics'
    tags: {}
    accountName: 'stmlpdatapro'
    containerName: 'results'
    endpoint: null
    subscriptionId: '00000000-0000-0000-0000-000000000002'
    resourceGroup: 'rg-mlp-shared-pro'
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
    accountName: 'stmlpdatapro'
    filesystem: 'curated'
    endpoint: null
    subscriptionId: '00000000-0000-0000-0000-000000000002'
    resourceGroup: 'rg-mlp-shared-pro'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
  }
]
