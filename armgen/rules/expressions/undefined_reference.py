"""AG3004: parameters(), variables() and user functions name something declared."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.expressions import calls, declarations, literal_arg, parsed
from armgen.rulebase.rule import Match, Rule
from armgen.suggest import closest


class UndefinedReference(Rule):
    id = "AG3004"
    severity = "E"
    shortdesc = "Undefined parameter or variable"
    description = ("parameters('x') and variables('x') must name a declared parameter or variable (names are "
                   "case-insensitive; a nested template with inner scope sees only its own declarations, a "
                   "user-defined function only its own parameters and no variables).")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-deployment"
    tags = ("expressions", "parameters", "variables")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for p in parsed(ctx):
            if p.node is None:
                continue
            decl = None
            for call in calls(p.node):
                kind = call.name.lower()
                if kind not in ("parameters", "variables"):
                    continue
                name = literal_arg(call)
                if name is None:
                    continue
                decl = decl or declarations(ctx, p.path)
                if kind == "variables" and decl.in_function:
                    yield Match(p.path, "user-defined functions cannot use variables(); pass the value as a "
                                        "function parameter", index=call.column - 1)
                    continue
                known = decl.parameters if kind == "parameters" else decl.variables
                if name.lower() not in known:
                    close = closest(name.lower(), sorted(known))
                    hint = f"did you mean {close!r}?" if close else f"declare it in {kind}"
                    yield Match(p.path, f"{kind[:-1]} {name!r} is not declared; {hint}", index=call.column - 1)
