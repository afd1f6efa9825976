using './datastore.bicep'

param workspaceName = 'mlw-mlp-vision-int'
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
  {
    name: 'init_networks'
    description: 'Initialization networks for vision models'
    tags: {}
    accountName: 'stmlpdataint'
    containerName: 'init-networks'
    endpoint: null
    subscriptionId: '00000000-0000-0000-0000-000000000001'
    resourceGroup: 'rg-mlp-shared-int'
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
  }
  {
    name: 'sentinel2_l2a'
    description: 'Sentinel-2 Level-2A imagery from the Microsoft Planetary Computer (sign reads with its token service)'
    tags: {
      source: 'Microsoft Planetary Computer'
      stacCollection: 'sentinel-2-l2a'
    }
    accountName: 'sentinel2l2a01'
    containerName: 'sentinel2-l2'
    endpoint: null
    subscriptionId: null
    resourceGroup: null
    serviceDataAccessAuthIdentity: 'None'
  }
]
