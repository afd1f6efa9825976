"""verify's network checks: private-link resources closed to the internet, their endpoints Approved, zone
groups on the right zones with the A records written; clusters without public IPs; managed isolation."""

from __future__ import annotations

from armgen import privatelink as pl
from armgen.check_report import CheckReport
from armgen.live.fetch import get_resource
from armgen.live.state import LiveState
from armgen.render.network_units import endpoint_name, environment_endpoints, resource_id
from armgen.spec.endpoints import PlannedEndpoint
from armgen.spec.model import Environment

PE = "Microsoft.Network/privateEndpoints"
ZONES = "Microsoft.Network/privateDnsZones"


def _props(body: dict | None) -> dict:
    props = (body or {}).get("properties")
    return props if isinstance(props, dict) else {}


def _expected_zone_ids(env: Environment, group_id: str) -> list[str]:
    net = env.network
    keys = pl.GROUP_ZONES.get(group_id, ())
    if net.dns == "hub":
        return [net.hub_zones[k] for k in keys]
    return [resource_id(env, env.shared.resource_group, ZONES, pl.ZONES[k]) for k in keys]


def _monitor_scope(report: CheckReport, env: Environment, state: LiveState, pe: PlannedEndpoint,
                   scope: dict | None) -> None:
    """The Azure Monitor Private Link Scope: PrivateOnly both ways, holding the Log Analytics workspace and
    Application Insights, which keep their public ingestion and query off."""
    name = f"{pe.target_name} is PrivateOnly and scopes the monitoring resources"
    scope_id = resource_id(env, pe.target_group, pe.target_type, pe.target_name)
    if scope is None:
        report.add("private-link", name, False, f"not found: {scope_id}")
        return
    modes = _props(scope).get("accessModeSettings") or {}
    problems = [f"{k} is {modes.get(k)}" for k in ("ingestionAccessMode", "queryAccessMode")
                if modes.get(k) != "PrivateOnly"]
    s = env.shared
    monitored = [resource_id(env, s.resource_group, pl.LOG_ANALYTICS, s.log_analytics_name),
                 resource_id(env, s.resource_group, pl.APP_INSIGHTS, s.app_insights_name)]
    scoped = {str(_props(state.body(f"{scope_id}/scopedResources/{m.rsplit('/', 1)[-1]}-connection"))
                  .get("linkedResourceId", "")).lower() for m in monitored}
    problems += [f"{m.rsplit('/', 1)[-1]} is not a scoped resource" for m in monitored if m.lower() not in scoped]
    report.add("private-link", name, not problems, "; ".join(problems))
    for m in monitored:
        props = _props(state.body(m))
        open_ = [f"{k} is {props.get(k, 'Enabled (absent)')}" for k in
                 ("publicNetworkAccessForIngestion", "publicNetworkAccessForQuery")
                 if str(props.get(k, "Enabled")).lower() != "disabled"]
        report.add("private-link", f"{m.rsplit('/', 1)[-1]} has public ingestion and query disabled", not open_,
                   "; ".join(open_))


def _public_access(report: CheckReport, env: Environment, pe: PlannedEndpoint, target: dict | None) -> None:
    name = f"{pe.target_name} has public network access disabled"
    if target is None:
        report.add("private-link", name, False, f"not found: {resource_id(env, pe.target_group, pe.target_type, pe.target_name)}")
        return
    value = _props(target).get("publicNetworkAccess", "Enabled (absent)")
    acl = (_props(target).get("networkAcls") or {}).get("defaultAction")
    problems = [f"publicNetworkAccess is {value}"] if str(value).lower() != "disabled" else []
    if acl is not None and str(acl).lower() != "deny":
        problems.append(f"networkAcls.defaultAction is {acl}")
    report.add("private-link", name, not problems, "; ".join(problems))


def _records(report: CheckReport, state: LiveState, pe_body: dict, zone_ids: list[str], label: str) -> None:
    """Every name the endpoint serves has its A record, with the endpoint's address, in its zone."""
    missing = []
    for config in _props(pe_body).get("customDnsConfigs") or []:
        fqdn, ips = config.get("fqdn", ""), config.get("ipAddresses") or []
        zone_id = next((z for z in zone_ids if fqdn.lower().endswith(
            "." + pl.PUBLIC_SUFFIX.get(z.rsplit("/", 1)[-1].lower(), "-"))), None)
        if zone_id is None:
            continue
        suffix = pl.PUBLIC_SUFFIX[zone_id.rsplit("/", 1)[-1].lower()]
        record = get_resource(state.target, f"{zone_id}/A/{fqdn[: -len(suffix) - 1]}")
        have = [a.get("ipv4Address") for a in _props(record).get("aRecords") or []]
        if record is None or sorted(have) != sorted(ips):
            missing.append(f"{fqdn} -> {', '.join(ips)}" + ("" if record is None else f" (record has {have})"))
    report.add("private-dns", f"{label} has its A records", not missing,
               f"missing or wrong: {'; '.join(missing)}" if missing else "")


def _endpoint(report: CheckReport, env: Environment, state: LiveState, pe: PlannedEndpoint, group: str) -> None:
    name = endpoint_name(pe, group)
    pe_id = resource_id(env, pe.target_group, PE, name)
    label = f"endpoint {name}"
    body = state.body(pe_id)
    if body is None:
        report.add("private-endpoints", f"{label} is present and Approved", False, f"not found: {pe_id}")
        return
    target_id = resource_id(env, pe.target_group, pe.target_type, pe.target_name)
    problems = []
    conns = _props(body).get("privateLinkServiceConnections") or []
    conn = next((c for c in conns if str(_props(c).get("privateLinkServiceId", "")).lower() == target_id.lower()),
                None)
    if conn is None:
        problems.append(f"no connection to {target_id}")
    else:
        status = (_props(conn).get("privateLinkServiceConnectionState") or {}).get("status")
        if status != "Approved":
            problems.append(f"connection state is {status}")
        if _props(conn).get("groupIds") != [group]:
            problems.append(f"groupIds are {_props(conn).get('groupIds')}, expected [{group}]")
    if str((_props(body).get("subnet") or {}).get("id", "")).lower() != env.network.endpoints_subnet_id.lower():
        problems.append(f"subnet is {(_props(body).get('subnet') or {}).get('id')}")
    report.add("private-endpoints", f"{label} is present and Approved", not problems, "; ".join(problems))
    if env.network.dns == "policy":
        return
    zone_ids = _expected_zone_ids(env, group)
    zone_group = state.body(f"{pe_id}/privateDnsZoneGroups/default")
    have = sorted(str(_props(c).get("privateDnsZoneId", "")).lower()
                  for c in _props(zone_group).get("privateDnsZoneConfigs") or [])
    want = sorted(z.lower() for z in zone_ids)
    report.add("private-dns", f"{label}'s zone group is on {', '.join(z.rsplit('/', 1)[-1] for z in zone_ids)}",
               have == want, "" if have == want else f"zone group has {have or 'no zones'}")
    _records(report, state, body, zone_ids, label)


def check_network(report: CheckReport, env: Environment, state: LiveState) -> None:
    """The private-network checks of a private or managed environment (nothing in public mode)."""
    net = env.network
    if not net.private:
        return
    for pe in environment_endpoints(env):
        target = state.body(resource_id(env, pe.target_group, pe.target_type, pe.target_name))
        if pe.target_type == pl.MONITOR_SCOPE:
            _monitor_scope(report, env, state, pe, target)
        else:
            _public_access(report, env, pe, target)
        for group in pe.group_ids:
            _endpoint(report, env, state, pe, group)
    for ws in env.workspaces:
        ws_id = resource_id(env, ws.resource_group, pl.WORKSPACE, ws.name)
        cluster = state.body(f"{ws_id}/computes/{ws.compute.name}")
        inner = _props(cluster).get("properties") or {}
        problems = [] if inner.get("enableNodePublicIp") is False else [
            f"enableNodePublicIp is {inner.get('enableNodePublicIp')}"]
        subnet = str((inner.get("subnet") or {}).get("id", ""))
        if net.mode == "private" and subnet.lower() != (ws.compute.subnet_id or net.compute_subnet_id).lower():
            problems.append(f"subnet is {subnet or 'none'}, expected {ws.compute.subnet_id or net.compute_subnet_id}")
        if cluster is None:
            problems = [f"not found: {ws_id}/computes/{ws.compute.name}"]
        report.add("compute-network", f"cluster {ws.compute.name} of {ws.name} has no public IPs", not problems,
                   "; ".join(problems))
        if net.managed:
            mode = (_props(state.body(ws_id)).get("managedNetwork") or {}).get("isolationMode")
            report.add("managed-network", f"workspace {ws.name} isolation is {net.isolation_mode}",
                       mode == net.isolation_mode, "" if mode == net.isolation_mode else f"isolationMode is {mode}")
