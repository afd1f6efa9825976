using './appinsights.bicep'

param appInsightsName = 'appi-mlp-shared-dev'
param logAnalyticsWorkspaceName = 'log-mlp-shared-dev'
param retentionInDays = 90
param publicNetworkAccessForIngestion = 'Enabled'
param publicNetworkAccessForQuery = 'Enabled'
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'dev'
}
