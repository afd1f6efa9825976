using './batchendpoint.bicep'

param workspaceName = 'mlw-mlp-vision-dev'
param endpoints = [
  {
    name: 'scoring-mlp-vision-dev'
    description: 'Batch scoring for vision'
  }
]
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
