using './sqldatabase.bicep'

param serverName = 'sql-mlp-nlp-pro'
param databaseName = 'nlp'
param adminGroupName = 'ml-nlp-sql-admins'
param adminGroupObjectId = '22222222-3333-4444-5555-666666666666'
param skuName = 'S1'
param backupStorageRedundancy = 'Geo'
param publicNetworkAccess = 'Disabled'
param allowAzureServices = false
param sharedResourceGroup = 'rg-mlp-shared-pro'
param logAnalyticsWorkspaceName = 'log-mlp-shared-pro'
param workspaceName = 'mlw-mlp-nlp-pro'
param computeIdentityName = 'id-mlp-compute-pro'
param location = 'northeurope'
param tags = {
  project: 'mlp'
  managedBy: 'armgen'
  environment: 'pro'
  costCenter: 'ml-platform'
}
