using './batchendpoint.bicep'

param workspaceName = 'mlw-mlp-vision-int'
param endpoints = [
  {
    name: 'scoring-mlp-vision-int'
    description: 'Batch scoring for vision'
  }
]
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
