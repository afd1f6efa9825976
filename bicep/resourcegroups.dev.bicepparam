using './resourcegroups.bicep'

param resourceGroupNames = [
  'rg-mlp-shared-dev'
  'rg-mlp-vision-dev'
  'rg-mlp-nlp-dev'
]
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
