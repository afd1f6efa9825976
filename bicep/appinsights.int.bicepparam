using './appinsights.bicep'

param appInsightsName = 'appi-mlp-shared-int'
param logAnalyticsWorkspaceName = 'log-mlp-shared-int'
param retentionInDays = 90
param location = 'westeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'int'
}
