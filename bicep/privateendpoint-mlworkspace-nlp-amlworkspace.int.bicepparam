using './privateendpoint.bicep'

param endpointName = 'pe-mlw-mlp-nlp-int-amlworkspace'
param targetResourceId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mlp-nlp-int/providers/Microsoft.MachineLearningServices/workspaces/mlw-mlp-nlp-int'
param groupId = 'amlworkspace'
param zones = [
  'azureml'
  'notebooks'
]
param subnetId = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mlp-shared-int/providers/Microsoft.Network/virtualNetworks/vnet-mlp-shared-int/subnets/snet-endpoints'
param dnsZoneResourceGroup = 'rg-mlp-shared-int'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
