using './datastore.bicep'

param workspaceName = 'mlw-mlp-vision-dev'
param storageResourceGroup = 'rg-mlp-shared-dev'
param datastores = [
  {
    name: 'datasets'
    accountName: 'stmlpdatadev'
    containerName: 'datasets'
    description: 'Shared datasets'
  }
  {
    name: 'results'
    accountName: 'stmlpdatadev'
    containerName: 'results'
    description: 'Experiment results and metrics'
  }
  {
    name: 'init_networks'
    accountName: 'stmlpdatadev'
    containerName: 'init-networks'
    description: 'Initialization networks for vision models'
  }
]
