"""Microsoft.Network as Azure serves it to this platform: virtual networks and subnets, private endpoints
with their connection state, DNS zone groups that write A records, private DNS zones and their links;
and the refusals, with Azure's codes.

Subnet use (which endpoint holds which addresses) is kept in the store's ``subnetuse`` collection,
keyed by subnet id, so address allocation and "subnet in use" checks need no scan.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

from armgen import privatelink as pl
from armgen.emulator.models import monitor_scope
from armgen.emulator.models.errors import ArmHttpError, bad_request, conflict
from armgen.emulator.models.ids import ResourceId, parse_resource_id, same_id

if TYPE_CHECKING:
    from armgen.emulator.models.resources import ResourceModel

VNET = "microsoft.network/virtualnetworks"
SUBNET = "microsoft.network/virtualnetworks/subnets"
PE = "microsoft.network/privateendpoints"
ZONE_GROUP = "microsoft.network/privateendpoints/privatednszonegroups"
ZONE = "microsoft.network/privatednszones"
LINK = "microsoft.network/privatednszones/virtualnetworklinks"
REGISTRY = pl.REGISTRY.lower()
WORKSPACE = pl.WORKSPACE.lower()
USE = "subnetuse"
DNS_API = "2024-06-01"
RESERVED = 4  # Azure keeps the first four addresses of every subnet (and the last)


def _props(body: dict[str, Any] | None) -> dict[str, Any]:
    props = (body or {}).get("properties")
    return props if isinstance(props, dict) else {}


def _in_use(store: Any, subnet_id: str) -> list[str]:
    use = store.get(USE, subnet_id)
    return sorted(u["id"] for u in (use or {}).get("users", {}).values())


def _in_use_error(subnet_name: str, users: list[str]) -> ArmHttpError:
    return bad_request("InUseSubnetCannotBeDeleted",
                       f"Subnet {subnet_name} is in use by {users[0]}/ipConfigurations/privateEndpointIpConfig and "
                       "cannot be deleted. In order to delete the subnet, delete all the resources within the "
                       "subnet. See aka.ms/deletesubnet.")


# -- checks before a PUT --------------------------------------------------------------------------
def _check_vnet(store: Any, rid: ResourceId, body: dict[str, Any], current: dict[str, Any] | None) -> None:
    props = _props(body)
    spaces = []
    for prefix in (props.get("addressSpace") or {}).get("addressPrefixes") or []:
        try:
            spaces.append(ipaddress.ip_network(prefix, strict=True))
        except ValueError:
            raise bad_request("InvalidAddressPrefixFormat", f"Address prefix {prefix} of resource {rid.id} is not "
                                                            "formatted correctly.") from None
    seen: list[tuple[str, Any]] = []
    for subnet in props.get("subnets") or []:
        name = subnet.get("name", "")
        prefix = _props(subnet).get("addressPrefix", "")
        try:
            net = ipaddress.ip_network(prefix, strict=True)
        except ValueError:
            raise bad_request("InvalidAddressPrefixFormat", f"Address prefix {prefix} of resource "
                                                            f"{rid.id}/subnets/{name} is not formatted correctly.") from None
        if not any(net.version == s.version and net.subnet_of(s) for s in spaces):
            raise bad_request("NetcfgInvalidSubnet", f"Subnet '{name}' is not valid in virtual network "
                                                     f"'{rid.names[0]}'.")
        for other, other_net in seen:
            if net.overlaps(other_net):
                raise bad_request("NetcfgSubnetRangesOverlap",
                                  f"Subnet '{name}' is not valid because its IP address range overlaps with that of "
                                  f"an existing subnet '{other}' in virtual network '{rid.names[0]}'.")
        seen.append((name, net))
    if current is not None:  # a subnet the new body drops must not be in use
        kept = {n.lower() for n, _ in seen}
        for subnet in _props(current).get("subnets") or []:
            name = subnet.get("name", "")
            users = _in_use(store, f"{rid.id}/subnets/{name}")
            if name.lower() not in kept and users:
                raise _in_use_error(name, users)


def subnet_prefix(model: ResourceModel, subnet_id: str) -> str | None:
    """The address prefix of a subnet declared inside its virtual network or as a child resource."""
    sid = parse_resource_id(subnet_id)
    child = model.raw(sid.id)
    if child is not None:
        return _props(child).get("addressPrefix")
    vnet = model.raw(sid.parent or "") if sid.parent else None
    for subnet in _props(vnet).get("subnets") or []:
        if str(subnet.get("name", "")).lower() == sid.names[-1].lower():
            return _props(subnet).get("addressPrefix")
    return None


def _check_endpoint(model: ResourceModel, rid: ResourceId, body: dict[str, Any]) -> None:
    props = _props(body)
    subnet_id = (props.get("subnet") or {}).get("id", "")
    if not subnet_id or subnet_prefix(model, subnet_id) is None:
        raise bad_request("InvalidResourceReference",
                          f"Resource {subnet_id} referenced by resource {rid.id} was not found. Please make sure that "
                          "the referenced resource exists, and that both resources are in the same region.")
    for conn in props.get("privateLinkServiceConnections") or []:
        cprops = _props(conn)
        target_id = cprops.get("privateLinkServiceId", "")
        groups = cprops.get("groupIds") or []
        target = model.raw(target_id) if target_id else None
        if target is None:
            raise bad_request("InvalidResourceReference",
                              f"Resource {target_id} referenced by resource {rid.id} was not found. Please make sure "
                              "that the referenced resource exists, and that both resources are in the same region.")
        ttype = parse_resource_id(target_id).type
        if len(groups) != 1:
            raise bad_request("OnlyOneGroupIdPermitted",
                              f"Private link service connection {rid.id}/privateLinkServiceConnections/"
                              f"{conn.get('name')} has the following group Ids: {', '.join(groups)}. Only one group "
                              f"Id is permitted when connecting to a first-party resource ({target_id}).")
        offered = pl.group_ids(ttype)
        if groups[0] not in offered:
            raise bad_request("InvalidValuesForRequestParameters",
                              f"Call to {ttype} failed. Error message: Values for request parameters are invalid: "
                              f"GroupId: {groups[0]}.")
        sku = str((target.get("sku") or {}).get("name", ""))
        if ttype.lower() == REGISTRY and sku.lower() != pl.PRIVATE_REGISTRY_SKU.lower():
            raise bad_request("PrivateEndpointConnectionNotSupported",
                              f"Call to {pl.REGISTRY} failed. Error message: The requested feature private endpoint "
                              f"connection is not supported for the SKU {sku}. For more information, please visit "
                              "https://aka.ms/acr/private-link.")


def _check_link(model: ResourceModel, rid: ResourceId, body: dict[str, Any]) -> None:
    vnet_id = (_props(body).get("virtualNetwork") or {}).get("id", "")
    zone_id = rid.parent or ""
    for link in model.store.with_prefix("res", zone_id + "/virtualNetworkLinks/"):
        if not same_id(link["id"], rid.id) and same_id((_props(link).get("virtualNetwork") or {}).get("id"), vnet_id):
            raise conflict("Conflict", f"Private zone '{rid.names[0]}' is already linked to the virtual network "
                                       f"'{vnet_id}' (by link '{link['name'].split('/')[-1]}').")


def _check_zone_group(model: ResourceModel, rid: ResourceId, body: dict[str, Any]) -> None:
    for config in _props(body).get("privateDnsZoneConfigs") or []:
        zone_id = _props(config).get("privateDnsZoneId", "")
        if not zone_id or model.raw(zone_id) is None:
            raise bad_request("InvalidResourceReference",
                              f"Resource {zone_id} referenced by resource {rid.id} was not found. Please make sure "
                              "that the referenced resource exists, and that both resources are in the same region.")


def _check_registry(rid: ResourceId, body: dict[str, Any]) -> None:
    sku = str((body.get("sku") or {}).get("name", ""))
    if str(_props(body).get("publicNetworkAccess", "")).lower() == "disabled" and \
            sku.lower() != pl.PRIVATE_REGISTRY_SKU.lower():
        raise bad_request("DisablingPublicNetworkAccessNotSupported",
                          f"Disabling public network access is not supported for the SKU {sku}. For more "
                          "information, please visit https://aka.ms/acr/private-link.")


def _check_managed_network(rid: ResourceId, body: dict[str, Any], current: dict[str, Any] | None) -> None:
    managed = _props(body).get("managedNetwork") or {}
    mode = managed.get("isolationMode")
    was = (_props(current).get("managedNetwork") or {}).get("isolationMode") if current else None
    if was == "AllowOnlyApprovedOutbound" and mode in ("AllowInternetOutbound", "Disabled"):
        raise bad_request("UserError", f"The managed network of workspace '{rid.names[0]}' is "
                                       f"AllowOnlyApprovedOutbound and cannot be changed to {mode}.",
                          target="properties.managedNetwork.isolationMode")
    if was == "AllowInternetOutbound" and mode == "Disabled":
        raise bad_request("UserError", f"The managed network of workspace '{rid.names[0]}' cannot be disabled once "
                                       "enabled.", target="properties.managedNetwork.isolationMode")
    rules = managed.get("outboundRules") or {}
    if mode == "AllowInternetOutbound":
        other = sorted(n for n, r in rules.items() if isinstance(r, dict) and r.get("type") != "PrivateEndpoint")
        if other:
            raise bad_request("UserError", f"Only 'PrivateEndpoint' outbound rules are supported when managed network "
                                           f"isolation mode is 'AllowInternetOutbound' (rules: {', '.join(other)}).",
                              target="properties.managedNetwork.outboundRules")


def check_put(model: ResourceModel, rid: ResourceId, body: dict[str, Any], current: dict[str, Any] | None) -> None:
    """Azure's refusals for a PUT of a network resource, a registry or a workspace (nothing for other types)."""
    t = rid.type.lower()
    if t == VNET:
        _check_vnet(model.store, rid, body, current)
    elif t == PE:
        _check_endpoint(model, rid, body)
    elif t == ZONE_GROUP:
        _check_zone_group(model, rid, body)
    elif t == LINK:
        _check_link(model, rid, body)
    elif t == REGISTRY:
        _check_registry(rid, body)
    elif t == WORKSPACE:
        _check_managed_network(rid, body, current)


# -- runtime state after a PUT --------------------------------------------------------------------
def _allocate(model: ResourceModel, subnet_id: str, pe_id: str, count: int) -> list[str]:
    use = model.store.get(USE, subnet_id) or {"subnet": subnet_id, "users": {}}
    held = use["users"].get(pe_id.lower())
    if held is not None and len(held["ips"]) == count:
        return held["ips"]
    taken = {ip for k, u in use["users"].items() if k != pe_id.lower() for ip in u["ips"]}
    net = ipaddress.ip_network(subnet_prefix(model, subnet_id) or "10.0.0.0/24")
    free = (str(h) for i, h in enumerate(net.hosts()) if i >= RESERVED - 1 and str(h) not in taken)
    ips = [next(free) for _ in range(count)]
    use["users"][pe_id.lower()] = {"id": pe_id, "ips": ips}
    model.store.put(USE, subnet_id, use)
    return ips


def _fqdns(model: ResourceModel, target_id: str, group: str, location: str) -> list[str]:
    tid = parse_resource_id(target_id)
    if tid.type.lower() == monitor_scope.SCOPE:
        return monitor_scope.endpoint_fqdns(model, tid.id, location)
    target = model.raw(target_id) or {}
    workspace_id = _props(target).get("workspaceId", "") if tid.type.lower() == WORKSPACE else ""
    return pl.endpoint_fqdns(tid.type, tid.names[0], group, location, workspace_id)


def endpoint_runtime(model: ResourceModel, rid: ResourceId, doc: dict[str, Any]) -> None:
    """Connection state Approved (auto-approval: same tenant, deployer has rights), addresses, DNS names."""
    props = doc["properties"]
    subnet_id = props["subnet"]["id"]
    configs, connections = [], []
    for conn in props.get("privateLinkServiceConnections") or []:
        cprops = dict(_props(conn))
        cprops["privateLinkServiceConnectionState"] = {"status": "Approved", "description": "Auto-Approved",
                                                       "actionsRequired": "None"}
        cprops["provisioningState"] = "Succeeded"
        connections.append({**conn, "properties": cprops,
                            "id": f"{rid.id}/privateLinkServiceConnections/{conn.get('name')}"})
        for group in cprops.get("groupIds") or []:
            configs += [{"fqdn": f} for f in _fqdns(model, cprops["privateLinkServiceId"], group,
                                                    doc.get("location") or "")]
    ips = _allocate(model, subnet_id, rid.id, len(configs))
    for config, ip in zip(configs, ips, strict=True):
        config["ipAddresses"] = [ip]
    nic = props.get("customNetworkInterfaceName") or f"{rid.names[0]}.nic"
    props.update({"privateLinkServiceConnections": connections, "customDnsConfigs": configs,
                  "networkInterfaces": [{"id": f"{rid.scope}/providers/Microsoft.Network/networkInterfaces/{nic}"}],
                  "manualPrivateLinkServiceConnections": props.get("manualPrivateLinkServiceConnections") or []})


def _record_name(fqdn: str, zone: str) -> str | None:
    suffix = pl.PUBLIC_SUFFIX.get(zone.lower())
    if suffix and fqdn.lower().endswith("." + suffix):
        return fqdn[: -len(suffix) - 1]
    return None


def zone_group_runtime(model: ResourceModel, rid: ResourceId, doc: dict[str, Any]) -> None:
    """Write an A record for each of the endpoint's names into the zone that serves it."""
    endpoint = model.raw(rid.parent or "") or {}
    dns_configs = _props(endpoint).get("customDnsConfigs") or []
    remove_records(model, doc)  # a re-PUT rewrites them
    written: list[str] = []
    configs = []
    for config in _props(doc).get("privateDnsZoneConfigs") or []:
        zone_id = _props(config)["privateDnsZoneId"]
        zone = parse_resource_id(zone_id).names[0]
        record_sets = []
        for dns in dns_configs:
            name = _record_name(dns["fqdn"], zone)
            if name is None:
                continue
            record_id = f"{zone_id}/A/{name}"
            model.store_resource(record_id, {"properties": {"ttl": 10, "aRecords": [
                {"ipv4Address": ip} for ip in dns["ipAddresses"]]}}, DNS_API)
            written.append(record_id)
            record_sets.append({"recordType": "A", "recordSetName": name, "fqdn": f"{name}.{zone}",
                                "ttl": 10, "ipAddresses": dns["ipAddresses"], "provisioningState": "Succeeded"})
        configs.append({**config, "properties": {**_props(config), "recordSets": record_sets}})
    doc["properties"]["privateDnsZoneConfigs"] = configs
    doc["_records"] = written


def remove_records(model: ResourceModel, zone_group: dict[str, Any] | None) -> None:
    for record_id in (zone_group or {}).get("_records") or []:
        model.store.delete("res", record_id)


# -- deletes --------------------------------------------------------------------------------------
def check_delete(model: ResourceModel, rid: ResourceId, doc: dict[str, Any]) -> None:
    """A virtual network or subnet that endpoints still use cannot go (InUseSubnetCannotBeDeleted); nor can a
    monitoring resource an Azure Monitor Private Link Scope still holds."""
    monitor_scope.check_delete(model, rid)
    t = rid.type.lower()
    if t == VNET:
        for subnet in _props(doc).get("subnets") or []:
            users = _in_use(model.store, f"{rid.id}/subnets/{subnet.get('name')}")
            if users:
                raise _in_use_error(subnet.get("name", ""), users)
    elif t == SUBNET:
        users = _in_use(model.store, rid.id)
        if users:
            raise _in_use_error(rid.names[-1], users)


def after_delete(model: ResourceModel, rid: ResourceId, doc: dict[str, Any], children: list[dict[str, Any]]) -> None:
    """Release what a deleted endpoint held: its addresses and the A records of its zone groups."""
    t = rid.type.lower()
    if t == ZONE_GROUP:
        remove_records(model, doc)
    elif t == PE:
        for child in children:
            remove_records(model, child)
        subnet_id = (_props(doc).get("subnet") or {}).get("id")
        use = model.store.get(USE, subnet_id) if subnet_id else None
        if use is not None:
            use["users"].pop(rid.id.lower(), None)
            model.store.put(USE, subnet_id, use)


def delete_order(resource_type: str) -> int:
    """Deleting a group: endpoints before what they use, Azure Monitor scopes before what they hold, virtual
    networks last."""
    t = resource_type.lower()
    return {PE: 0, monitor_scope.SCOPE: 1, VNET: 3}.get(t, 2)
