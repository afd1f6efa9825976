using './loganalytics.bicep'

param workspaceName = 'log-mlp-shared-int'
param skuName = 'PerGB2018'
param retentionInDays = 30
param publicNetworkAccessForIngestion = 'Disabled'
param publicNetworkAccessForQuery = 'Disabled'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
