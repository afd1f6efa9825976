"""AG1020: suppressions in resource metadata name a rule and give a reason."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule

RULE_ID = re.compile(r"AG\d{4}", re.I)


class Suppressions(Rule):
    id = "AG1020"
    severity = "E"
    shortdesc = "Suppression metadata"
    description = ('A resource may suppress a rule with metadata {"armgen": {"suppress": [{"rule": "AG7001", '
                   '"reason": "..."}]}}; each entry needs a rule id and a non-empty reason, or it suppresses '
                   "nothing.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax#metadata"
    tags = ("structure", "suppression")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for ref in ctx.resources:
            meta = ref.body.get("metadata")
            armgen = meta.get("armgen") if isinstance(meta, dict) else None
            if armgen is None:
                continue
            base = (*ref.path, "metadata", "armgen")
            entries = armgen.get("suppress") if isinstance(armgen, dict) else None
            if not isinstance(entries, list):
                yield Match(base, 'metadata.armgen must be {"suppress": [{"rule": "AG....", "reason": "..."}]}')
                continue
            for i, entry in enumerate(entries):
                path = (*base, "suppress", i)
                if not isinstance(entry, dict):
                    yield Match(path, 'each suppression is an object {"rule": "AG....", "reason": "..."}')
                    continue
                rule = entry.get("rule")
                if not isinstance(rule, str) or not RULE_ID.fullmatch(rule):
                    yield Match(path, f"suppression rule {rule!r} is not a rule id like AG7001")
                reason = entry.get("reason")
                if not isinstance(reason, str) or not reason.strip():
                    yield Match(path, f"suppression of {rule} has no reason; add \"reason\": why this resource "
                                      "is an exception")
