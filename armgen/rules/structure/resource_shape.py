"""AG1004: the resources section and each resource have the shape ARM requires."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule

REQUIRED = ("type", "apiVersion", "name")
LIST_PROPERTIES = ("dependsOn", "zones")
OBJECT_PROPERTIES = ("properties", "tags", "sku", "identity", "plan", "copy", "metadata")


class ResourceShape(Rule):
    id = "AG1004"
    severity = "E"
    shortdesc = "Resource shape"
    description = ("resources is an array (an object of symbolic names only with languageVersion 2.0); every "
                   "resource has type, apiVersion and name, dependsOn is an array and properties an object.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-declaration"
    tags = ("structure", "resources")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        template = ctx.template
        if not isinstance(ctx.template_doc.data, dict):
            return
        resources = template.get("resources")
        if resources is None:
            yield Match((), 'add a "resources" array (it may be empty)')
            return
        if isinstance(resources, dict) and str(template.get("languageVersion", "")) not in ("2.0", "2.1-experimental"):
            yield Match(("resources",), 'resources as an object (symbolic names) needs "languageVersion": "2.0"; '
                                        "otherwise make it an array")
        for ref in ctx.resources:
            body = ref.body
            for key in REQUIRED:
                if key not in body and not (key == "apiVersion" and body.get("import")):
                    yield Match(ref.path, f"resource has no {key!r}; add it")
                elif key in body and not isinstance(body[key], str):
                    yield Match((*ref.path, key), f"{key} must be a string")
            for key in LIST_PROPERTIES:
                if key in body and not isinstance(body[key], list):
                    yield Match((*ref.path, key), f"{key} must be an array")
            for key in OBJECT_PROPERTIES:
                if key in body and not isinstance(body[key], dict) and not _is_expr(body[key]):
                    yield Match((*ref.path, key), f"{key} must be an object")
            deps = body.get("dependsOn")
            for i, dep in enumerate(deps if isinstance(deps, list) else ()):
                if not isinstance(dep, str):
                    yield Match((*ref.path, "dependsOn", i), "dependsOn entries must be strings (a name, a "
                                                              "resourceId() expression or a symbolic name)")


def _is_expr(value: object) -> bool:
    return isinstance(value, str) and value.startswith("[") and not value.startswith("[[")
