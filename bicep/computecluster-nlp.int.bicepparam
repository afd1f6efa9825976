using './computecluster.bicep'

param workspaceName = 'mlw-mlp-nlp-int'
param computeName = 'cpu-cluster'
param vmSize = 'Standard_DS3_v2'
param vmPriority = 'Dedicated'
param minNodeCount = 0
param maxNodeCount = 4
param idleSecondsBeforeScaleDown = 120
param identityName = 'id-mlp-compute-int'
param identityResourceGroup = 'rg-mlp-shared-int'
param subnetId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mlp-shared-int/providers/Microsoft.Network/virtualNetworks/vnet-mlp-shared-int/subnets/snet-compute'
param enableNodePublicIp = false
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
