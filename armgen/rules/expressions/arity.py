"""AG3003: functions get the number of arguments they take."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.arm import ArmError
from armgen.arm.functions import known_functions
from armgen.rulebase.context import RuleContext
from armgen.rulebase.expressions import all_calls, declarations
from armgen.rulebase.rule import Match, Rule


class FunctionArity(Rule):
    id = "AG3003"
    severity = "E"
    shortdesc = "Function arguments count"
    description = "Each function takes a fixed range of arguments; ARM fails the deployment otherwise."
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions"
    tags = ("expressions",)

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        builtins = known_functions()
        for p, call in all_calls(ctx):
            name = call.name.lower()
            if "." in name:
                expected = declarations(ctx, p.path).functions.get(name)
                if expected is not None and expected != len(call.args):
                    yield Match(p.path, f"{call.name}() takes {expected} argument(s), {len(call.args)} given",
                                index=call.column - 1)
                continue
            spec = builtins.get(name)
            if spec is None:
                continue
            try:
                spec.check_arity(len(call.args))
            except ArmError:
                yield Match(p.path, f"{spec.name}() takes {_range(spec.min_args, spec.max_args)} argument(s), "
                                    f"{len(call.args)} given", index=call.column - 1)


def _range(lo: int, hi: int | None) -> str:
    if hi is None:
        return f"at least {lo}"
    return str(lo) if lo == hi else f"{lo} to {hi}"
