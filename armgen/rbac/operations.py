"""Which operations are data-plane, and what a developer role must never be able to do."""

from __future__ import annotations

from armgen.rbac.permissions import matches

# Data-plane operation families of the services the platform uses (Azure's provider operations
# list marks these "isDataAction": true). An expectation matching one is checked against
# dataActions/notDataActions; every other operation against actions/notActions.
DATA_OPERATIONS: tuple[str, ...] = (
    "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*",
    "Microsoft.Storage/storageAccounts/fileServices/fileshares/files/*",
    "Microsoft.Storage/storageAccounts/queueServices/queues/messages/*",
    "Microsoft.Storage/storageAccounts/tableServices/tables/entities/*",
    "Microsoft.KeyVault/vaults/secrets/*/action",
    "Microsoft.KeyVault/vaults/keys/*/action",
    "Microsoft.KeyVault/vaults/certificates/*/action",
    "Microsoft.ContainerRegistry/registries/repositories/*",
    "Microsoft.Insights/metrics/write",
    "Microsoft.Insights/telemetry/write",
)

# Control-plane operations that hand out access or destroy the platform: a developer role that
# can do any of these grants too much, whatever the spec's own expectations say.
GUARDRAILS: tuple[str, ...] = (
    "Microsoft.Authorization/roleAssignments/write",
    "Microsoft.Authorization/roleAssignments/delete",
    "Microsoft.Authorization/roleDefinitions/write",
    "Microsoft.Authorization/roleDefinitions/delete",
    "Microsoft.Authorization/elevateAccess/action",
    "Microsoft.Authorization/locks/write",
    "Microsoft.Authorization/locks/delete",
    "Microsoft.Authorization/policyAssignments/write",
    "Microsoft.Resources/subscriptions/resourceGroups/delete",
    "Microsoft.Resources/subscriptions/resourceGroups/write",
    "Microsoft.Storage/storageAccounts/delete",
    "Microsoft.Storage/storageAccounts/write",
    "Microsoft.KeyVault/vaults/delete",
    "Microsoft.KeyVault/vaults/write",
    "Microsoft.KeyVault/vaults/accessPolicies/write",
    "Microsoft.ContainerRegistry/registries/delete",
    "Microsoft.ContainerRegistry/registries/write",
    "Microsoft.ManagedIdentity/userAssignedIdentities/write",
    "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action",
    "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write",
    "Microsoft.MachineLearningServices/workspaces/delete",
    "Microsoft.MachineLearningServices/workspaces/write",
    "Microsoft.MachineLearningServices/workspaces/computes/write",
    "Microsoft.MachineLearningServices/workspaces/computes/delete",
)

# Control-plane operations that return (or rotate) keys, passwords, SAS or connection secrets, for
# every provider the platform deploys. Source: the providers' operations lists ("Azure permissions
# for AI + machine learning / Storage / Containers / Security / Monitor", learn.microsoft.com
# /azure/role-based-access-control/permissions/*; the REST specifications' POST actions). A role that
# grants one is refused when the spec loads unless ``secretAccess`` gives the operation and a reason.
SECRET_READS: tuple[str, ...] = (
    "Microsoft.MachineLearningServices/workspaces/listKeys/action",
    "Microsoft.MachineLearningServices/workspaces/resynckeys/action",
    "Microsoft.MachineLearningServices/workspaces/listStorageAccountKeys/action",
    "Microsoft.MachineLearningServices/workspaces/listNotebookKeys/action",
    "Microsoft.MachineLearningServices/workspaces/listNotebookAccessToken/action",
    "Microsoft.MachineLearningServices/workspaces/connections/listsecrets/action",
    "Microsoft.MachineLearningServices/workspaces/datastores/listsecrets/action",
    "Microsoft.MachineLearningServices/workspaces/computes/listKeys/action",
    "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/listKeys/action",
    "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/regenerateKeys/action",
    "Microsoft.MachineLearningServices/workspaces/batchEndpoints/listKeys/action",
    "Microsoft.MachineLearningServices/workspaces/serverlessEndpoints/listKeys/action",
    "Microsoft.MachineLearningServices/workspaces/serverlessEndpoints/regenerateKeys/action",
    "Microsoft.Storage/storageAccounts/listKeys/action",
    "Microsoft.Storage/storageAccounts/regenerateKey/action",
    "Microsoft.Storage/storageAccounts/listAccountSas/action",
    "Microsoft.Storage/storageAccounts/listServiceSas/action",
    "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action",
    "Microsoft.ContainerRegistry/registries/listCredentials/action",
    "Microsoft.ContainerRegistry/registries/regenerateCredential/action",
    "Microsoft.ContainerRegistry/registries/generateCredentials/action",
    "Microsoft.OperationalInsights/workspaces/sharedKeys/action",
    "Microsoft.OperationalInsights/workspaces/regenerateSharedKey/action",
    # Application Insights API keys (data-API access to the telemetry): "Generating an Application Insights API
    # key" returns the new key, "Reading an Application Insights API key" lists them. Their delete
    # (Microsoft.Insights/Components/ApiKeys/Delete) revokes a key and reads nothing; there is no ApiKeys/Write.
    "Microsoft.Insights/Components/ApiKeys/Action",
    "Microsoft.Insights/Components/ApiKeys/Read",
)

# Data-plane guardrails: reading or setting the platform vault's secrets and keys is not a developer's job.
DATA_GUARDRAILS: tuple[str, ...] = (
    "Microsoft.KeyVault/vaults/secrets/getSecret/action",
    "Microsoft.KeyVault/vaults/secrets/setSecret/action",
    "Microsoft.KeyVault/vaults/keys/decrypt/action",
    "Microsoft.KeyVault/vaults/keys/unwrap/action",
)


def is_data_operation(operation: str) -> bool:
    """Whether ``operation`` belongs to the data plane (dataActions) rather than the control plane."""
    return any(matches(p, operation) for p in DATA_OPERATIONS)
