"""AG1010: a parameter file has the 2019-04-01 deploymentParameters shape."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule
from armgen.rules.structure.content_version import check_content_version

PARAMETERS_SCHEMA = re.compile(
    r"https?://schema\.management\.azure\.com/schemas/\d{4}-\d{2}-\d{2}/"
    r"(deployment|subscriptionDeployment|managementGroupDeployment|tenantDeployment)Parameters\.json#?",
    re.I,
)
TOP_LEVEL = ("$schema", "contentVersion", "parameters", "extensionConfigs")
ENTRY_KEYS = ("value", "reference", "metadata")
SCHEMA_URL = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"


class ParameterFileShape(Rule):
    id = "AG1010"
    severity = "E"
    shortdesc = "Parameter file shape"
    description = ("A parameter file has $schema (deploymentParameters), contentVersion and parameters, and no "
                   "other top-level keys; each parameter has exactly one of value or reference.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/parameter-files"
    tags = ("structure", "parameters")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        if ctx.parameters_doc is None:
            return
        doc = ctx.parameters_doc.data
        if not isinstance(doc, dict):
            yield Match((), "a parameter file must be a JSON object with $schema, contentVersion and parameters",
                        True)
            return
        for key in doc:
            if key not in TOP_LEVEL:
                yield Match((key,), f"unknown top-level key {key!r}; a parameter file allows only "
                                    f"{', '.join(TOP_LEVEL)}", True)
        schema = doc.get("$schema")
        if schema is None:
            yield Match((), f'add "$schema": "{SCHEMA_URL}"', True)
        elif not isinstance(schema, str) or not PARAMETERS_SCHEMA.fullmatch(schema):
            yield Match(("$schema",), f"$schema {schema!r} is not a deployment parameters schema; use {SCHEMA_URL}",
                        True)
        yield from check_content_version(doc, True)
        params = doc.get("parameters")
        if params is None:
            yield Match((), 'add a "parameters" object', True)
            return
        if not isinstance(params, dict):
            yield Match(("parameters",), "parameters must be an object of {name: {\"value\": ...}}", True)
            return
        for name, entry in params.items():
            path = ("parameters", name)
            if not isinstance(entry, dict):
                yield Match(path, f'parameter {name!r} must be an object: {{"value": ...}} or {{"reference": ...}}',
                            True)
                continue
            for key in entry:
                if key not in ENTRY_KEYS:
                    yield Match((*path, key), f"unknown key {key!r} in parameter {name!r}; allowed: "
                                              f"{', '.join(ENTRY_KEYS)}", True)
            if ("value" in entry) == ("reference" in entry):
                yield Match(path, f'parameter {name!r} needs exactly one of "value" or "reference"', True)
