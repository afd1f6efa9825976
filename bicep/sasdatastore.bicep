metadata description = 'One SAS-token blob datastore on an ML workspace: for a storage account the platform cannot grant roles on. The token comes from a Key Vault secret through a Key Vault reference in the parameter file; Azure ML keeps it in the workspace\'s vault and never returns it.'

@description('The ML workspace (same resource group).')
@minLength(3)
@maxLength(33)
param workspaceName string

@description('Datastore name: lowercase letters, digits and underscores.')
@minLength(1)
@maxLength(255)
param datastoreName string

@description('What the datastore holds.')
param datastoreDescription string = ''

@description('The storage account.')
@minLength(3)
@maxLength(24)
param accountName string

@description('The blob container.')
@minLength(3)
@maxLength(63)
param containerName string

@description('Storage endpoint suffix of the account\'s cloud.')
param endpoint string = environment().suffixes.storage

@description('The SAS token: a Key Vault reference in the parameter file, never a value.')
@secure()
param sasToken string

resource workspace 'Microsoft.MachineLearningServices/workspaces@2025-12-01' existing = {
  name: workspaceName
}

resource datastore 'Microsoft.MachineLearningServices/workspaces/datastores@2025-12-01' = {
  parent: workspace
  name: datastoreName
  properties: {
    datastoreType: 'AzureBlob'
    description: datastoreDescription
    accountName: accountName
    containerName: containerName
    endpoint: endpoint
    protocol: 'https'
    serviceDataAccessAuthIdentity: 'None'
    credentials: {
      credentialsType: 'Sas'
      secrets: {
        secretsType: 'Sas'
        sasToken: sasToken
      }
    }
  }
}
