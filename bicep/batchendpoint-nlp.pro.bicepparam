using './batchendpoint.bicep'

param workspaceName = 'mlw-mlp-nlp-pro'
param endpoints = [
  {
    name: 'scoring-mlp-nlp-pro'
    description: 'Batch scoring for nlp'
  }
]
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
