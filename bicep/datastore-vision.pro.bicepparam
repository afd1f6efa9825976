using './datastore.bicep'

param workspaceName = 'mlw-mlp-vision-pro'
param storageResourceGroup = 'rg-mlp-shared-pro'
param datastores = [
  {
    name: 'datasets'
    accountName: 'stmlpdatapro'
    containerName: 'datasets'
    description: 'Shared datasets'
  }
  {
    name: 'results'
    accountName: 'stmlpdatapro'
    containerName: 'results'
    description: 'Experiment results and metrics'
  }
  {
    name: 'init_networks'
    accountName: 'stmlpdatapro'
    containerName: 'init-networks'
    description: 'Initialization networks for vision models'
  }
]
