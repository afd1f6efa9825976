using './mlworkspace.bicep'

param workspaceName = 'mlw-mlp-vision-int'
param workspaceDescription = 'Computer vision work package'
param skuName = 'Basic'
param hbiWorkspace = false
param sharedResourceGroup = 'rg-mlp-shared-int'
param storageAccountName = 'stmlpwsint'
param keyVaultName = 'kv-mlp-shared-int'
param appInsightsName = 'appi-mlp-shared-int'
param containerRegistryName = 'crmlphealthyint'
param publicNetworkAccess = 'Disabled'
param imageBuildCompute = 'gpu-cluster'
param managedNetwork = {
  isolationMode: 'Disabled'
}
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
