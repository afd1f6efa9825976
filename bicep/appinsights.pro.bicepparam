using './appinsights.bicep'

param appInsightsName = 'appi-mlp-shared-pro'
param logAnalyticsWorkspaceName = 'log-mlp-shared-pro'
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
