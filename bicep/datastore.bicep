metadata description = 'Identity-based blob datastores registered on one ML workspace, as datastore_config.json prescribes.'

@description('The ML workspace (same resource group).')
@minLength(3)
@maxLength(33)
param workspaceName string

@description('Datastores as objects {name, accountName, containerName, description}.')
param datastores array

@description('Resource group of the storage accounts.')
param storageResourceGroup string

@description('Subscription of the storage accounts.')
param storageSubscriptionId string = subscription().subscriptionId

resource workspace 'Microsoft.MachineLearningServices/workspaces@2025-12-01' existing = {
  name: workspaceName
}

resource workspaceDatastores 'Microsoft.MachineLearningServices/workspaces/datastores@2025-12-01' = [for datastore in datastores: {
  parent: workspace
  name: datastore.name
  properties: {
    datastoreType: 'AzureBlob'
    description: datastore.description
    accountName: datastore.accountName
    containerName: datastore.containerName
    endpoint: environment().suffixes.storage
    protocol: 'https'
    resourceGroup: storageResourceGroup
    subscriptionId: storageSubscriptionId
    serviceDataAccessAuthIdentity: 'WorkspaceSystemAssignedIdentity'
    credentials: {
      credentialsType: 'None'
    }
  }
}]
