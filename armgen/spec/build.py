"""Build one environment's model from its resolved spec, computing and checking every name."""

from __future__ import annotations

from typing import Any

from armgen.errors import SourceError
from armgen.jsonmarks import path_text
from armgen.naming import check_name
from armgen.spec.datastores import datastore_model
from armgen.spec.model import (
    Compute,
    CustomRole,
    Environment,
    Lifecycle,
    Principal,
    Registry,
    Shared,
    SqlDatabase,
    StorageAccount,
    Workspace,
)
from armgen.spec.names import KINDS, compact, fill, pattern_problem, unique_token
from armgen.spec.network import build_network
from armgen.spec.yaml_loader import mark_of

ST, CR, KV = "Microsoft.Storage/storageAccounts", "Microsoft.ContainerRegistry/registries", "Microsoft.KeyVault/vaults"
GPU_PREFIXES = ("Standard_NC", "Standard_ND", "Standard_NV")


class Namer:
    """Computes names for one environment and records a located error for each invalid one."""

    def __init__(self, doc: Any, env: str, file: str) -> None:
        self.doc, self.env, self.file = doc, env, file
        self.project = doc["project"]
        self.naming = doc.get("naming", {})
        self.errors: list[SourceError] = []
        self.unique = unique_token(str(doc["environments"][env]["subscriptionId"]), self.project, env)

    def name(self, rtype: str, workload: str, explicit_path: list | None = None, explicit: str | None = None,
             pattern_key: str | None = None, hint: str | None = None) -> str:
        kind, is_compact = KINDS.get(rtype, ("", False))
        tokens = {"kind": kind, "project": self.project, "workload": workload, "env": self.env,
                  "unique": self.unique}
        if explicit:
            template, where = explicit, explicit_path or []
        else:
            key = pattern_key or ("compact" if is_compact else "pattern")
            template, where = self.naming[key], ["naming", key]
        if self.bad_pattern(template, where):
            return template
        value = fill(template, **tokens)
        if is_compact:
            value = compact(value, rtype)
        for problem in check_name(rtype, value):
            line, col = mark_of(self.doc, where)
            what = hint or ("shorten the naming pattern or set an explicit name" if not explicit else "change the name")
            problem = problem if problem.startswith("is ") else f"is invalid: {problem}"
            self.errors.append(SourceError(self.file, line, col, path_text(where),
                                           f"{_label(rtype)} name "
                                           f"'{value}' (environment {self.env}) {problem}; {what}"))
        return value

    def bad_pattern(self, template: str, where: list) -> bool:
        """Record a located error when ``template`` has unknown tokens or broken braces."""
        problem = pattern_problem(template)
        if problem:
            line, col = mark_of(self.doc, where)
            self.errors.append(SourceError(self.file, line, col, path_text(where), problem))
        return problem is not None


BATCH_ENDPOINT = "Microsoft.MachineLearningServices/workspaces/batchEndpoints"


def _endpoint_name(n: Namer, endpoint: str | dict, workload: str, path: list) -> str:
    """Batch endpoint names are unique per region: ``<endpoint>-<project>-<workload>-<env>``, or the item's
    explicit ``endpointName`` (tokens allowed)."""
    if isinstance(endpoint, dict):
        return n.name(BATCH_ENDPOINT, workload, [*path, "endpointName"], endpoint["endpointName"])
    return n.name(BATCH_ENDPOINT, workload, path, endpoint + "-{project}-{workload}-{env}",
                  hint=f"shorten it, or name the endpoint yourself: {{name: {endpoint}, endpointName: <name>}}")


def _label(rtype: str) -> str:
    from armgen.naming import rule_for

    rule = rule_for(rtype)
    return rule.kind if rule else rtype


def _role(doc: dict, env: str, project: str, scopes: list[str], n: Namer) -> CustomRole:
    r = doc["shared"]["roles"]["modelDeveloper"]
    bad = n.bad_pattern(r["roleName"], ["shared", "roles", "modelDeveloper", "roleName"])
    return CustomRole(
        role_name=r["roleName"] if bad else fill(r["roleName"], kind="", project=project, workload="", env=env),
        description=r["description"],
        actions=list(r["actions"]), not_actions=list(r["notActions"]),
        data_actions=list(r["dataActions"]), not_data_actions=list(r["notDataActions"]),
        assignable_scopes=scopes,
        assign_to=[Principal(p["principalId"].lower(), p["principalType"], p.get("description", ""))
                   for p in r["assignTo"]],
        expect_allowed=list(r["expect"]["allowed"]), expect_denied=list(r["expect"]["denied"]),
        secret_access={s["operation"]: s["reason"] for s in r["secretAccess"]},
    )


def _sql(n: Namer, w: dict, path: list) -> SqlDatabase | None:
    """The workspace's SQL database in this environment, when enabled (an admin group is required)."""
    sql = w["sql"]
    if not sql["enabled"]:
        return None
    admin = sql.get("adminGroup")
    if not admin:
        line, col = mark_of(n.doc, [*path, "sql"])
        n.errors.append(SourceError(n.file, line, col, path_text([*path, "sql"]),
                                    f"sql is enabled in environment {n.env} but has no adminGroup; add adminGroup: "
                                    "{name: <Entra group>, objectId: <its object id>} (the server's only "
                                    "administrator: Entra-only authentication)"))
        admin = {"name": "", "objectId": ""}
    return SqlDatabase(
        server_name=n.name("Microsoft.Sql/servers", w["name"], [*path, "sql", "serverName"], sql.get("serverName")),
        database_name=sql.get("databaseName") or w["name"], admin_group_name=admin["name"],
        admin_group_id=str(admin["objectId"]).lower(), sku=sql["sku"], backup_redundancy=sql["backupRedundancy"],
        public_network_access=sql["publicNetworkAccess"], allow_azure_services=sql["allowAzureServices"])


def build_environment(doc: Any, env: str, file: str, datastores: list[dict]) -> tuple[Environment, list[SourceError]]:
    """The model of ``env`` from its resolved document, and the naming errors found on the way."""
    e = doc["environments"][env]
    shared = doc["shared"]
    n = Namer(doc, env, file)
    rg_pattern = doc["naming"]["resourceGroup"]
    rg_overrides = e.get("resourceGroups", {})
    rg = "Microsoft.Resources/resourceGroups"

    def group(workload: str, explicit_path: list, explicit: str | None) -> str:
        if explicit:
            return n.name(rg, workload, explicit_path, explicit)
        if explicit_path[-1] == "workspaces" and rg_overrides.get("workspaces"):
            return n.name(rg, workload, ["environments", env, "resourceGroups", "workspaces"],
                          rg_overrides["workspaces"])
        return n.name(rg, workload, pattern_key="resourceGroup") if rg_pattern else workload

    shared_rg = group("shared", ["environments", env, "resourceGroups", "shared"],
                      rg_overrides.get("shared") or shared.get("resourceGroup"))

    def named(rtype: str, workload: str, path: list[str], node: dict) -> str:
        return n.name(rtype, workload, [*path, "name"], node.get("name"))

    la, ai, kv = shared["logAnalytics"], shared["appInsights"], shared["keyVault"]
    storage = {}
    for key, workload in (("workspace", "ws"), ("data", "data")):
        node = shared["storage"][key]
        containers = list(node["containers"])
        if key == "workspace":  # one container per workspace, by name, plus any declared ones
            containers = list(dict.fromkeys([w["name"] for w in doc["workspaces"]] + containers))
        storage[key] = StorageAccount(key, named(ST, workload, ["shared", "storage", key], node), node["sku"],
                                      node["hierarchicalNamespace"], containers, list(node["fileShares"]))
    registries = {key: Registry(key, named(CR, key, ["shared", "registries", key], shared["registries"][key]),
                                shared["registries"][key]["sku"]) for key in ("staging", "healthy")}

    workspaces = []
    for i, w in enumerate(doc["workspaces"]):
        path = ["workspaces", i]
        c = w["compute"]
        gpu = str(c["vmSize"]).startswith(GPU_PREFIXES)
        compute_name = c.get("name") or ("gpu-cluster" if gpu else "cpu-cluster")
        ws_rg = group(w["name"], ["workspaces"], w.get("resourceGroup"))
        attached = [datastore_model(d, storage, str(e["subscriptionId"]).lower(), shared_rg)
                    for d in datastores if w["name"] in d["workspaces"]]
        workspaces.append(Workspace(
            key=w["name"], index=i,
            name=n.name("Microsoft.MachineLearningServices/workspaces", w["name"], [*path, "workspaceName"],
                        w.get("workspaceName")),
            description=w.get("description", f"Work package {w['name']}"),
            resource_group=ws_rg, sku=w["sku"], hbi=w["hbiWorkspace"],
            compute=Compute(compute_name, c["vmSize"], c["vmPriority"], c["minNodes"], c["maxNodes"],
                            c["idleSeconds"], c.get("subnetId")),
            batch_endpoints=[_endpoint_name(n, ep, w["name"], [*path, "batchEndpoints", j])
                             for j, ep in enumerate(w["batchEndpoints"])],
            datastores=attached, tags=dict(w["tags"]), sql=_sql(n, w, path),
        ))
        if c["minNodes"] > c["maxNodes"]:
            line, col = mark_of(doc, [*path, "compute", "minNodes"])
            n.errors.append(SourceError(file, line, col, path_text([*path, "compute", "minNodes"]),
                                        f"minNodes {c['minNodes']} is greater than maxNodes {c['maxNodes']} "
                                        f"in environment {env}; lower minNodes or raise maxNodes"))

    sub = f"/subscriptions/{e['subscriptionId']}"
    rgs = [shared_rg] + [w.resource_group for w in workspaces if w.resource_group != shared_rg]
    scope_kind = shared["roles"]["modelDeveloper"]["assignableScopes"]
    scopes = [sub] if scope_kind == "subscription" else [f"{sub}/resourceGroups/{g}" for g in dict.fromkeys(rgs)]
    shared_model = Shared(
        resource_group=shared_rg,
        log_analytics_name=named("Microsoft.OperationalInsights/workspaces", "shared", ["shared", "logAnalytics"], la),
        log_analytics_sku=la["sku"], log_retention_days=la["retentionDays"],
        app_insights_name=named("Microsoft.Insights/components", "shared", ["shared", "appInsights"], ai),
        app_insights_retention_days=ai["retentionDays"],
        key_vault_name=named(KV, "shared", ["shared", "keyVault"], kv),
        key_vault_sku=kv["sku"], key_vault_retention_days=kv["softDeleteRetentionDays"],
        storage=storage, registries=registries,
        identity_name=n.name("Microsoft.ManagedIdentity/userAssignedIdentities", shared["identity"]["name"]),
        model_developer=_role(doc, env, doc["project"], scopes, n),
    )
    network, network_errors = build_network(doc, env, file, n, shared_model, workspaces, e["subscriptionId"].lower())
    n.errors.extend(network_errors)
    model = Environment(
        name=env, subscription_id=e["subscriptionId"].lower(), tenant_id=e.get("tenantId"),
        location=e["location"], target=e["target"], production=e["production"],
        lifecycle=_lifecycle(e.get("lifecycle") or {}),
        tags={**doc.get("tags", {}), **e.get("tags", {})},
        shared=shared_model,
        workspaces=workspaces, network=network,
    )
    return model, n.errors


def _lifecycle(data: dict) -> Lifecycle:
    return Lifecycle(removals=data.get("removals"), deny=data.get("deny", "none"),
                     excluded_principals=tuple(p.lower() for p in data.get("excludedPrincipals") or ()),
                     locks=data.get("locks", "none"))
