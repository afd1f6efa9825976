using './privateendpoint.bicep'

param endpointName = 'pe-mlw-mlp-nlp-pro-amlworkspace'
param targetResourceId = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-mlp-nlp-pro/providers/Microsoft.MachineLearningServices/workspaces/mlw-mlp-nlp-pro'
param groupId = 'amlworkspace'
param zones = [
  'azureml'
  'notebooks'
]
param subnetId = '/subscriptions/00000000-0000-0000-0000-000000000002/resourceGroups/rg-network-spoke-pro/providers/Microsoft.Network/virtualNetworks/vnet-spoke-mlp-pro/subnets/snet-ml-endpoints'
param privateDnsZoneIds = {
  azureml: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-dns-hub/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms'
  notebooks: '/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-dns-hub/providers/Microsoft.Network/privateDnsZones/privatelink.notebooks.azure.net'
}
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
