using './batchendpoint.bicep'

param workspaceName = 'mlw-mlp-vision-pro'
param endpoints = [
  {
    name: 'scoring-mlp-vision-pro'
    description: 'Batch scoring for vision'
  }
]
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
