using './mlworkspace.bicep'

param workspaceName = 'mlw-mlp-nlp-pro'
param workspaceDescription = 'Natural language work package'
param skuName = 'Basic'
param hbiWorkspace = false
param sharedResourceGroup = 'rg-mlp-shared-pro'
param storageAccountName = 'stmlpwspro'
param keyVaultName = 'kv-mlp-shared-pro'
param appInsightsName = 'appi-mlp-shared-pro'
param containerRegistryName = 'crmlphealthypro'
param publicNetworkAccess = 'Disabled'
param imageBuildCompute = 'cpu-cluster'
param managedNetwork = {
  isolationMode: 'Disabled'
}
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
