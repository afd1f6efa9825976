"""AG7105: a production environment on public endpoints."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.network import network_of, public_switches
from armgen.rulebase.rule import Match, Rule


class PublicProductionEnvironment(Rule):
    id = "AG7105"
    severity = "W"
    shortdesc = "Production environment with public network access"
    description = ("An environment with production: true whose network mode is public exposes its storage, "
                   "vault, registries and workspaces to the internet; set network.mode to private or managed "
                   "for it (environments.<env>.overrides.network).")
    source_url = "https://learn.microsoft.com/azure/machine-learning/how-to-network-isolation-planning"
    tags = ("security", "network")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        env = network_of(ctx)
        if env is None or not env.production or env.network.private:
            return
        for view, keys, value in public_switches(ctx):
            yield Match((*view.ref.path, *keys), f"{keys[-1]} is {value!r} in production environment {env.name} "
                                                 "(network mode public); use network mode private or managed")
