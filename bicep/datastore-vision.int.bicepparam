using './datastore.bicep'

param workspaceName = 'mlw-mlp-vision-int'
param storageResourceGroup = 'rg-mlp-shared-int'
param datastores = [
  {
    name: 'datasets'
    accountName: 'stmlpdataint'
    containerName: 'datasets'
    description: 'Shared datasets'
  }
  {
    name: 'results'
    accountName: 'stmlpdataint'
    containerName: 'results'
    description: 'Experiment results and metrics'
  }
  {
    name: 'init_networks'
    accountName: 'stmlpdataint'
    containerName: 'init-networks'
    description: 'Initialization networks for vision models'
  }
]
