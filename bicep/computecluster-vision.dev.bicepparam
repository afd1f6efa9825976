using './computecluster.bicep'

param workspaceName = 'mlw-mlp-vision-dev'
param computeName = 'gpu-cluster'
param vmSize = 'Standard_NC6s_v3'
param vmPriority = 'Dedicated'
param minNodeCount = 0
param maxNodeCount = 2
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
