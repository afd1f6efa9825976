"""Units and parameters of private networking: virtual network, private DNS zones, private endpoints."""

from __future__ import annotations

from armgen import privatelink as pl
from armgen.spec.endpoints import PlannedEndpoint, planned_endpoints, sql_endpoint
from armgen.spec.model import Environment, Network, SqlDatabase, Workspace

VNET_UNIT = "virtualnetwork"
ZONE_KIND = "privatednszone"


def resource_id(env: Environment, group: str, rtype: str, name: str) -> str:
    return f"/subscriptions/{env.subscription_id}/resourceGroups/{group}/providers/{rtype}/{name}"


def endpoint_name(pe: PlannedEndpoint, group_id: str) -> str:
    return f"pe-{pe.target_name}-{group_id}".lower()


def zone_unit(key: str) -> str:
    return f"{ZONE_KIND}-{key}"


def endpoint_deps(net: Network, group_id: str) -> tuple[str, ...]:
    """The network units an endpoint of ``group_id`` waits for: the virtual network and its zones."""
    zones = tuple(zone_unit(k) for k in pl.GROUP_ZONES[group_id]) if net.dns == "create" else ()
    return ((VNET_UNIT,) if net.create_vnet else ()) + zones


def environment_endpoints(env: Environment) -> list[PlannedEndpoint]:
    """Every private endpoint of the environment, the Azure Monitor scope's included (none in public mode)."""
    if not env.network.private:
        return []
    return planned_endpoints(env.shared, env.workspaces, env.network.monitor_scope)


def zone_keys(env: Environment) -> list[str]:
    """Zone keys the environment's endpoints need, in first-use order."""
    keys: list[str] = []
    for pe in environment_endpoints(env):
        keys += [k for g in pe.group_ids for k in pl.GROUP_ZONES[g] if k not in keys]
    return keys


def network_parameters(env: Environment) -> dict[str, dict]:
    """(unit name -> parameters) of the network units: the virtual network and one unit per DNS zone."""
    net = env.network
    out: dict[str, dict] = {}
    if not net.private:
        return out
    if net.create_vnet:
        out[VNET_UNIT] = {"virtualNetworkName": net.vnet_name, "addressPrefixes": [net.address_space],
                          "endpointsSubnetName": net.endpoints_subnet, "endpointsSubnetPrefix": net.endpoints_prefix,
                          "endpointsNsgName": net.endpoints_nsg}
        if net.mode == "private":
            out[VNET_UNIT].update({"computeSubnetName": net.compute_subnet, "computeSubnetPrefix": net.compute_prefix,
                                   "computeNsgName": net.compute_nsg})
    if net.dns == "create":
        for key in zone_keys(env):
            out[zone_unit(key)] = {"zoneKey": key, "virtualNetworkId": net.vnet_id, "linkName": net.vnet_name}
    return out


def endpoint_parameters(env: Environment, pe: PlannedEndpoint, group_id: str) -> dict:
    """Parameters of one endpoint unit (the generic privateendpoint template)."""
    net = env.network
    zones = [] if net.dns == "policy" else list(pl.GROUP_ZONES[group_id])
    params: dict = {
        "endpointName": endpoint_name(pe, group_id),
        "targetResourceId": resource_id(env, pe.target_group, pe.target_type, pe.target_name),
        "groupId": group_id, "zones": zones, "subnetId": net.endpoints_subnet_id,
    }
    if net.dns == "hub":
        params["privateDnsZoneIds"] = {k: net.hub_zones[k] for k in zones}
    elif net.dns == "create":
        params["dnsZoneResourceGroup"] = env.shared.resource_group
    return params


def public_access(env: Environment) -> dict[str, str]:
    """publicNetworkAccess and the network ACL default of storage and vault."""
    private = env.network.private
    return {"publicNetworkAccess": "Disabled" if private else "Enabled",
            "networkAclsDefaultAction": "Deny" if private else "Allow"}


def sql_access(env: Environment, sql: SqlDatabase) -> dict:
    """The SQL server's publicNetworkAccess and AllowAllWindowsAzureIps rule: the spec's values in a public
    environment; in a private or managed one the server is reached through its endpoint only."""
    if env.network.private:
        return {"publicNetworkAccess": "Disabled", "allowAzureServices": False}
    return {"publicNetworkAccess": sql.public_network_access,
            "allowAzureServices": sql.allow_azure_services and sql.public_network_access == "Enabled"}


def monitor_access(env: Environment) -> dict[str, str]:
    """Log Analytics and Application Insights: ingestion and query public access off in a private environment
    (with or without a Private Link Scope: the scope is the private path, not a reason to stay open)."""
    value = "Disabled" if env.network.private else "Enabled"
    return {"publicNetworkAccessForIngestion": value, "publicNetworkAccessForQuery": value}


def monitor_scope_parameters(env: Environment) -> dict:
    """The Azure Monitor Private Link Scope: PrivateOnly both ways, the Log Analytics workspace and Application
    Insights as its scoped resources (``{}`` unless the environment asks for a scope)."""
    net, s = env.network, env.shared
    if not (net.private and net.monitor_scope):
        return {}
    ids = [resource_id(env, s.resource_group, pl.LOG_ANALYTICS, s.log_analytics_name),
           resource_id(env, s.resource_group, pl.APP_INSIGHTS, s.app_insights_name)]
    return {"scopeName": net.monitor_scope, "ingestionAccessMode": "PrivateOnly", "queryAccessMode": "PrivateOnly",
            "scopedResources": [{"name": f"{i.rsplit('/', 1)[-1]}-connection", "id": i} for i in ids]}


def _outbound_rules(env: Environment, ws: Workspace) -> dict[str, dict]:
    """Managed network outbound rules: private endpoints to the shared resources and the workspace's SQL
    server, FQDNs, service tags."""
    net = env.network
    rules: dict[str, dict] = {}
    sql = sql_endpoint(ws)
    for pe in [*planned_endpoints(env.shared, []), *([sql] if sql else [])]:
        for g in pe.group_ids:
            rules[endpoint_name(pe, g)] = {
                "type": "PrivateEndpoint", "category": "UserDefined",
                "destination": {"serviceResourceId": resource_id(env, pe.target_group, pe.target_type,
                                                                 pe.target_name),
                                "subresourceTarget": g, "sparkEnabled": False}}
    for host in net.fqdn_rules:
        rules["fqdn-" + host.replace("*.", "wildcard-").replace(".", "-")] = {
            "type": "FQDN", "category": "UserDefined", "destination": host}
    for tag in net.service_tag_rules:
        rules[f"tag-{tag['serviceTag'].lower().replace('.', '-')}"] = {
            "type": "ServiceTag", "category": "UserDefined",
            "destination": {"serviceTag": tag["serviceTag"], "protocol": tag["protocol"],
                            "portRanges": tag["portRanges"], "action": "Allow"}}
    return rules


def workspace_network(env: Environment, ws: Workspace) -> dict:
    """The workspace's publicNetworkAccess, imageBuildCompute and managedNetwork."""
    net = env.network
    managed: dict = {"isolationMode": "Disabled"}
    if net.managed:
        managed = {"isolationMode": net.isolation_mode, "outboundRules": _outbound_rules(env, ws)}
    return {"publicNetworkAccess": "Disabled" if net.private else "Enabled",
            "imageBuildCompute": ws.compute.name if net.private else "", "managedNetwork": managed}


def compute_network(env: Environment, ws: Workspace) -> dict:
    """The cluster's subnet and whether its nodes get public IPs (never in private and managed mode)."""
    subnet = ws.compute.subnet_id or env.network.compute_subnet_id
    return {"subnetId": subnet, "enableNodePublicIp": not env.network.private and not subnet}
