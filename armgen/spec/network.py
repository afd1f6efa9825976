"""The ``network`` section of one environment: its model and the spec errors it can have (file:line)."""

from __future__ import annotations

import contextlib
import ipaddress
from typing import Any

from armgen import privatelink as pl
from armgen.errors import SourceError
from armgen.jsonmarks import path_text
from armgen.spec.endpoints import planned_endpoints
from armgen.spec.model import Network, Shared, Workspace
from armgen.spec.yaml_loader import mark_of

SMALLEST_SUBNET = 29  # Azure's smallest IPv4 subnet
RESERVED_PER_SUBNET = 5  # network, broadcast and three addresses Azure keeps in every subnet


class _Errors:
    def __init__(self, doc: Any, env: str, file: str) -> None:
        self.doc, self.env, self.file = doc, env, file
        self.found: list[SourceError] = []

    def add(self, path: list, message: str) -> None:
        line, col = mark_of(self.doc, path)
        self.found.append(SourceError(self.file, line, col, path_text(path), message))


def _prefixes(vnet: dict, err: _Errors) -> dict[str, ipaddress.IPv4Network]:
    out: dict[str, ipaddress.IPv4Network] = {}
    for key in ("addressSpace", "endpointsPrefix", "computePrefix"):
        try:
            out[key] = ipaddress.IPv4Network(vnet[key], strict=True)
        except ValueError as exc:
            fix = ""
            with contextlib.suppress(ValueError):
                fix = f"; did you mean {ipaddress.IPv4Network(vnet[key], strict=False)}?"
            err.add(["network", "vnet", key], f"{vnet[key]!r} is not a valid IPv4 prefix ({exc}){fix}")
    return out


def _check_prefixes(vnet: dict, mode: str, needs: dict[str, int], err: _Errors) -> None:
    """Subnets inside the address space, not overlapping, and big enough for what they hold."""
    nets = _prefixes(vnet, err)
    space = nets.get("addressSpace")
    subnets = [k for k in ("endpointsPrefix", "computePrefix") if k in nets and (k != "computePrefix"
                                                                                  or mode == "private")]
    for key in subnets:
        net = nets[key]
        where = ["network", "vnet", key]
        if space is not None and not net.subnet_of(space):
            err.add(where, f"{key} {net} is outside the address space {space} (environment {err.env}); "
                           f"choose a prefix inside it")
        if net.prefixlen > SMALLEST_SUBNET:
            err.add(where, f"{key} {net} is too small: Azure's smallest subnet is /{SMALLEST_SUBNET} "
                           f"(environment {err.env})")
            continue
        usable = net.num_addresses - RESERVED_PER_SUBNET
        if usable < needs[key]:
            what = "private endpoint addresses" if key == "endpointsPrefix" else "compute nodes (sum of maxNodes)"
            bigger = min(SMALLEST_SUBNET, 32 - (needs[key] + RESERVED_PER_SUBNET - 1).bit_length())
            err.add(where, f"{key} {net} has {usable} usable addresses but environment {err.env} needs "
                           f"{needs[key]} for {what}; use a /{bigger} or larger")
    if len(subnets) == 2 and nets["endpointsPrefix"].overlaps(nets["computePrefix"]):
        err.add(["network", "vnet", "computePrefix"],
                f"computePrefix {nets['computePrefix']} overlaps endpointsPrefix {nets['endpointsPrefix']} "
                f"(environment {err.env}); subnets of one virtual network must not overlap")


def _hub_zones(dns: dict, needed: list[str], err: _Errors) -> dict[str, str]:
    """Zone key -> id of the hub zones; every zone the endpoints need must be there."""
    out: dict[str, str] = {}
    for zone, zone_id in dns.items():
        key = pl.zone_key(zone)
        if key is None:
            err.add(["network", "dns", zone], f"'{zone}' is not a zone armgen's endpoints use; known zones: "
                                              f"{', '.join(sorted(set(needed)))}")
            continue
        if zone_id.rsplit("/", 1)[-1].lower() != zone.lower():
            err.add(["network", "dns", zone], f"the zone id ends in '{zone_id.rsplit('/', 1)[-1]}', not '{zone}'; "
                                              "give the id of that zone")
        out[key] = zone_id
    for zone in dict.fromkeys(needed):
        if pl.zone_key(zone) not in out:
            err.add(["network", "dns"], f"no hub zone for {zone} in environment {err.env} (its private endpoints "
                                        "need it); add '<zone>: <resource id>' or use dns: create")
    return out


def _registry_skus(doc: Any, shared: Shared, err: _Errors) -> None:
    for key, cr in shared.registries.items():
        if cr.sku != pl.PRIVATE_REGISTRY_SKU:
            err.add(["shared", "registries", key, "sku"],
                    f"registry '{key}' is {cr.sku} in environment {err.env}, whose network mode is "
                    f"{doc['network']['mode']}: a registry behind a private endpoint (public access disabled) needs "
                    f"the Premium SKU; set sku to Premium for {err.env}")


def build_network(doc: Any, env: str, file: str, namer: Any, shared: Shared, workspaces: list[Workspace],
                  subscription: str) -> tuple[Network, list[SourceError]]:
    """The network model of ``env`` and its located errors."""
    net = doc["network"]
    mode = net["mode"]
    monitor = net.get("monitor", "none")
    if mode == "public":  # vnet, dns and monitor apply to private and managed environments only
        return Network(), []
    err = _Errors(doc, env, file)
    vnet = net["vnet"]
    scope = namer.name(pl.MONITOR_SCOPE, "shared") if monitor == "privateLinkScope" else ""
    endpoints = planned_endpoints(shared, workspaces, scope)
    if vnet.get("id"):
        vnet_id, create = vnet["id"], False
        vnet_name = vnet_id.rsplit("/", 1)[-1]
    else:
        vnet_name = namer.name("Microsoft.Network/virtualNetworks", "shared", ["network", "vnet", "name"],
                               vnet.get("name"))
        vnet_id = (f"/subscriptions/{subscription}/resourceGroups/{shared.resource_group}/providers/"
                   f"Microsoft.Network/virtualNetworks/{vnet_name}")
        create = True
        needs = {"endpointsPrefix": sum(e.ip_count for e in endpoints),
                 "computePrefix": sum(w.compute.max_nodes for w in workspaces)}
        _check_prefixes(vnet, mode, needs, err)
    dns, hub = net["dns"], {}
    if isinstance(dns, dict):
        hub = _hub_zones(dns, [z for e in endpoints for z in e.zone_names()], err)
        dns = "hub"
    _registry_skus(doc, shared, err)
    managed = net["managedNetwork"]
    isolation = managed["isolationMode"] if mode == "managed" else ""
    if isolation == "AllowInternetOutbound" and (managed["fqdnRules"] or managed["serviceTagRules"]):
        err.add(["network", "managedNetwork", "isolationMode"],
                f"FQDN and service tag outbound rules need isolationMode AllowOnlyApprovedOutbound (environment "
                f"{env}): with AllowInternetOutbound Azure ML accepts only private endpoint rules")
    model = Network(
        mode=mode, vnet_id=vnet_id, vnet_name=vnet_name, create_vnet=create,
        address_space=vnet["addressSpace"], endpoints_subnet=vnet["endpointsSubnet"],
        endpoints_prefix=vnet["endpointsPrefix"], compute_subnet=vnet["computeSubnet"],
        compute_prefix=vnet["computePrefix"],
        endpoints_nsg=namer.name("Microsoft.Network/networkSecurityGroups", "endpoints"),
        compute_nsg=namer.name("Microsoft.Network/networkSecurityGroups", "compute"),
        dns=dns, hub_zones=hub, isolation_mode=isolation,
        fqdn_rules=list(managed["fqdnRules"]) if isolation == "AllowOnlyApprovedOutbound" else [],
        service_tag_rules=[dict(r) for r in managed["serviceTagRules"]]
        if isolation == "AllowOnlyApprovedOutbound" else [],
        monitor=monitor, monitor_scope=scope,
    )
    return model, err.found
