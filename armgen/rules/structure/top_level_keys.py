"""AG1003: only the template sections ARM knows, each with the right JSON type."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule

SECTIONS: dict[str, type | tuple[type, ...]] = {
    "$schema": str, "contentVersion": str, "apiProfile": str, "metadata": dict, "languageVersion": str,
    "definitions": dict, "parameters": dict, "variables": dict, "functions": list, "resources": (list, dict),
    "outputs": dict, "imports": dict, "extensions": dict,
}
_TYPE_NAMES = {str: "a string", dict: "an object", list: "an array"}


class TopLevelKeys(Rule):
    id = "AG1003"
    severity = "E"
    shortdesc = "Template sections"
    description = ("ARM rejects a template with an unknown top-level property (often a typo such as "
                   "'parameter' or 'output') or a section of the wrong JSON type.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax#template-format"
    tags = ("structure",)

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        lowered = {k.lower(): k for k in SECTIONS}
        for key, value in ctx.template.items():
            known = lowered.get(key.lower())
            if known is None:
                yield Match((key,), f"unknown template section {key!r}; ARM allows only "
                                    f"{', '.join(k for k in SECTIONS if k != 'imports' and k != 'extensions')}")
                continue
            expected = SECTIONS[known]
            if not isinstance(value, expected):
                want = " or ".join(_TYPE_NAMES[t] for t in (expected if isinstance(expected, tuple) else (expected,)))
                yield Match((key,), f"{key} must be {want}")
