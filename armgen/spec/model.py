"""The resolved environment model: one concrete value per field, per environment."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Principal:
    principal_id: str
    principal_type: str
    description: str = ""


@dataclass(frozen=True)
class CustomRole:
    role_name: str
    description: str
    actions: list[str]
    not_actions: list[str]
    data_actions: list[str]
    not_data_actions: list[str]
    assignable_scopes: list[str]
    assign_to: list[Principal]
    expect_allowed: list[str]
    expect_denied: list[str]
    secret_access: dict[str, str] = field(default_factory=dict)  # secret-reading operation -> why it is granted


@dataclass(frozen=True)
class StorageAccount:
    key: str  # "workspace" or "data"
    name: str
    sku: str
    hierarchical_namespace: bool
    containers: list[str]
    file_shares: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Registry:
    key: str  # "staging" or "healthy"
    name: str
    sku: str


@dataclass(frozen=True)
class Compute:
    name: str
    vm_size: str
    vm_priority: str
    min_nodes: int
    max_nodes: int
    idle_seconds: int
    subnet_id: str | None


DATASTORE_TYPES = {"blob": "AzureBlob", "dfs": "AzureDataLakeGen2", "file": "AzureFile",
                   "planetaryComputer": "AzureBlob", "external": "AzureBlob"}


@dataclass(frozen=True)
class Datastore:
    """One datastore of datastore_config.json as one workspace registers it."""

    name: str
    kind: str  # blob | dfs | file | planetaryComputer | external
    account_name: str
    container: str  # the container, Data Lake filesystem or file share
    description: str
    storage_key: str | None = None  # "data" or "workspace" for the spec's own accounts
    endpoint: str = ""  # storage suffix; "" is the cloud's own (environment().suffixes.storage)
    subscription_id: str = ""  # the account's subscription and group, when known
    resource_group: str = ""
    credentials: str = "identity"  # identity | none | sas
    sas_secret: str = ""  # Key Vault secret holding the SAS token (credentials sas)
    sas_vault_id: str = ""  # its vault; "" is the platform's vault
    default: bool = False
    collection: str = ""  # Planetary Computer STAC collection

    @property
    def datastore_type(self) -> str:
        return DATASTORE_TYPES[self.kind]

    @property
    def account_id(self) -> str:
        """The storage account's resource id, when the spec knows its subscription and group."""
        if not (self.subscription_id and self.resource_group):
            return ""
        return (f"/subscriptions/{self.subscription_id}/resourceGroups/{self.resource_group}/providers/"
                f"Microsoft.Storage/storageAccounts/{self.account_name}")


@dataclass(frozen=True)
class SqlDatabase:
    """The optional Azure SQL server and database next to a workspace (Entra-only authentication)."""

    server_name: str
    database_name: str
    admin_group_name: str
    admin_group_id: str
    sku: str
    backup_redundancy: str
    public_network_access: str
    allow_azure_services: bool


@dataclass(frozen=True)
class Workspace:
    key: str  # the work-package name ({workload})
    index: int
    name: str  # the Azure ML workspace name
    description: str
    resource_group: str
    sku: str
    hbi: bool
    compute: Compute
    batch_endpoints: list[str]
    datastores: list[Datastore]
    tags: dict[str, str]
    sql: SqlDatabase | None = None


@dataclass(frozen=True)
class Shared:
    resource_group: str
    log_analytics_name: str
    log_analytics_sku: str
    log_retention_days: int
    app_insights_name: str
    app_insights_retention_days: int
    key_vault_name: str
    key_vault_sku: str
    key_vault_retention_days: int
    storage: dict[str, StorageAccount]
    registries: dict[str, Registry]
    identity_name: str
    model_developer: CustomRole


@dataclass(frozen=True)
class Lifecycle:
    """What deploys do with what the spec no longer has, and how the environment is protected."""

    removals: str | None = None  # delete | detach | None (list them and stop)
    deny: str = "none"  # none | denyDelete | denyWriteAndDelete
    excluded_principals: tuple[str, ...] = ()
    locks: str = "none"  # none | CanNotDelete | ReadOnly


@dataclass(frozen=True)
class Network:
    """Where an environment's resources are reachable: public endpoints, private endpoints, managed network."""

    mode: str = "public"  # public | private | managed
    vnet_id: str = ""
    vnet_name: str = ""
    create_vnet: bool = False
    address_space: str = ""
    endpoints_subnet: str = ""
    endpoints_prefix: str = ""
    compute_subnet: str = ""
    compute_prefix: str = ""
    endpoints_nsg: str = ""
    compute_nsg: str = ""
    dns: str = "create"  # create | policy | hub
    hub_zones: dict[str, str] = field(default_factory=dict)  # zone key -> private DNS zone resource id
    isolation_mode: str = ""  # managed mode: AllowInternetOutbound | AllowOnlyApprovedOutbound
    fqdn_rules: list[str] = field(default_factory=list)
    service_tag_rules: list[dict] = field(default_factory=list)
    monitor: str = "none"  # none | privateLinkScope
    monitor_scope: str = ""  # the Azure Monitor Private Link Scope's name (monitor: privateLinkScope)

    @property
    def private(self) -> bool:
        """Shared resources and workspaces behind private endpoints, public access off."""
        return self.mode in ("private", "managed")

    @property
    def managed(self) -> bool:
        return self.mode == "managed"

    @property
    def endpoints_subnet_id(self) -> str:
        return f"{self.vnet_id}/subnets/{self.endpoints_subnet}"

    @property
    def compute_subnet_id(self) -> str:
        """The subnet of compute clusters ('' on the managed network or in public mode)."""
        return f"{self.vnet_id}/subnets/{self.compute_subnet}" if self.mode == "private" else ""


@dataclass(frozen=True)
class Environment:
    """Everything one environment deploys, with every name computed."""

    name: str
    subscription_id: str
    tenant_id: str | None
    location: str
    target: str
    production: bool
    tags: dict[str, str]
    shared: Shared
    workspaces: list[Workspace]
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    network: Network = field(default_factory=Network)

    @property
    def resource_groups(self) -> list[str]:
        """Every resource group of the environment, shared first, without repeats."""
        seen: list[str] = [self.shared.resource_group]
        for ws in self.workspaces:
            if ws.resource_group not in seen:
                seen.append(ws.resource_group)
        return seen


@dataclass(frozen=True)
class Spec:
    """A loaded, checked spec: the project and each environment resolved."""

    path: Path
    project: str
    environments: dict[str, Environment]
    service_connection: str
    variable_group: str | None
    release_order: list[str]
    raw: dict = field(repr=False, compare=False, default_factory=dict)
    pool: dict[str, str] = field(default_factory=lambda: {"vmImage": "ubuntu-latest"})  # release.pool
    env_pools: dict[str, dict[str, str]] = field(default_factory=dict)  # environments.<env>.pool
    workspaces_per_job: int = 1  # release.workspacesPerJob
    pr_service_connection: str | None = None  # release.pullRequestServiceConnection: what-if on PRs
    drift_schedule: str = "0 3 * * *"  # release.driftSchedule (cron, UTC)
    render_formats: tuple[str, ...] = ("arm",)  # render.formats: what 'armgen render' writes by default
    datastore_config: Path | None = None  # the datastore_config.json read; None: there was none (no datastores)

    def env(self, name: str) -> Environment:
        from armgen.errors import InputError
        from armgen.suggest import did_you_mean

        try:
            return self.environments[name]
        except KeyError:
            known = ", ".join(self.environments)
            raise InputError(f"{self.path.name}: no environment '{name}'{did_you_mean(name, self.environments)}; "
                             f"the spec has: {known}") from None
