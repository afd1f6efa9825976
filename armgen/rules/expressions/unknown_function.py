"""AG3002: every function exists (built-in, list*, or user-defined)."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.arm.functions import known_functions
from armgen.rulebase.context import RuleContext
from armgen.rulebase.expressions import all_calls, declarations
from armgen.rulebase.rule import Match, Rule
from armgen.suggest import closest


class UnknownFunction(Rule):
    id = "AG3002"
    severity = "E"
    shortdesc = "Unknown function"
    description = ("ARM fails with 'The template function ... is not valid' for a function it does not know. "
                   "Function names are case-insensitive; user-defined functions are called as namespace.name.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions"
    tags = ("expressions",)

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        builtins = known_functions()
        for p, call in all_calls(ctx):
            name = call.name.lower()
            if "." in name:
                if name not in declarations(ctx, p.path).functions:
                    yield Match(p.path, f"user-defined function {call.name!r} is not declared in "
                                        "functions; declare it or fix the namespace/name",
                                index=call.column - 1)
            elif name not in builtins and not name.startswith("list"):
                close = closest(name, list(builtins))
                hint = f"; did you mean {builtins[close].name!r}?" if close else ""
                yield Match(p.path, f"unknown function {call.name!r}{hint}", index=call.column - 1)
