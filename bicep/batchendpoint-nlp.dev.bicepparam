using './batchendpoint.bicep'

param workspaceName = 'mlw-mlp-nlp-dev'
param endpoints = [
  {
    name: 'scoring-mlp-nlp-dev'
    description: 'Batch scoring for nlp'
  }
]
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
