"""AG7103: a registry behind a private endpoint (public access disabled) is Premium."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.privatelink import PRIVATE_REGISTRY_SKU
from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.network import network_of
from armgen.rulebase.rule import Match, Rule


class PrivateRegistryBelowPremium(Rule):
    id = "AG7103"
    severity = "E"
    shortdesc = "Private registry below Premium"
    description = ("Private endpoints and public access Disabled are Premium features of Azure Container "
                   "Registry; a Basic or Standard registry fails with DisablingPublicNetworkAccessNotSupported.")
    source_url = "https://learn.microsoft.com/azure/container-registry/container-registry-private-link"
    tags = ("security", "network", "containerregistry")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        env = network_of(ctx)
        private_env = env is not None and env.network.private
        for view in views(ctx, "Microsoft.ContainerRegistry/registries"):
            sku = view.literal("sku", "name")
            access = view.literal("properties", "publicNetworkAccess")
            if not isinstance(sku, str) or sku.lower() == PRIVATE_REGISTRY_SKU.lower():
                continue
            if private_env or (isinstance(access, str) and access.lower() == "disabled"):
                why = f"environment {env.name} is {env.network.mode}" if private_env else "public access is Disabled"
                yield Match((*view.ref.path, "sku", "name"), f"registry sku is {sku!r} but {why}: private "
                                                              "endpoints need the Premium SKU; use \"Premium\"")
