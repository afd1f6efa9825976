"""AG1001: the template's $schema names an ARM deployment template schema."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule

TEMPLATE_SCHEMA = re.compile(
    r"https?://schema\.management\.azure\.com/schemas/\d{4}-\d{2}-\d{2}/"
    r"(deployment|subscriptionDeployment|managementGroupDeployment|tenantDeployment)Template\.json#?",
    re.I,
)


class TemplateSchema(Rule):
    id = "AG1001"
    severity = "E"
    shortdesc = "Template $schema"
    description = ("A template must be a JSON object whose $schema names an ARM deployment template schema; "
                   "the schema also decides the deployment scope (resource group, subscription...).")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax#template-format"
    tags = ("structure",)

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        if not isinstance(ctx.template_doc.data, dict):
            yield Match((), "a template must be a JSON object; wrap it in { ... } with $schema, contentVersion "
                            "and resources")
            return
        schema = ctx.template.get("$schema")
        if schema is None:
            yield Match((), 'add "$schema": "https://schema.management.azure.com/schemas/2019-04-01/'
                            'deploymentTemplate.json#"')
        elif not isinstance(schema, str) or not TEMPLATE_SCHEMA.fullmatch(schema):
            yield Match(("$schema",), f"$schema {schema!r} is not an ARM deployment template schema; use "
                                      "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")
