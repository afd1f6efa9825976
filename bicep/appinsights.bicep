metadata description = 'Workspace-based Application Insights for the ML workspaces.'

@description('Application Insights component name.')
@minLength(1)
@maxLength(260)
param appInsightsName string

@description('The Log Analytics workspace (same resource group) that stores the telemetry.')
@minLength(4)
@maxLength(63)
param logAnalyticsWorkspaceName string

@description('Days of telemetry retention.')
@allowed([
  30
  60
  90
  120
  180
  270
  365
  550
  730
])
param retentionInDays int = 90

@description('Disabled in private environments.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccessForIngestion string = 'Disabled'

@description('Disabled in private environments.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccessForQuery string = 'Disabled'

@description('Azure region of the resources; defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' existing = {
  name: logAnalyticsWorkspaceName
}

resource component 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    RetentionInDays: retentionInDays
    publicNetworkAccessForIngestion: publicNetworkAccessForIngestion
    publicNetworkAccessForQuery: publicNetworkAccessForQuery
  }
}

output appInsightsId string = component.id
