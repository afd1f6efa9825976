"""AG7106: an Azure Monitor Private Link Scope in a private environment keeps its networks to the scope."""

from __future__ import annotations

from collections.abc import Iterator

from armgen import privatelink as pl
from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.network import network_of
from armgen.rulebase.rule import Match, Rule

MODES = ("ingestionAccessMode", "queryAccessMode")


class OpenMonitorScope(Rule):
    id = "AG7106"
    severity = "E"
    shortdesc = "Azure Monitor Private Link Scope with an Open access mode"
    description = ("In an environment whose network mode is private or managed, an Azure Monitor Private Link "
                   "Scope must set accessModeSettings ingestionAccessMode and queryAccessMode to PrivateOnly: with "
                   "Open (Azure's default when absent), the networks connected to the scope also reach Log Analytics "
                   "workspaces and Application Insights outside it, a path for data to leave.")
    source_url = "https://learn.microsoft.com/azure/azure-monitor/logs/private-link-design"
    tags = ("security", "network", "privateLinkScope")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        env = network_of(ctx)
        if env is None or not env.network.private:
            return
        for view in views(ctx, pl.MONITOR_SCOPE):
            if not view.evaluated:
                continue
            for key in MODES:
                value = view.literal("properties", "accessModeSettings", key)
                if value is None or str(value).lower() != "privateonly":
                    yield Match((*view.ref.path, "properties", "accessModeSettings", key),
                                f"{key} is {value or 'absent (Open)'!r} but environment {env.name} is "
                                f"{env.network.mode}; set it to \"PrivateOnly\"")
