"""What a rule sees: one template, optionally one parameter file, and helpers to walk them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from armgen.jsonmarks import KEY, JsonPath, MarkedJson

if TYPE_CHECKING:
    from armgen.rulebase.evaluation import SpecTargets


@dataclass(frozen=True)
class ResourceRef:
    """A resource declaration in the template (child and nested-template resources included)."""

    path: JsonPath
    body: dict
    type: str  # full type, child types joined to their parent's ("Microsoft.Storage/storageAccounts/blobServices")

    @property
    def properties(self) -> dict:
        props = self.body.get("properties")
        return props if isinstance(props, dict) else {}

    def is_type(self, *types: str) -> bool:
        return self.type.lower() in {t.lower() for t in types}


def is_expression(value: object) -> bool:
    """An ARM expression string: ``[...]`` but not the ``[[`` escape."""
    return (isinstance(value, str) and len(value) >= 2 and value[0] == "[" and value[-1] == "]"
            and not value.startswith("[["))


def _walk_resources(node: object, path: JsonPath, parent_type: str) -> Iterator[ResourceRef]:
    items = (node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ())
    for key, res in items:
        if not isinstance(res, dict):
            continue
        rtype = res.get("type") if isinstance(res.get("type"), str) else ""
        if parent_type and rtype and "." not in rtype.split("/")[0]:
            rtype = f"{parent_type}/{rtype}"
        rpath = (*path, key)
        yield ResourceRef(rpath, res, rtype)
        if "resources" in res:
            yield from _walk_resources(res["resources"], (*rpath, "resources"), rtype)
        props = res.get("properties")
        if rtype.lower() == "microsoft.resources/deployments" and isinstance(props, dict):
            inner = props.get("template")
            if isinstance(inner, dict) and "resources" in inner:
                yield from _walk_resources(inner["resources"], (*rpath, "properties", "template", "resources"), "")


_UNEVALUATED = ("metadata", "comments", "$schema")


def _is_declaration(node: dict) -> bool:
    """A template, parameter/output declaration or resource: its metadata and comments are not evaluated."""
    return "type" in node or "resources" in node or "$schema" in node


@dataclass
class RuleContext:
    """One template (and parameter file, for pairing rules) under validation."""

    template_doc: MarkedJson
    parameters_doc: MarkedJson | None = None
    env: str | None = None
    shared: dict = field(default_factory=dict, repr=False)  # template-derived values, shared by pairings
    cache: dict = field(default_factory=dict, repr=False)  # values of this pairing (evaluation)
    spec: SpecTargets | None = field(default=None, repr=False)  # the spec the files were rendered from (--spec)

    def with_parameters(self, doc: MarkedJson | None, env: str | None) -> RuleContext:
        """The same template (and its cached walks) paired with another parameter file."""
        return RuleContext(self.template_doc, doc, env, self.shared, spec=self.spec)

    def memo(self, key: str | tuple, compute, shared: bool = True):  # any value
        store = self.shared if shared else self.cache
        if key not in store:
            store[key] = compute()
        return store[key]

    @property
    def template(self) -> dict:
        return self.template_doc.data if isinstance(self.template_doc.data, dict) else {}

    @property
    def parameter_file(self) -> dict:
        doc = self.parameters_doc
        return doc.data if doc is not None and isinstance(doc.data, dict) else {}

    def section(self, name: str) -> dict:
        """A template section that should be an object (parameters, variables, outputs...)."""
        value = self.template.get(name)
        return value if isinstance(value, dict) else {}

    @property
    def resources(self) -> list[ResourceRef]:
        """Every resource declaration, depth first, in template order."""
        return self.memo("resources", lambda: list(_walk_resources(self.template.get("resources"), ("resources",), "")))

    def resources_of(self, *types: str) -> Iterator[ResourceRef]:
        return (r for r in self.resources if r.is_type(*types))

    @property
    def expressions(self) -> list[tuple[JsonPath, str]]:
        """Every expression string in the template with its path (resources, outputs, variables...);
        an expression used as a member name (``"[variables('id')]": {}``) has a path ending in KEY."""
        return self.memo("expressions", self._find_expressions)

    def _find_expressions(self) -> list[tuple[JsonPath, str]]:
        out: list[tuple[JsonPath, str]] = []
        stack: list[tuple[JsonPath, object]] = [((), self.template)]
        while stack:
            path, node = stack.pop()
            if isinstance(node, dict):
                skip = _UNEVALUATED if _is_declaration(node) else ()
                out.extend(((*path, k, KEY), k) for k in node if is_expression(k) and k not in skip)
                stack.extend(((*path, k), v) for k, v in reversed(node.items()) if k not in skip)
            elif isinstance(node, list):
                stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(node))))
            elif is_expression(node):
                out.append((path, node))
        return out

    def evaluated_bodies(self) -> dict[JsonPath, list[dict]]:
        """Evaluated resource bodies by declaration path, for pairings the engine could evaluate."""
        from armgen.rulebase.evaluation import evaluate

        result = evaluate(self)
        return result.bodies if result is not None else {}

    def instance_count(self) -> int | None:
        """Resources after copy loops and conditions, from the engine (None when it could not count them)."""
        from armgen.rulebase.evaluation import evaluate

        result = evaluate(self)
        return result.instances if result is not None and (result.complete or result.instances) else None

    @cached_property
    def supplied_parameters(self) -> dict[str, dict]:
        """The parameter file's entries ({"value": ...} or {"reference": ...}) by name."""
        params = self.parameter_file.get("parameters")
        return {k: v for k, v in params.items() if isinstance(v, dict)} if isinstance(params, dict) else {}


@dataclass(frozen=True)
class ResourceView:
    """A resource body as a rule should judge it: evaluated for a parameter file when the engine
    could evaluate it, else the literal declaration (expressions left as strings)."""

    ref: ResourceRef
    body: dict
    evaluated: bool = False

    @property
    def properties(self) -> dict:
        props = self.body.get("properties")
        return props if isinstance(props, dict) else {}

    def literal(self, *keys: str) -> object:
        """The value at ``keys`` in ``body``, or None when absent (or, unevaluated, an expression)."""
        node: object = self.body
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return None if is_expression(node) else node


def views(ctx: RuleContext, *types: str) -> list[ResourceView]:
    """Every resource of ``types`` (all when none given) the template deploys (``existing`` ones are
    skipped), evaluated where possible (built once per pairing and types: many rules ask the same)."""
    return list(ctx.memo(("views", types), lambda: tuple(_views(ctx, types)), shared=False))


def _views(ctx: RuleContext, types: tuple[str, ...]) -> list[ResourceView]:
    evaluated = ctx.evaluated_bodies()
    out: list[ResourceView] = []
    for ref in ctx.resources if not types else ctx.resources_of(*types):
        if ref.body.get("existing") is True:
            continue  # a reference to a resource deployed elsewhere, not a declaration to judge
        bodies = evaluated.get(ref.path)
        if bodies:
            out.extend(ResourceView(ref, body, True) for body in bodies)
        else:
            out.append(ResourceView(ref, ref.body))
    return out
