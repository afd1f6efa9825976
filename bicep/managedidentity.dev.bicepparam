using './managedidentity.bicep'

param identityName = 'id-mlp-compute-dev'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
