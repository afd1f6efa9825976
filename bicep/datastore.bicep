metadata description = 'Credential-less datastores registered on one ML workspace, as datastore_config.json prescribes: blob containers, Data Lake Gen2 filesystems and Azure Files shares, read with the workspace\'s identity (WorkspaceSystemAssignedIdentity) or anonymously (None: public data such as the Planetary Computer).'

@description('The ML workspace (same resource group).')
@minLength(3)
@maxLength(33)
param workspaceName string

@description('AzureBlob datastores: {name, description, tags, accountName, containerName, endpoint (null: this cloud\'s), subscriptionId, resourceGroup (null when unknown), serviceDataAccessAuthIdentity}.')
param blobDatastores array = []

@description('AzureDataLakeGen2 datastores: as blobDatastores with filesystem instead of containerName.')
param dataLakeDatastores array = []

@description('AzureFile datastores: as blobDatastores with fileShareName instead of containerName.')
param fileDatastores array = []

resource workspace 'Microsoft.MachineLearningServices/workspaces@2025-12-01' existing = {
  name: workspaceName
}

resource datastores 'Microsoft.MachineLearningServices/workspaces/datastores@2025-12-01' = [for blobDatastore in blobDatastores: {
  parent: workspace
  name: blobDatastore.name
  properties: {
    datastoreType: 'AzureBlob'
    description: blobDatastore.description
    tags: blobDatastore.tags
    accountName: blobDatastore.accountName
    containerName: blobDatastore.containerName
    endpoint: coalesce(blobDatastore.endpoint, environment().suffixes.storage)
    protocol: 'https'
    resourceGroup: blobDatastore.resourceGroup
    subscriptionId: blobDatastore.subscriptionId
    serviceDataAccessAuthIdentity: blobDatastore.serviceDataAccessAuthIdentity
    credentials: {
      credentialsType: 'None'
    }
  }
}]

resource workspaceDatastores 'Microsoft.MachineLearningServices/workspaces/datastores@2025-12-01' = [for dataLakeDatastore in dataLakeDatastores: {
  parent: workspace
  name: dataLakeDatastore.name
  properties: {
    datastoreType: 'AzureDataLakeGen2'
    description: dataLakeDatastore.description
    tags: dataLakeDatastore.tags
    accountName: dataLakeDatastore.accountName
    filesystem: dataLakeDatastore.filesystem
    endpoint: coalesce(dataLakeDatastore.endpoint, environment().suffixes.storage)
    protocol: 'https'
    resourceGroup: dataLakeDatastore.resourceGroup
    subscriptionId: dataLakeDatastore.subscriptionId
    serviceDataAccessAuthIdentity: dataLakeDatastore.serviceDataAccessAuthIdentity
    credentials: {
      credentialsType: 'None'
    }
  }
}]

resource datastoresResources 'Microsoft.MachineLearningServices/workspaces/datastores@2025-12-01' = [for fileDatastore in fileDatastores: {
  parent: workspace
  name: fileDatastore.name
  properties: {
    datastoreType: 'AzureFile'
    description: fileDatastore.description
    tags: fileDatastore.tags
    accountName: fileDatastore.accountName
    fileShareName: fileDatastore.fileShareName
    endpoint: coalesce(fileDatastore.endpoint, environment().suffixes.storage)
    protocol: 'https'
    resourceGroup: fileDatastore.resourceGroup
    subscriptionId: fileDatastore.subscriptionId
    serviceDataAccessAuthIdentity: fileDatastore.serviceDataAccessAuthIdentity
    credentials: {
      credentialsType: 'None'
    }
  }
}]
