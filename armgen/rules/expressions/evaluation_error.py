"""AG3006: the template evaluates with each parameter file."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.evaluation import evaluate
from armgen.rulebase.rule import Match, Rule

# Rules whose findings explain an engine failure better; when one of them fires, AG3006 stays quiet.
ROOT_CAUSE_RULES = ("AG1004", "AG1005", "AG2001", "AG2002", "AG2003", "AG2004", "AG2005",
                    "AG3001", "AG3002", "AG3003", "AG3004", "AG3005")


def engine_error_kind(message: str, code: str, path: list) -> str:
    """Which rule reports an engine error: AG4001 unknown dependsOn, AG4002 cycle, else AG3006."""
    if code == "DeploymentCycle":
        return "AG4002"
    if "dependsOn" in path and "is not defined in the template" in message:
        return "AG4001"
    return "AG3006"


def root_causes(ctx: RuleContext) -> bool:
    """True when a static rule already reports something the engine would stumble on."""
    from armgen.rules import all_rules

    def any_static() -> bool:
        rules = [r for r in all_rules() if r.id in ROOT_CAUSE_RULES]
        return any(next(iter(r.match(ctx)), None) is not None for r in rules)

    return ctx.memo("root-causes", any_static, shared=False)


def hidden_engine_error(ctx: RuleContext) -> bool:
    """True when evaluation failed and the failure is left to a static finding (so evaluated checks did not run)."""
    result = evaluate(ctx)
    if result is None or result.error is None:
        return False
    err = result.error
    return engine_error_kind(err.message, err.code, err.path) == "AG3006" and root_causes(ctx)


def engine_matches(ctx: RuleContext, kind: str) -> Iterator[Match]:
    """The evaluation error of this pairing as a finding of rule ``kind``."""
    result = evaluate(ctx)
    if result is None or result.error is None:
        return
    err = result.error
    if engine_error_kind(err.message, err.code, err.path) != kind:
        return
    if kind == "AG3006" and root_causes(ctx):  # dependsOn problems stand on their own; report them anyway
        return
    env = f" with the {ctx.env} parameters" if ctx.env else ""
    index = err.column - 1 if err.column else None
    advice = "" if kind != "AG3006" else "; fix the expression or the values it is given"
    yield Match(tuple(err.path), f"{err.message} ({err.code}{env}){advice}", index=index)


class EvaluationError(Rule):
    id = "AG3006"
    severity = "E"
    shortdesc = "Evaluation error"
    description = ("The template is evaluated offline with each parameter file (copy loops, conditions, "
                   "variables, functions, nested deployments); whatever ARM would reject while evaluating is "
                   "reported here, e.g. a type error in a function argument or an index out of range.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions"
    tags = ("expressions", "evaluation")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        yield from engine_matches(ctx, self.id)
