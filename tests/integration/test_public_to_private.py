"""Switching a deployed environment from public to private: what-if shows exactly the network resources
to create and the public-access flips, nothing else."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.integration.test_deploy_e2e import ENV, armgen, deploy_json, workdir  # noqa: F401 - fixture

pytestmark = pytest.mark.integration

PRIVATE = "        mode: private\n        vnet: {addressSpace: 10.20.0.0/16"
PUBLIC = "        mode: public\n        vnet: {addressSpace: 10.20.0.0/16"

# what may change on a resource that already exists: its public access, and (in private mode) the
# workspace's image build compute and the cluster's subnet and node public IPs
FLIPS = {
    "properties.publicNetworkAccess", "properties.networkAcls.defaultAction",
    "properties.publicNetworkAccessForIngestion", "properties.publicNetworkAccessForQuery",
    "properties.imageBuildCompute", "properties.properties.subnet", "properties.properties.enableNodePublicIp",
}


def _type(resource_id: str) -> str:
    tail = resource_id.split("/providers/")[-1].split("/")
    return "/".join([tail[0], *tail[1::2]])


def _paths(delta: list[dict], prefix: str = "") -> set[str]:
    out = set()
    for d in delta:
        path = f"{prefix}{d['path']}"
        if d.get("children") and d["propertyChangeType"] not in ("Create", "Delete"):
            out |= _paths(d["children"], f"{path}.")
        else:
            out.add(path)
    return out


NETWORK = {
    "Microsoft.Network/virtualNetworks": 1, "Microsoft.Network/networkSecurityGroups": 2,
    "Microsoft.Network/privateDnsZones": 7, "Microsoft.Network/privateDnsZones/virtualNetworkLinks": 7,
    "Microsoft.Network/privateEndpoints": 9, "Microsoft.Network/privateEndpoints/privateDnsZoneGroups": 9,
}
# with monitor: privateLinkScope, also the scope with its two scoped resources, four more zones and links,
# and its endpoint with its zone group
WITH_SCOPE = {**NETWORK, "Microsoft.Insights/privateLinkScopes": 1,
              "Microsoft.Insights/privateLinkScopes/scopedResources": 2,
              "Microsoft.Network/privateDnsZones": 11, "Microsoft.Network/privateDnsZones/virtualNetworkLinks": 11,
              "Microsoft.Network/privateEndpoints": 10, "Microsoft.Network/privateEndpoints/privateDnsZoneGroups": 10}


@pytest.mark.parametrize("monitor", ["none", "privateLinkScope"])
def test_public_to_private_what_if_shows_endpoints_zones_links_and_flips(workdir: Path, monitor: str) -> None:  # noqa: F811
    spec = workdir / "mlenv.yaml"
    private_text = spec.read_text().replace("        dns: create\n", f"        dns: create\n        monitor: {monitor}\n")
    spec.write_text(private_text.replace(PRIVATE, PUBLIC))
    assert armgen(workdir, "render").exit_code == 0
    code, report = deploy_json(workdir)
    assert code == 0, report
    assert len(report["units"]) == 22  # public: no network units

    spec.write_text(private_text)
    assert armgen(workdir, "render").exit_code == 0
    shown = armgen(workdir, "what-if", "--env", ENV, "--format", "json")
    assert shown.exit_code == 0, shown.output
    units = json.loads(shown.stdout)["units"]
    changes = [c for u in units for c in u["changes"]]
    kinds = Counter(c["changeType"] for c in changes)
    assert set(kinds) <= {"Create", "Modify", "NoChange", "Ignore"}, kinds

    created_types = Counter(_type(c["resourceId"]) for c in changes if c["changeType"] == "Create")
    assert created_types == (WITH_SCOPE if monitor == "privateLinkScope" else NETWORK)

    modified = {c["resourceId"].rsplit("/", 1)[-1]: _paths(c.get("delta") or [])
                for c in changes if c["changeType"] == "Modify"}
    assert sorted(modified) == sorted(["stmlpwsint", "stmlpdataint", "kv-mlp-shared-int", "crmlpstagingint",
                                       "crmlphealthyint", "log-mlp-shared-int", "appi-mlp-shared-int",
                                       "mlw-mlp-vision-int", "mlw-mlp-nlp-int", "gpu-cluster", "cpu-cluster"])
    for name, paths in modified.items():
        assert paths and paths <= FLIPS, (name, paths - FLIPS)
    assert modified["stmlpwsint"] == {"properties.publicNetworkAccess", "properties.networkAcls.defaultAction"}
    assert modified["mlw-mlp-vision-int"] == {"properties.publicNetworkAccess", "properties.imageBuildCompute"}
