using './datastore.bicep'

param workspaceName = 'mlw-mlp-nlp-pro'
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
]
