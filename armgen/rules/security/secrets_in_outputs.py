"""AG7009: outputs do not expose secure parameters or list*() secrets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule

SECURE_TYPES = ("securestring", "secureobject")
_PARAM_CALL = re.compile(r"\bparameters\s*\(\s*'((?:[^']|'')*)'\s*\)", re.I)
_LIST_CALL = re.compile(r"\b(list[a-z0-9]*)\s*\(", re.I)


def secure_parameters(ctx: RuleContext) -> set[str]:
    return {name.lower() for name, decl in ctx.section("parameters").items()
            if isinstance(decl, dict) and str(decl.get("type", "")).lower() in SECURE_TYPES}


class SecretsInOutputs(Rule):
    id = "AG7009"
    severity = "E"
    shortdesc = "Secrets in outputs"
    description = ("Outputs are stored in the deployment history, readable by anyone with read access to the "
                   "resource group. Do not output secureString/secureObject parameters or the result of list*() "
                   "functions (keys, connection strings); store secrets in Key Vault and output its secret URI, "
                   "or declare the output itself as securestring/secureObject.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#outputs"
    tags = ("security", "outputs")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        secure = secure_parameters(ctx)
        for path, text in ctx.expressions:
            if len(path) < 3 or path[0] != "outputs":
                continue
            decl = ctx.section("outputs").get(path[1])
            if isinstance(decl, dict) and str(decl.get("type", "")).lower() in SECURE_TYPES:
                continue
            for m in _PARAM_CALL.finditer(text):
                if m.group(1).replace("''", "'").lower() in secure:
                    yield Match(path, f"output {path[1]!r} exposes secure parameter {m.group(1)!r}; remove it "
                                      "or declare the output securestring", index=m.start())
            for m in _LIST_CALL.finditer(text):
                yield Match(path, f"output {path[1]!r} exposes the result of {m.group(1)}(); read secrets "
                                  "from Key Vault instead", index=m.start())
