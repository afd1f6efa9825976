using './computecluster.bicep'

param workspaceName = 'mlw-mlp-nlp-pro'
param computeName = 'cpu-cluster'
param vmSize = 'Standard_DS3_v2'
param vmPriority = 'Dedicated'
param minNodeCount = 0
param maxNodeCount = 4
param idleSecondsBeforeScaleDown = 120
param identityName = 'id-mlp-compute-pro'
param identityResourceGroup = 'rg-mlp-shared-pro'
param subnetId = ''
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
