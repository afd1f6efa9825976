using './computecluster.bicep'

param workspaceName = 'mlw-mlp-vision-pro'
param computeName = 'gpu-cluster'
param vmSize = 'Standard_NC12s_v3'
param vmPriority = 'Dedicated'
param minNodeCount = 0
param maxNodeCount = 8
param idleSecondsBeforeScaleDown = 120
param identityName = 'id-mlp-compute-pro'
param identityResourceGroup = 'rg-mlp-shared-pro'
param subnetId = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-network-spoke-pro/providers/Microsoft.Network/virtualNetworks/vnet-spoke-mlp-pro/subnets/snet-ml-compute'
param enableNodePublicIp = false
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
