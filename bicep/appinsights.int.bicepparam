using './appinsights.bicep'

param appInsightsName = 'appi-mlp-shared-int'
param logAnalyticsWorkspaceName = 'log-mlp-shared-int'
param retentionInDays = 90
param publicNetworkAccessForIngestion = 'Disabled'
param publicNetworkAccessForQuery = 'Disabled'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
