"""AG7104: compute cluster nodes have no public IPs in a private or managed environment."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.network import network_of
from armgen.rulebase.rule import Match, Rule


class ComputePublicIpInPrivateEnvironment(Rule):
    id = "AG7104"
    severity = "E"
    shortdesc = "Compute cluster with public IPs in a private environment"
    description = ("In a private environment compute clusters sit in the compute subnet with "
                   "enableNodePublicIp false (on the managed network in managed mode); nodes with public IPs "
                   "are reachable from the internet and bypass the network's egress control.")
    source_url = "https://learn.microsoft.com/azure/machine-learning/how-to-secure-training-vnet"
    tags = ("security", "network", "compute")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        env = network_of(ctx)
        if env is None or not env.network.private:
            return
        for view in views(ctx, "Microsoft.MachineLearningServices/workspaces/computes"):
            inner = view.properties.get("properties")
            if not view.evaluated or not isinstance(inner, dict):
                continue
            base = (*view.ref.path, "properties", "properties")
            if inner.get("enableNodePublicIp", True) is not False:
                yield Match((*base, "enableNodePublicIp"), f"enableNodePublicIp is not false in environment "
                                                           f"{env.name} ({env.network.mode}); set it to false")
            elif env.network.mode == "private" and not (inner.get("subnet") or {}).get("id"):
                yield Match(base, f"the cluster has no subnet in environment {env.name} (private); put it in "
                                  "the compute subnet")
