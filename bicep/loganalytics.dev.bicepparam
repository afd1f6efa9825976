using './loganalytics.bicep'

param workspaceName = 'log-mlp-shared-dev'
param skuName = 'PerGB2018'
param retentionInDays = 30
param publicNetworkAccessForIngestion = 'Enabled'
param publicNetworkAccessForQuery = 'Enabled'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
