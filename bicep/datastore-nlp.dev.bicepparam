using './datastore.bicep'

param workspaceName = 'mlw-mlp-nlp-dev'
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
]
