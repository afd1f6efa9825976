using './managedidentity.bicep'

param identityName = 'id-mlp-compute-int'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
