"""AG1005: parameter and output declarations name a valid type."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule

TYPES = ("string", "securestring", "int", "bool", "object", "secureobject", "array")


class Declarations(Rule):
    id = "AG1005"
    severity = "E"
    shortdesc = "Parameter and output declarations"
    description = ("Every parameter and output needs a type among string, securestring, int, bool, object, "
                   "secureObject and array (or a $ref to a definition with languageVersion 2.0); every output "
                   "needs a value or copy.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/data-types"
    tags = ("structure", "parameters", "outputs")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for section in ("parameters", "outputs"):
            for name, decl in ctx.section(section).items():
                path = (section, name)
                if not isinstance(decl, dict):
                    yield Match(path, f"{section[:-1]} {name!r} must be an object with a type")
                    continue
                if "$ref" in decl:
                    continue
                ptype = decl.get("type")
                if ptype is None:
                    yield Match(path, f"{section[:-1]} {name!r} has no type; add one of {', '.join(TYPES)}")
                elif not isinstance(ptype, str) or ptype.lower() not in TYPES:
                    yield Match((*path, "type"), f"type {ptype!r} of {name!r} is not an ARM type; use one of "
                                                 f"{', '.join(TYPES)}")
                if section == "outputs" and "value" not in decl and "copy" not in decl:
                    yield Match(path, f"output {name!r} has no value; add \"value\"")
