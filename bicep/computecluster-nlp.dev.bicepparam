using './computecluster.bicep'

param workspaceName = 'mlw-mlp-nlp-dev'
param computeName = 'cpu-cluster'
param vmSize = 'Standard_DS3_v2'
param vmPriority = 'Dedicated'
param minNodeCount = 0
param maxNodeCount = 4
param idleSecondsBeforeScaleDown = 120
param identityName = 'id-mlp-compute-dev'
param identityResourceGroup = 'rg-mlp-shared-dev'
param subnetId = ''
param enableNodePublicIp = true
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
