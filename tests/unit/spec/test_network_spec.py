"""The ``network`` section: its model per environment and its spec errors, each one located line."""

from __future__ import annotations

from pathlib import Path

import pytest

from armgen.render.units import units_for
from armgen.spec import load_spec
from tests.unit.spec.project import SAMPLE_SPEC, edited, render, write_project

PREMIUM = (("staging: {sku: {default: Standard,", "staging: {sku: {default: Premium,"),
           ("healthy: {sku: {default: Standard,", "healthy: {sku: {default: Premium,"))
INT_VNET = "        vnet: {addressSpace: 10.20.0.0/16, endpointsPrefix: 10.20.0.0/24, computePrefix: 10.20.4.0/22}\n"


def _errors(tmp_path: Path, *edits: tuple[str, str]) -> list[str]:
    result = render(write_project(tmp_path, edited(SAMPLE_SPEC, edits)))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_sample_shows_public_private_with_created_zones_and_private_with_hub_zones() -> None:
    spec = load_spec(write_project(Path(__import__("tempfile").mkdtemp()), SAMPLE_SPEC))
    dev, int_, pro = (spec.env(e).network for e in ("dev", "int", "pro"))
    assert (dev.mode, dev.private) == ("public", False)
    assert (int_.mode, int_.create_vnet, int_.dns) == ("private", True, "create")
    assert int_.vnet_id.endswith("/resourceGroups/rg-mlp-shared-int/providers/Microsoft.Network/virtualNetworks/"
                                 "vnet-mlp-shared-int")
    assert (pro.mode, pro.create_vnet, pro.dns) == ("private", False, "hub")
    assert pro.endpoints_subnet_id.endswith("/virtualNetworks/vnet-spoke-mlp-pro/subnets/snet-ml-endpoints")
    assert sorted(pro.hub_zones) == ["azureml", "blob", "file", "notebooks", "registry", "vault"]
    units = {u.name: u for u in units_for(spec.env("int"))}
    assert units["computecluster-vision"].parameters["subnetId"] == int_.compute_subnet_id
    assert units["computecluster-vision"].parameters["enableNodePublicIp"] is False
    assert units["mlworkspace-vision"].parameters["imageBuildCompute"] == "gpu-cluster"
    dev_units = {u.name: u for u in units_for(spec.env("dev"))}
    assert dev_units["computecluster-vision"].parameters["enableNodePublicIp"] is True
    assert not [u for u in dev_units if u.startswith(("privateendpoint", "virtualnetwork", "privatednszone"))]


def test_network_units_come_first_and_endpoints_after_their_resource(tmp_path: Path) -> None:
    spec = load_spec(write_project(tmp_path, SAMPLE_SPEC))
    units = {u.name: u for u in units_for(spec.env("int"))}
    assert units["virtualnetwork"].depends_on == ("resourcegroups",)
    assert units["privatednszone-blob"].depends_on == ("virtualnetwork",)
    assert units["privateendpoint-keyvault-vault"].depends_on == ("keyvault", "virtualnetwork", "privatednszone-vault")
    assert units["privateendpoint-mlworkspace-nlp-amlworkspace"].depends_on == (
        "mlworkspace-nlp", "virtualnetwork", "privatednszone-azureml", "privatednszone-notebooks")
    assert units["privateendpoint-mlworkspace-nlp-amlworkspace"].resource_group == "rg-mlp-nlp-int"
    file = units["privateendpoint-storageaccount-workspace-file"].parameters
    assert (file["endpointName"], file["groupId"], file["zones"]) == ("pe-stmlpwsint-file", "file", ["file"])
    assert [u.parameters["zoneKey"] for u in units.values() if u.template == "privatednszone"] == [
        "blob", "file", "vault", "registry", "azureml", "notebooks"]
    pro = {u.name: u for u in units_for(spec.env("pro"))}
    assert not [u for u in pro if u.startswith(("virtualnetwork", "privatednszone"))]
    assert pro["privateendpoint-keyvault-vault"].parameters["privateDnsZoneIds"] == {
        "vault": "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-dns-hub/providers/"
                 "Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"}


def test_overlapping_subnets_are_an_error_at_the_override(tmp_path: Path) -> None:
    errors = _errors(tmp_path, (INT_VNET, INT_VNET.replace("computePrefix: 10.20.4.0/22", "computePrefix: 10.20.0.0/22")))
    line = _line_of(SAMPLE_SPEC, "endpointsPrefix: 10.20.0.0/24")
    assert errors == [f"Error: mlenv.yaml:{line}:90: environments.int.overrides.network.vnet.computePrefix: "
                      "computePrefix 10.20.0.0/22 overlaps endpointsPrefix 10.20.0.0/24 (environment int); subnets "
                      "of one virtual network must not overlap"]


def test_too_small_and_outside_prefixes_are_errors(tmp_path: Path) -> None:
    errors = _errors(tmp_path, (INT_VNET, INT_VNET.replace("endpointsPrefix: 10.20.0.0/24", "endpointsPrefix: 10.20.0.0/28")
                                .replace("computePrefix: 10.20.4.0/22", "computePrefix: 10.30.4.0/22")))
    line = _line_of(SAMPLE_SPEC, "endpointsPrefix: 10.20.0.0/24")
    assert errors == [
        f"Error: mlenv.yaml:{line}:61: environments.int.overrides.network.vnet.endpointsPrefix: endpointsPrefix "
        "10.20.0.0/28 has 11 usable addresses but environment int needs 14 for private endpoint addresses; use a "
        "/27 or larger",
        f"Error: mlenv.yaml:{line}:90: environments.int.overrides.network.vnet.computePrefix: computePrefix "
        "10.30.4.0/22 is outside the address space 10.20.0.0/16 (environment int); choose a prefix inside it",
    ]


def test_host_bits_are_an_error_with_the_network_to_use(tmp_path: Path) -> None:
    errors = _errors(tmp_path, (INT_VNET, INT_VNET.replace("addressSpace: 10.20.0.0/16", "addressSpace: 10.20.1.0/16")))
    assert len(errors) == 1
    assert "environments.int.overrides.network.vnet.addressSpace: '10.20.1.0/16' is not a valid IPv4 prefix" \
        in errors[0]
    assert errors[0].endswith("did you mean 10.20.0.0/16?")


def test_registry_below_premium_in_a_private_environment(tmp_path: Path) -> None:
    errors = _errors(tmp_path, ("staging: {sku: {default: Standard, int: Premium, pro: Premium}}",
                                "staging: {sku: {default: Standard, pro: Premium}}"))
    line = _line_of(SAMPLE_SPEC, "staging: {sku:")
    assert errors == [f"Error: mlenv.yaml:{line}:20: shared.registries.staging.sku: registry 'staging' is Standard "
                      "in environment int, whose network mode is private: a registry behind a private endpoint "
                      "(public access disabled) needs the Premium SKU; set sku to Premium for int"]


def test_hub_dns_must_name_every_zone_the_endpoints_need(tmp_path: Path) -> None:
    vault = next(line for line in SAMPLE_SPEC.splitlines(keepends=True) if "privatelink.vaultcore.azure.net:" in line)
    errors = _errors(tmp_path, (vault, ""))
    line = _line_of(SAMPLE_SPEC, "privatelink.blob.core.windows.net:")
    assert errors == [f"Error: mlenv.yaml:{line}:11: environments.pro.overrides.network.dns: no hub zone for "
                      "privatelink.vaultcore.azure.net in environment pro (its private endpoints need it); add "
                      "'<zone>: <resource id>' or use dns: create"]


def test_managed_network_rules_need_only_approved_outbound(tmp_path: Path) -> None:
    errors = _errors(tmp_path, ("  mode: public                  # dev;",
                                "  mode: managed\n  managedNetwork: {isolationMode: AllowInternetOutbound, "
                                "fqdnRules: [pypi.org]}\n  vnet: {addressSpace: 10.30.0.0/16, endpointsPrefix: "
                                "10.30.0.0/24}\n  #"), *PREMIUM)
    assert errors[0].endswith("network.managedNetwork.isolationMode: FQDN and service tag outbound rules need "
                              "isolationMode AllowOnlyApprovedOutbound (environment dev): with AllowInternetOutbound "
                              "Azure ML accepts only private endpoint rules")


@pytest.mark.parametrize("isolation", ["AllowOnlyApprovedOutbound", "AllowInternetOutbound"])
def test_managed_mode_puts_workspaces_on_the_managed_network(tmp_path: Path, isolation: str) -> None:
    rules = "fqdnRules: [pypi.org], serviceTagRules: [{serviceTag: AzureActiveDirectory}]" \
        if isolation == "AllowOnlyApprovedOutbound" else "fqdnRules: []"
    spec = load_spec(write_project(tmp_path, edited(SAMPLE_SPEC, (
        ("  mode: public                  # dev;",
         f"  mode: managed\n  managedNetwork: {{isolationMode: {isolation}, {rules}}}\n"
         "  vnet: {addressSpace: 10.30.0.0/16, endpointsPrefix: 10.30.0.0/24}\n  #"), *PREMIUM))))
    units = {u.name: u for u in units_for(spec.env("dev"))}
    managed = units["mlworkspace-vision"].parameters["managedNetwork"]
    assert managed["isolationMode"] == isolation
    kinds = sorted({r["type"] for r in managed["outboundRules"].values()})
    assert kinds == (["FQDN", "PrivateEndpoint", "ServiceTag"] if isolation == "AllowOnlyApprovedOutbound"
                     else ["PrivateEndpoint"])
    targets = {r["destination"]["serviceResourceId"].rsplit("/", 1)[-1] for r in managed["outboundRules"].values()
               if r["type"] == "PrivateEndpoint"}
    assert targets == {"stmlpwsdev", "stmlpdatadev", "kv-mlp-shared-dev", "crmlpstagingdev", "crmlphealthydev"}
    compute = units["computecluster-vision"].parameters
    assert (compute["subnetId"], compute["enableNodePublicIp"]) == ("", False)
    vnet = units["virtualnetwork"].parameters
    assert vnet["endpointsSubnetName"] == "snet-endpoints"
    assert "computeSubnetName" not in vnet  # no compute subnet: the clusters are on the managed network
