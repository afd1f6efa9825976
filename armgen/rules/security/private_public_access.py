"""AG7101: nothing is open to the internet in an environment declared private or managed."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.network import network_of, public_switches
from armgen.rulebase.rule import Match, Rule


class PublicAccessInPrivateEnvironment(Rule):
    id = "AG7101"
    severity = "E"
    shortdesc = "Public network access in a private environment"
    description = ("In an environment whose network mode is private or managed, storage accounts, Key Vaults, "
                   "registries, ML workspaces, SQL servers, Log Analytics and Application Insights must have public "
                   "network access Disabled (and storage/vault networkAcls defaultAction Deny): they are reached "
                   "through private endpoints only.")
    source_url = "https://learn.microsoft.com/azure/machine-learning/how-to-network-isolation-planning"
    tags = ("security", "network", "CKV_AZURE_59", "CKV_AZURE_35", "CKV_AZURE_109", "CKV_AZURE_139",
            "CKV_AZURE_144", "CKV_AZURE_189")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        env = network_of(ctx)
        if env is None or not env.network.private:
            return
        for view, keys, value in public_switches(ctx):
            want = "Deny" if keys[-1] == "defaultAction" else "Disabled"
            yield Match((*view.ref.path, *keys), f"{keys[-1]} is {value!r} but environment {env.name} is "
                                                 f"{env.network.mode}; set it to \"{want}\"")
