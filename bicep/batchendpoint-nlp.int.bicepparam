using './batchendpoint.bicep'

param workspaceName = 'mlw-mlp-nlp-int'
param endpoints = [
  {
    name: 'scoring-mlp-nlp-int'
    description: 'Batch scoring for nlp'
  }
]
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
