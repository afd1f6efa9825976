using './resourcegroups.bicep'

param resourceGroupNames = [
  'rg-mlp-shared-pro'
  'rg-mlp-vision-pro'
  'rg-mlp-nlp-pro'
]
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
