using './loganalytics.bicep'

param workspaceName = 'log-mlp-shared-pro'
param skuName = 'PerGB2018'
param retentionInDays = 90
param publicNetworkAccessForIngestion = 'Disabled'
param publicNetworkAccessForQuery = 'Disabled'
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
