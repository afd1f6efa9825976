"""One rendered ARM template -> one idiomatic classic Bicep module (plus modules for nested deployments)."""

from __future__ import annotations

from dataclasses import dataclass, field

from armgen.arm.ast import Call, Node
from armgen.arm.parser import is_expression, parse_template_string
from armgen.bicep.canonical import key_text
from armgen.bicep.declarations import decorators, output_type, parameter_type
from armgen.bicep.expressions import Loop, Translator
from armgen.bicep.syntax import INDENT, Inexpressible, Unsupported, is_identifier, literal, quote, singular
from armgen.bicep.targets import CURRENT, Target, Targets, mentions_loop, name_segments, type_segments
from armgen.catalog import API_VERSIONS, api

DEPLOYMENTS = "microsoft.resources/deployments"
TEMPLATE_KEYS = {"$schema", "contentVersion", "metadata", "parameters", "variables", "resources", "outputs"}
CONTROL = {"type", "apiversion", "name", "copy", "condition", "dependson", "scope"}
SCOPES = {"subscriptionDeploymentTemplate": "subscription", "managementGroupDeploymentTemplate": "managementGroup",
          "tenantDeploymentTemplate": "tenant"}


def scope_kind(template: dict) -> str:
    """The deployment scope a template's ``$schema`` names (resourceGroup unless it says otherwise)."""
    schema = str(template.get("$schema", ""))
    return next((kind for marker, kind in SCOPES.items() if marker in schema), "resourceGroup")


@dataclass
class Output:
    """The Bicep files of one template: ``main`` and ``modules`` (path relative to bicep/ -> text)."""

    main: str
    modules: dict[str, str | dict] = field(default_factory=dict)  # a dict: an ARM JSON module


def translate(kind: str, template: dict, where: str | None = None) -> Output:
    """``templates/<kind>.json`` as Bicep; a construct it cannot translate raises one clear line."""
    out = Output("")
    out.main = _Module(kind, template, where or f"templates/{kind}.json", scope_kind(template), out).text()
    return out


class _Module:
    def __init__(self, kind: str, template: dict, where: str, scope: str, out: Output, nested: bool = False) -> None:
        self.kind, self.template, self.where, self.scope, self.out = kind, template, where, scope, out
        self.nested = nested  # a module file itself: its own modules are its siblings in modules/
        unknown = sorted(set(template) - TEMPLATE_KEYS)
        if unknown:
            raise Unsupported(f"{where}: the template property '{unknown[0]}'; the Bicep translator does not support it")
        params, variables = template.get("parameters") or {}, template.get("variables") or {}
        for name in [*params, *variables]:
            if not is_identifier(name):
                raise Unsupported(f"{where}: '{name}' is not a valid Bicep identifier (a reserved word or "
                                  f"characters outside A-Z, a-z, 0-9, _); rename it in the template")
        if set(params) & set(variables):
            raise Unsupported(f"{where}: '{sorted(set(params) & set(variables))[0]}' is both a parameter and a "
                              f"variable; Bicep needs distinct names")
        self.targets = Targets(taken=set(params) | set(variables))
        self.tr = Translator(where, scope, {n: n for n in [*params, *variables]}, self.targets)
        self.declared: list[tuple[dict, Target | str]] = []

    # -- assembly ------------------------------------------------------------------------------
    def text(self) -> str:
        t = self.template
        for res in t.get("resources") or []:
            self.declared.append((res, self.declare(res)))
        sections: list[list[str]] = [self.header()]
        sections.append([self.parameter(n, p) for n, p in (t.get("parameters") or {}).items()])
        self.tr.may_depend = set()  # a variable may be used anywhere: no resource of the template by symbol
        variables = [f"var {n} = {self.tr.value(v, 0)}" for n, v in (t.get("variables") or {}).items()]
        self.tr.may_depend = None
        bodies = [self.resource(res, target) for res, target in self.declared]
        outputs = [self.output(n, o) for n, o in (t.get("outputs") or {}).items()]
        sections += [variables, self.existing(), bodies, outputs]
        blocks = ["\n\n".join(s) for s in sections if s]
        return "\n\n".join(b for b in blocks if b) + "\n"

    def header(self) -> list[str]:
        lines = []
        if self.scope != "resourceGroup":
            lines.append(f"targetScope = '{self.scope}'")
        meta = {k: v for k, v in (self.template.get("metadata") or {}).items() if k != "_generator"}
        lines += [f"metadata {k} = {literal(v)}" for k, v in meta.items() if is_identifier(k)]
        return ["\n".join(lines)] if lines else []

    def parameter(self, name: str, spec: dict) -> str:
        ptype, secure = parameter_type(self.where, name, spec)
        lines = decorators(spec, secure)
        default = f" = {self.tr.value(spec['defaultValue'], 0)}" if "defaultValue" in spec else ""
        return "\n".join([*lines, f"param {name} {ptype}{default}"])

    def output(self, name: str, spec: dict) -> str:
        otype = output_type(self.where, name, spec)
        lines = decorators({"metadata": spec.get("metadata", {})}, False)
        if "copy" in spec:
            value = self.loop_value(spec["copy"], lambda loop: self.tr.value(spec["copy"].get("input"), 0, loop))
        else:
            value = self.tr.value(spec.get("value"), 0)
        return "\n".join([*lines, f"output {name} {otype} = {value}"])

    def existing(self) -> list[str]:
        decls = []
        for target in self.targets.items:
            if not (target.existing and target.used):
                continue
            lines = [f"name: {self.segment(target.segments[-1])}"]
            if target.parent is not None:
                target.parent.used = True
                lines.insert(0, f"parent: {target.parent.symbol}")
            elif target.scope != CURRENT:
                lines.append(f"scope: {self.scope_text(target.scope)}")
            version = target.api or self.api_for(target.type)
            body = "\n".join(f"{INDENT}{line}" for line in lines)
            decls.append(f"resource {target.symbol} '{target.type}@{version}' existing = {{\n{body}\n}}")
        # parents are created before their children, so declaring in creation order reads top-down
        return decls

    def api_for(self, rtype: str) -> str:
        """An API version for an ``existing`` resource: the catalogue's, else one of the same provider here."""
        if rtype in API_VERSIONS:
            return API_VERSIONS[rtype]
        provider = rtype.split("/")[0].lower()
        for res, _ in self.declared:
            if str(res.get("type", "")).split("/")[0].lower() == provider:
                return str(res["apiVersion"])
        if any(t.split("/")[0].lower() == provider for t in API_VERSIONS):
            return api(rtype)
        raise Unsupported(f"{self.where}: no API version known for the existing resource {rtype}; "
                          f"add it to armgen/catalog.py")

    def scope_text(self, scope: tuple) -> str:
        if scope[0] == "subscription":
            return "subscription()"
        args = [self.tr.expr(n, 0, None)[0] for n in scope[1:]]
        return f"resourceGroup({', '.join(args)})"

    def segment(self, node: Node, loop: Loop | None = None) -> str:
        return self.tr.expr(node, 1, loop)[0]

    # -- resources -----------------------------------------------------------------------------
    def declare(self, res: dict) -> Target | str:
        rtype = str(res.get("type", ""))
        copy = res.get("copy")
        if rtype.lower() == DEPLOYMENTS:
            words = [w for w in _literal_words(res.get("name", "")) if w]
            return self.targets.unique([f"{words[0]}Deployment" if words else "", "deployment"])
        segments = name_segments(_node(res.get("name", "")))
        if segments is None or len(segments) != len(type_segments(rtype)):
            raise Unsupported(f"{self.where}: the name of the {rtype} resource does not split into one segment per "
                              f"type level; the Bicep translator does not support it")
        symbol = self.targets.symbol_for(rtype, bool(copy), (copy or {}).get("name"))
        target = Target(symbol, rtype, segments, CURRENT, str(res.get("apiVersion")), False, loop=bool(copy),
                        copy_name=(copy or {}).get("name"),
                        loop_count=key_text(_node(copy.get("count", 0))) if copy else None)
        return self.targets.add(target)

    def resource(self, res: dict, target: Target | str) -> str:
        from armgen.bicep.modules import module  # nested deployments: their own translation

        if isinstance(target, str):
            return module(self, res, target)
        self.tr.used = set()
        lines: list[str] = []

        def body(loop: Loop | None) -> str:
            lines.clear()
            self.tr.may_depend = self.dependencies(res, loop)
            if "scope" in res:
                lines.append(f"scope: {self.extension_scope(res['scope'], loop)}")
            if len(target.segments) > 1:
                lines.append(f"parent: {self.parent(target, loop)}")
            lines.append(f"name: {self.segment(target.segments[-1], loop)}")
            for k, v in res.items():
                if k.lower() in CONTROL:
                    continue
                if k.lower() in ("resourcegroup", "subscriptionid", "resources", "comments", "metadata"):
                    raise Unsupported(f"{self.where}: '{k}' on the {target.type} resource; the Bicep translator "
                                      f"does not support it (a module would)")
                lines.append(f"{k if is_identifier(k) else quote(k)}: {self.tr.value(v, 1, loop)}")
            depends = self.depends(res, loop)
            if depends:
                lines.append("dependsOn: [\n" + "".join(f"{INDENT * 2}{d}\n" for d in depends) + f"{INDENT}]")
            return self.wrap_body(lines, res, loop)

        head = f"resource {target.symbol} '{target.type}@{target.api}' = "
        copy = res.get("copy")
        deco = _batch(copy)
        try:
            if copy:
                return deco + head + self.loop_value(copy, body)
            return head + body(None)
        finally:
            self.tr.may_depend = None

    def dependencies(self, res: dict, loop: Loop | None) -> set[str]:
        """The declared resources an ARM resource depends on (dependsOn, reference()), which Bicep may name."""
        found = set()
        for entry in res.get("dependsOn") or []:
            hit = self.dependency(str(entry), loop)
            if hit is not None:
                found.add(hit[0].symbol)
        if loop is not None:
            loop.index_used = False  # asking is not using
        return found

    def wrap_body(self, lines: list[str], res: dict, loop: Loop | None) -> str:
        obj = "{\n" + "".join(f"{INDENT}{line}\n" for line in lines) + "}"
        if "condition" in res:
            cond = res["condition"]
            cond_text = self.tr.value(cond, 0, loop) if isinstance(cond, str) else literal(cond)
            return f"if ({cond_text}) {obj}"
        return obj

    def parent(self, target: Target, loop: Loop | None) -> str:
        """The ``parent:`` of a child resource: a resource of the template (the loop's own instance of a loop
        resource over the same array), else an ``existing`` one."""
        ptype = "/".join(target.type.split("/")[:-1])
        segments = target.segments[:-1]
        parent = self.targets.find(ptype, segments, CURRENT)
        if parent is not None and parent.loop:
            if loop is None or loop.array is None or parent.loop_count != key_text(Call("length", (loop.array,))):
                raise Unsupported(f"{self.where}: the parent of a {target.type} resource is an instance of another "
                                  f"loop; the Bicep translator does not support it")
            loop.index_used = True
            self.tr.used.add(f"{parent.symbol}[{loop.index}]")  # this instance, not the whole loop
            return f"{parent.symbol}[{loop.index}]"
        if parent is None and any(mentions_loop(s) for s in segments):
            raise Unsupported(f"{self.where}: the parent of a {target.type} resource changes per loop iteration and is "
                              f"not in the template; the Bicep translator does not support it")
        parent = self.targets.existing(ptype, segments, CURRENT, target.api)
        parent.used = True
        if not parent.existing:
            self.tr.used.add(parent.symbol)
        return parent.symbol

    def extension_scope(self, value: object, loop: Loop | None) -> str:
        from armgen.bicep.modules import scope_target

        target = scope_target(self, value)
        if target is None:
            raise Inexpressible(f"{self.where}: an extension resource's scope chosen at deploy time; Bicep's scope "
                                f"must name a resource symbol")
        parent = target.parent if target.existing else None
        while parent is not None:  # Bicep makes a reference to an existing resource depend on its deployed parent
            self.tr.used.add(parent.symbol)
            parent = parent.parent if parent.existing else None
        return self.tr.symbol(target)

    def depends(self, res: dict, loop: Loop | None) -> list[str]:
        """Explicit dependsOn entries that no reference or parent implies (linter: no-unnecessary-dependson)."""
        needed = []
        for entry in res.get("dependsOn") or []:
            found = self.dependency(str(entry), loop)
            if found is None:
                raise Unsupported(f"{self.where}: dependsOn '{entry}' names no resource of the template; the Bicep "
                                  f"translator does not support it")
            _, text = found
            if text not in self.tr.used and text not in needed:  # 'zones' (every instance) or 'zones[i]'
                needed.append(text)
        return needed

    def dependency(self, entry: str, loop: Loop | None) -> tuple[Target, str] | None:
        """The resource a dependsOn entry names, and how Bicep names it (``zones[i]`` for this loop's instance)."""
        if is_expression(entry):
            node = parse_template_string(entry)
            if not isinstance(node, Call):
                return None
            found = self.tr.resolve(node)
            if found is not None and not found.existing:
                return found, found.symbol
            looped = self.tr.resolve_looped(node, loop)
            if looped is not None and loop is not None:
                loop.index_used = True
                return looped, f"{looped.symbol}[{loop.index}]"
            return None
        for _, t in self.declared:
            if isinstance(t, Target) and (t.copy_name == entry or key_text(t.segments[-1]) == key_text(_node(entry))):
                return t, t.symbol
        return None

    def loop_value(self, copy: dict, render) -> str:  # render: Loop -> body text
        """``[for item in array: <body>]`` (or ``range(0, count)``) for an ARM ``copy``."""
        count = _node(copy.get("count", 0))
        array = count.args[0] if isinstance(count, Call) and count.name.lower() == "length" and len(count.args) == 1 \
            else None
        item_hint = ""
        if array is not None and isinstance(array, Call) and array.name.lower() == "parameters" and array.args:
            item_hint = singular(str(array.args[0].value)) if hasattr(array.args[0], "value") else ""
        taken_before = set(self.targets.taken)
        item = self.targets.unique([item_hint, "item"]) if array is not None else ""
        index = self.targets.unique(["i", "index"])
        loop = Loop(array, item, index) if array is not None else Loop(None, index, index)
        text = render(loop)
        self.targets.taken = taken_before | {t.symbol for t in self.targets.items}
        if array is None or (loop.index_used and not loop.item_used):
            header = f"for {index} in range(0, {self.tr.expr(count, 0, None)[0]})"
        else:
            source_text = self.tr.expr(array, 0, None)[0]
            header = f"for ({item}, {index}) in {source_text}" if loop.index_used else f"for {item} in {source_text}"
        return f"[{header}: {text}]"


def _node(value: object) -> Node:
    from armgen.arm.ast import Literal

    if isinstance(value, str) and is_expression(value):
        return parse_template_string(value)
    return Literal(value)  # type: ignore[arg-type]


def _literal_words(value: object) -> list[str]:
    """The words of the literal text in a deployment name (``{0}-identity`` -> ['identity'])."""
    import re

    from armgen.arm.ast import Call, Literal

    node = _node(value)
    texts: list[str] = []

    def walk(n: Node) -> None:
        if isinstance(n, Literal) and isinstance(n.value, str):
            texts.append(re.sub(r"\{\d+\}", " ", n.value))
        elif isinstance(n, Call):
            for a in n.args:
                walk(a)

    walk(node)
    return [w for t in texts for w in re.split(r"[^A-Za-z0-9]+", t) if w and not w[0].isdigit()]


def _batch(copy: dict | None) -> str:
    if not copy or str(copy.get("mode", "parallel")).lower() != "serial":
        return ""
    return f"@batchSize({int(copy.get('batchSize', 1))})\n"
