metadata description = 'Azure SQL server and database next to an ML workspace: Entra-only authentication with an admin group, TLS 1.2, auditing to the shared Log Analytics workspace, and a workspace connection (AzureSqlDb, Entra). The compute identity still needs a database user: T-SQL, see the output databaseUserStatement.'

@description('Globally unique SQL server name (<name>.database.windows.net): lowercase letters, digits and hyphens.')
@minLength(1)
@maxLength(63)
param serverName string

@description('The database.')
@minLength(1)
@maxLength(128)
param databaseName string

@description('Display name of the Entra group that administers the server.')
@minLength(1)
param adminGroupName string

@description('Object id of that group.')
@minLength(36)
@maxLength(36)
param adminGroupObjectId string

@description('Database SKU (Basic, S0, S1, P1, GP_S_Gen5_1, GP_Gen5_2, ...).')
param skuName string = 'Basic'

@description('Where backups are kept.')
@allowed([
  'Local'
  'Zone'
  'Geo'
  'GeoZone'
])
param backupStorageRedundancy string = 'Geo'

@description('Disabled once a private endpoint reaches the server.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Disabled'

@description('The AllowAllWindowsAzureIps firewall rule (only with public network access), for compute without a virtual network.')
param allowAzureServices bool = false

@description('Resource group of the shared Log Analytics workspace.')
param sharedResourceGroup string

@description('The shared Log Analytics workspace that receives the audit log.')
param logAnalyticsWorkspaceName string

@description('The ML workspace that gets a connection to the database (same resource group).')
@minLength(3)
@maxLength(33)
param workspaceName string

@description('The compute clusters\' user-assigned identity: the principal that needs a database user.')
param computeIdentityName string

@description('Azure region of the resources; defaults to the resource group\'s region.')
param location string = resourceGroup().location

@description('Tags applied to every resource.')
param tags object = {}

var serverFqdn = '${serverName}${environment().suffixes.sqlServerHostname}'

var connectionName = 'sql-${databaseName}'

resource serverDatabase 'Microsoft.Sql/servers/databases@2025-01-01' existing = {
  parent: server
  name: 'master'
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' existing = {
  name: logAnalyticsWorkspaceName
  scope: resourceGroup(sharedResourceGroup)
}

resource workspaceResource 'Microsoft.MachineLearningServices/workspaces@2025-12-01' existing = {
  name: workspaceName
}

resource server 'Microsoft.Sql/servers@2025-01-01' = {
  name: serverName
  location: location
  tags: tags
  properties: {
    version: '12.0'
    minimalTlsVersion: '1.2'
    publicNetworkAccess: publicNetworkAccess
    restrictOutboundNetworkAccess: 'Disabled'
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: adminGroupName
      sid: adminGroupObjectId
      principalType: 'Group'
      tenantId: subscription().tenantId
    }
  }
}

resource firewallRule 'Microsoft.Sql/servers/firewallRules@2025-01-01' = if (allowAzureServices && publicNetworkAccess == 'Enabled') {
  parent: server
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource database 'Microsoft.Sql/servers/databases@2025-01-01' = {
  parent: server
  name: databaseName
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    requestedBackupStorageRedundancy: backupStorageRedundancy
  }
}

resource auditingSetting 'Microsoft.Sql/servers/auditingSettings@2025-01-01' = {
  parent: server
  name: 'default'
  properties: {
    state: 'Enabled'
    isAzureMonitorTargetEnabled: true
  }
}

resource diagnosticSetting 'Microsoft.Insights/diagnosticSettings@2016-09-01' = {
  scope: serverDatabase
  name: 'service'
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'SQLSecurityAuditEvents'
        enabled: true
      }
    ]
  }
}

resource connection 'Microsoft.MachineLearningServices/workspaces/connections@2025-12-01' = {
  parent: workspaceResource
  name: connectionName
  properties: {
    category: 'AzureSqlDb'
    authType: 'AAD'
    target: serverFqdn
    isSharedToAll: false
    metadata: {
      database: databaseName
      authentication: 'Microsoft Entra ID (the caller\'s identity; on compute, the cluster\'s user-assigned identity)'
      computeIdentity: computeIdentityName
    }
  }
}

output serverFqdn string = serverFqdn

output databaseName string = databaseName

output databaseUserStatement string = 'CREATE USER [${computeIdentityName}] FROM EXTERNAL PROVIDER; ALTER ROLE db_datareader ADD MEMBER [${computeIdentityName}]; ALTER ROLE db_datawriter ADD MEMBER [${computeIdentityName}];'
