"""AG2007: secure parameters have no literal default."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.rule import Match, Rule
from armgen.rulebase.context import RuleContext, is_expression


class SecureParameterDefault(Rule):
    id = "AG2007"
    severity = "W"
    shortdesc = "Secure parameter with default"
    description = ("A securestring/secureObject parameter with a literal defaultValue commits the secret to the "
                   "template; leave the default out (an empty value or an expression such as newGuid() is fine) "
                   "and supply the value from Key Vault.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#security-recommendations-for-parameters"
    tags = ("parameters", "security")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for name, decl in ctx.section("parameters").items():
            if not isinstance(decl, dict) or str(decl.get("type", "")).lower() not in ("securestring", "secureobject"):
                continue
            default = decl.get("defaultValue")
            if default not in (None, "", {}) and not is_expression(default):
                yield Match(("parameters", name, "defaultValue"),
                            f"secure parameter {name!r} has a literal defaultValue; remove it and pass the value "
                            "from Key Vault")
