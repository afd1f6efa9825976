using './resourcegroups.bicep'

param resourceGroupNames = [
  'rg-mlp-shared-int'
  'rg-mlp-vision-int'
  'rg-mlp-nlp-int'
]
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
