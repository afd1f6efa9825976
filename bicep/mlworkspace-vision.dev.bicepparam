using './mlworkspace.bicep'

param workspaceName = 'mlw-mlp-vision-dev'
param workspaceDescription = 'Computer vision work package'
param skuName = 'Basic'
param hbiWorkspace = false
param sharedResourceGroup = 'rg-mlp-shared-dev'
param storageAccountName = 'stmlpwsdev'
param keyVaultName = 'kv-mlp-shared-dev'
param appInsightsName = 'appi-mlp-shared-dev'
param containerRegistryName = 'crmlphealthydev'
param publicNetworkAccess = 'Enabled'
param imageBuildCompute = ''
param managedNetwork = {
  isolationMode: 'Disabled'
}
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
