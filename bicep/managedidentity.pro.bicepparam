using './managedidentity.bicep'

param identityName = 'id-mlp-compute-pro'
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
