"""Deployment units: one template + one parameter file per environment, with the order between them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from armgen.catalog import BUILTIN_ROLES
from armgen.render import network_units as nu
from armgen.spec.endpoints import MONITOR_SCOPE_UNIT
from armgen.spec.model import Datastore, Environment, Workspace

SUBSCRIPTION = "subscription"
RESOURCE_GROUP = "resourceGroup"

MAX_DEPLOYMENT_NAME = 64


def deployment_name(env: str, unit: str) -> str:
    """A stable, valid ARM deployment name per unit and environment (<= 64 characters)."""
    name = f"armgen-{env}-{unit}"
    if len(name) <= MAX_DEPLOYMENT_NAME:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[:MAX_DEPLOYMENT_NAME - 9]}-{digest}"


@dataclass(frozen=True)
class Unit:
    """One deployment: a template deployed with one parameter file at one scope."""

    name: str  # e.g. "storageaccount-data"; also the parameter file's stem
    template: str  # e.g. "storageaccount" -> templates/storageaccount.json
    scope: str  # SUBSCRIPTION or RESOURCE_GROUP
    resource_group: str | None
    parameters: dict
    depends_on: tuple[str, ...] = ()
    workspace: str | None = None  # the work package this unit belongs to, None for shared units
    outputs_used: dict = field(default_factory=dict)

    def parameter_file(self, env: str) -> str:
        return f"{self.name}.parameters.{env}.json"


@dataclass(frozen=True)
class KeyVaultReference:
    """A parameter whose value ARM reads from a Key Vault secret at deploy time (never written to a file)."""

    vault_id: str
    secret_name: str

    def as_parameter(self) -> dict:
        return {"reference": {"keyVault": {"id": self.vault_id}, "secretName": self.secret_name}}


def _grant(role: str, scope: str) -> dict:
    return {"roleDefinitionId": BUILTIN_ROLES[role], "scope": scope}


def _shared_units(env: Environment) -> list[Unit]:
    s = env.shared
    rg = s.resource_group
    loc = {"location": env.location, "tags": env.tags}
    role = s.model_developer
    units = [
        Unit("resourcegroups", "resourcegroups", SUBSCRIPTION, None,
             {"resourceGroupNames": env.resource_groups, "location": env.location, "tags": env.tags}),
        Unit("roledefinition", "roledefinition", SUBSCRIPTION, None, {
            "roleName": role.role_name, "roleDescription": role.description, "actions": role.actions,
            "notActions": role.not_actions, "dataActions": role.data_actions,
            "notDataActions": role.not_data_actions, "assignableScopes": role.assignable_scopes,
        }, ("resourcegroups",)),
        Unit("loganalytics", "loganalytics", RESOURCE_GROUP, rg, {
            "workspaceName": s.log_analytics_name, "skuName": s.log_analytics_sku,
            "retentionInDays": s.log_retention_days, **nu.monitor_access(env), **loc}, ("resourcegroups",)),
        Unit("appinsights", "appinsights", RESOURCE_GROUP, rg, {
            "appInsightsName": s.app_insights_name, "logAnalyticsWorkspaceName": s.log_analytics_name,
            "retentionInDays": s.app_insights_retention_days, **nu.monitor_access(env), **loc}, ("loganalytics",)),
        *_monitor_scope_units(env),
        Unit("keyvault", "keyvault", RESOURCE_GROUP, rg, {
            "keyVaultName": s.key_vault_name, "skuName": s.key_vault_sku,
            "softDeleteRetentionInDays": s.key_vault_retention_days, **nu.public_access(env), **loc},
             ("resourcegroups",)),
    ]
    for st in s.storage.values():
        units.append(Unit(f"storageaccount-{st.key}", "storageaccount", RESOURCE_GROUP, rg, {
            "storageAccountName": st.name, "skuName": st.sku, "containerNames": st.containers,
            **({"fileShareNames": st.file_shares} if st.file_shares else {}),
            "isHnsEnabled": st.hierarchical_namespace, **nu.public_access(env), **loc}, ("resourcegroups",)))
    for cr in s.registries.values():
        units.append(Unit(f"containerregistry-{cr.key}", "containerregistry", RESOURCE_GROUP, rg,
                          {"registryName": cr.name, "skuName": cr.sku,
                           "publicNetworkAccess": nu.public_access(env)["publicNetworkAccess"], **loc},
                          ("resourcegroups",)))
    units.append(Unit("managedidentity", "managedidentity", RESOURCE_GROUP, rg,
                      {"identityName": s.identity_name, **loc}, ("resourcegroups",)))
    grants = [
        _grant("Key Vault Secrets User", f"Microsoft.KeyVault/vaults/{s.key_vault_name}"),
        _grant("AcrPull", f"Microsoft.ContainerRegistry/registries/{s.registries['healthy'].name}"),
        *(_grant("Storage Blob Data Contributor", f"Microsoft.Storage/storageAccounts/{st.name}")
          for st in s.storage.values()),
        *(_grant("Storage File Data Privileged Contributor", f"Microsoft.Storage/storageAccounts/{st.name}")
          for st in s.storage.values() if st.file_shares),
    ]
    units.append(Unit("roleassignments-shared", "roleassignments", RESOURCE_GROUP, rg, {
        "identityName": s.identity_name, "identityResourceGroup": rg, "identityGrants": grants,
        **_principal_grants(env), **_lock(env)},
        ("managedidentity", "keyvault", "containerregistry-healthy", "storageaccount-workspace",
         "storageaccount-data", "roledefinition")))
    return units


def _monitor_scope_units(env: Environment) -> list[Unit]:
    """The Azure Monitor Private Link Scope (network.monitor: privateLinkScope), after what it scopes."""
    params = nu.monitor_scope_parameters(env)
    if not params:
        return []
    return [Unit(MONITOR_SCOPE_UNIT, MONITOR_SCOPE_UNIT, RESOURCE_GROUP, env.shared.resource_group,
                 {**params, "tags": env.tags}, ("loganalytics", "appinsights"))]


def _principal_grants(env: Environment) -> dict:
    role = env.shared.model_developer
    return {"customRoleName": role.role_name,
            "principalGrants": [{"principalId": p.principal_id, "principalType": p.principal_type}
                                for p in role.assign_to]}


def _workspace_units(env: Environment, ws: Workspace) -> list[Unit]:
    s = env.shared
    rg = ws.resource_group
    loc = {"location": env.location, "tags": {**env.tags, **ws.tags}}
    ml = f"mlworkspace-{ws.key}"
    units = [
        Unit(ml, "mlworkspace", RESOURCE_GROUP, rg, {
            "workspaceName": ws.name, "workspaceDescription": ws.description, "skuName": ws.sku,
            "hbiWorkspace": ws.hbi, "sharedResourceGroup": s.resource_group,
            "storageAccountName": s.storage["workspace"].name, "keyVaultName": s.key_vault_name,
            "appInsightsName": s.app_insights_name, "containerRegistryName": s.registries["healthy"].name,
            **nu.workspace_network(env, ws), **loc}, ("storageaccount-workspace", "keyvault", "appinsights", "containerregistry-healthy"),
            workspace=ws.key),
        Unit(f"computecluster-{ws.key}", "computecluster", RESOURCE_GROUP, rg, {
            "workspaceName": ws.name, "computeName": ws.compute.name, "vmSize": ws.compute.vm_size,
            "vmPriority": ws.compute.vm_priority, "minNodeCount": ws.compute.min_nodes,
            "maxNodeCount": ws.compute.max_nodes, "idleSecondsBeforeScaleDown": ws.compute.idle_seconds,
            "identityName": s.identity_name, "identityResourceGroup": s.resource_group,
            **nu.compute_network(env, ws), **loc},
            (ml, "managedidentity", *((nu.VNET_UNIT,) if env.network.create_vnet else ())), workspace=ws.key),
    ]
    units += _datastore_units(env, ws, ml)
    if ws.sql:
        q = ws.sql
        units.append(Unit(f"sqldatabase-{ws.key}", "sqldatabase", RESOURCE_GROUP, rg, {
            "serverName": q.server_name, "databaseName": q.database_name, "adminGroupName": q.admin_group_name,
            "adminGroupObjectId": q.admin_group_id, "skuName": q.sku, "backupStorageRedundancy": q.backup_redundancy,
            **nu.sql_access(env, q),
            "sharedResourceGroup": s.resource_group, "logAnalyticsWorkspaceName": s.log_analytics_name,
            "workspaceName": ws.name, "computeIdentityName": s.identity_name, **loc},
            (ml, "loganalytics"), workspace=ws.key))
    if ws.batch_endpoints:
        units.append(Unit(f"batchendpoint-{ws.key}", "batchendpoint", RESOURCE_GROUP, rg, {
            "workspaceName": ws.name,
            "endpoints": [{"name": ep, "description": f"Batch scoring for {ws.key}"} for ep in ws.batch_endpoints],
            **loc}, (ml,), workspace=ws.key))
    units.append(Unit(f"roleassignments-{ws.key}", "roleassignments", RESOURCE_GROUP, rg, {
        "identityName": s.identity_name, "identityResourceGroup": s.resource_group,
        "identityGrants": [_grant("Azure AI Developer", f"Microsoft.MachineLearningServices/workspaces/{ws.name}")],
        # the workspace's own identity reads datastores for the studio and writes its logs and snapshots
        "workspaceName": ws.name, "workspaceGrantsResourceGroup": s.resource_group,
        "workspaceGrants": [
            _grant("Storage Blob Data Contributor", f"Microsoft.Storage/storageAccounts/{s.storage['workspace'].name}"),
            _grant("Storage Blob Data Reader", f"Microsoft.Storage/storageAccounts/{s.storage['data'].name}"),
        ],
        **_principal_grants(env), **_lock(env)}, (ml, "managedidentity", "roledefinition"), workspace=ws.key))
    return units


def _datastore_item(ds: Datastore) -> dict:
    target = {"AzureBlob": "containerName", "AzureDataLakeGen2": "filesystem", "AzureFile": "fileShareName"}
    tags = {"default": "true"} if ds.default else {}
    if ds.collection:
        tags |= {"source": "Microsoft Planetary Computer", "stacCollection": ds.collection}
    return {"name": ds.name, "description": ds.description, "tags": tags, "accountName": ds.account_name,
            target[ds.datastore_type]: ds.container, "endpoint": ds.endpoint or None,
            "subscriptionId": ds.subscription_id or None, "resourceGroup": ds.resource_group or None,
            "serviceDataAccessAuthIdentity": "WorkspaceSystemAssignedIdentity" if ds.credentials == "identity"
            else "None"}


def _datastore_units(env: Environment, ws: Workspace, ml: str) -> list[Unit]:
    """``datastore-<ws>`` for the credential-less datastores, ``sasdatastore-<ws>-<name>`` per SAS one."""
    s = env.shared
    plain = [d for d in ws.datastores if d.credentials != "sas"]
    accounts = tuple(sorted({f"storageaccount-{d.storage_key}" for d in ws.datastores if d.storage_key}))
    units = []
    if plain:
        arrays = {"AzureBlob": "blobDatastores", "AzureDataLakeGen2": "dataLakeDatastores",
                  "AzureFile": "fileDatastores"}
        params: dict = {"workspaceName": ws.name}
        for kind, array in arrays.items():
            items = [_datastore_item(d) for d in plain if d.datastore_type == kind]
            if items:
                params[array] = items
        units.append(Unit(f"datastore-{ws.key}", "datastore", RESOURCE_GROUP, ws.resource_group, params,
                          (ml, *accounts), workspace=ws.key))
    vault = (f"/subscriptions/{env.subscription_id}/resourceGroups/{s.resource_group}/providers/"
             f"Microsoft.KeyVault/vaults/{s.key_vault_name}")
    for d in ws.datastores:
        if d.credentials == "sas":
            units.append(Unit(f"sasdatastore-{ws.key}-{d.name}", "sasdatastore", RESOURCE_GROUP, ws.resource_group, {
                "workspaceName": ws.name, "datastoreName": d.name, "datastoreDescription": d.description,
                "accountName": d.account_name, "containerName": d.container, "endpoint": d.endpoint,
                "sasToken": KeyVaultReference(d.sas_vault_id or vault, d.sas_secret)}, (ml, "keyvault"),
                workspace=ws.key))
    return units


def _network_units(env: Environment) -> list[Unit]:
    """Virtual network and DNS zones (private and managed mode), after the resource groups."""
    rg = env.shared.resource_group
    params = nu.network_parameters(env)
    units = []
    if nu.VNET_UNIT in params:
        units.append(Unit(nu.VNET_UNIT, nu.VNET_UNIT, RESOURCE_GROUP, rg,
                          {**params[nu.VNET_UNIT], "location": env.location, "tags": env.tags}, ("resourcegroups",)))
    for name, zone in params.items():
        if name.startswith(nu.ZONE_KIND):
            units.append(Unit(name, nu.ZONE_KIND, RESOURCE_GROUP, rg, {**zone, "tags": env.tags},
                              (nu.VNET_UNIT,) if env.network.create_vnet else ("resourcegroups",)))
    return units


def _endpoint_units(env: Environment) -> list[Unit]:
    """One unit per private-link sub-resource: its endpoint, after the resource, the network and its zones."""
    out = []
    for pe in nu.environment_endpoints(env):
        tags = {**env.tags, **next((w.tags for w in env.workspaces if w.key == pe.workspace), {})}
        for group in pe.group_ids:
            out.append(Unit(f"privateendpoint-{pe.key}-{group.lower()}", "privateendpoint", RESOURCE_GROUP,
                            pe.target_group,
                            {**nu.endpoint_parameters(env, pe, group), "location": env.location, "tags": tags},
                            (pe.key, *nu.endpoint_deps(env.network, group)), workspace=pe.workspace))
    return out


def units_for(env: Environment) -> list[Unit]:
    """Every deployment unit of ``env``: network and shared ones first, then each workspace's, in dependency order."""
    units = _shared_units(env)
    units[1:1] = _network_units(env)
    endpoints = _endpoint_units(env)
    units += [u for u in endpoints if u.workspace is None]
    for ws in env.workspaces:
        units += _workspace_units(env, ws)
        units += [u for u in endpoints if u.workspace == ws.key]
    return units


def _lock(env: Environment) -> dict:
    """The group's management lock (lifecycle.locks), deployed by the group's role-assignment unit, last."""
    return {"lockLevel": env.lifecycle.locks} if env.lifecycle.locks != "none" else {}
