"""Bicep modules -> ARM templates, for the constructs armgen emits (the proof side of the round trip)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from armgen import jsonmarks
from armgen.arm.ast import Call, Index, Literal, Node
from armgen.arm.printer import to_template_string
from armgen.bicep.canonical import join_parts
from armgen.bicep.parse import BicepParseError, parse, string_parts, text
from armgen.bicep.reader_expr import ExpressionReader, Symbol, _props, escape, items
from armgen.catalog import SUBSCRIPTION_TEMPLATE_SCHEMA, TEMPLATE_SCHEMA, api

SCHEMAS = {"resourceGroup": TEMPLATE_SCHEMA, "subscription": SUBSCRIPTION_TEMPLATE_SCHEMA,
           "managementGroup": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
           "tenant": "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#"}
DECLARATIONS = {"parameter_declaration", "variable_declaration", "resource_declaration", "module_declaration",
                "output_declaration", "metadata_declaration", "target_scope_assignment"}


def read_module(path: Path, where: str | None = None) -> dict:
    """The ARM template a Bicep module compiles to (JSON modules are read as they are)."""
    where = where or str(path)
    if path.suffix == ".json":
        return jsonmarks.load(path, where).data
    return _Reader(path, where).template()


class _Reader:
    def __init__(self, path: Path, where: str) -> None:
        self.path, self.where = path, where
        self.root = parse(path.read_text("utf-8"), where)
        decls = [c for c in self.root.named_children if c.type in DECLARATIONS]
        scope = next((_string(c.named_children[-1]) for c in decls if c.type == "target_scope_assignment"),
                     "resourceGroup")
        self.x = ExpressionReader(where, scope)
        self.scope = scope
        self.decls = decls
        self.decorators: dict[int, list] = {}
        pending: list = []
        for c in self.root.named_children:
            if c.type == "decorators":
                pending = [d.named_children[0] for d in c.named_children]
            elif c.type in DECLARATIONS:
                self.decorators[c.id] = pending
                pending = []
        for c in decls:
            name = text(c.named_children[0]) if c.type != "target_scope_assignment" else ""
            if c.type == "parameter_declaration":
                self.x.params.add(name)
            elif c.type == "variable_declaration":
                self.x.variables.add(name)
            elif c.type in ("resource_declaration", "module_declaration"):
                kind = "resource" if c.type == "resource_declaration" else "module"
                self.x.symbols[name] = Symbol(name, kind, node=c)
        self.ready: set[str] = set()
        self.x.resolve_symbol = self.symbol

    # -- symbols (resolved on first use: a parent may be declared after its child) ---------------
    def symbol(self, name: str) -> Symbol:
        sym = self.x.symbols[name]
        if sym.kind == "resource" and name not in self.ready:
            self.ready.add(name)
            decl = sym.node
            sym.type, _, sym.api = _string(decl.named_children[1]).partition("@")
            sym.existing = any(c.type == "existing" for c in decl.children)
            sym.loop = decl.named_children[-1].type == "for_statement"
            body, env, _ = self.unwrap(decl.named_children[-1], name)
            props = {text(p.named_children[0]): p.named_children[-1] for p in _props(body)}
            saved = list(self.x.refs), list(self.x.instance_refs)
            own = self.x.arm(props["name"], env)
            if "parent" in props:
                parent = self.reference(props["parent"], env)
                sym.segments, sym.scope = [*parent.segments, own], parent.scope
            else:
                sym.segments = [own]
                if "scope" in props and sym.existing:
                    sym.scope = self.scope_of(props["scope"], env)
            self.x.refs, self.x.instance_refs = saved
        return sym

    def reference(self, node, env: dict) -> Symbol:
        """A resource named by ``parent:``, ``scope:`` or ``dependsOn``: ``symbol`` or ``symbol[i]``."""
        if node.type == "subscript_expression" and node.child_by_field_name("object").type == "identifier":
            return self.x.symbol_at(text(node.child_by_field_name("object")), node, env)
        if node.type != "identifier" or text(node) not in self.x.symbols:
            raise self.x.fail(node, f"'{text(node)}' where a resource symbol belongs")
        return self.x.use(text(node))

    def use_parents(self, sym: Symbol) -> None:
        """An extension resource scoped to an existing resource depends on its deployed parent, as Bicep
        compiles it (the emitter leaves that dependsOn out)."""
        while sym.existing and sym.node is not None:
            parent = next((p.named_children[-1] for p in _props(sym.node.named_children[-1])
                           if text(p.named_children[0]) == "parent"), None)
            if parent is None:
                return
            sym = self.x.use(text(parent))

    def scope_of(self, node, env: dict) -> tuple:
        if node.type == "call_expression":
            fn = text(node.child_by_field_name("function"))
            args = [self.x.arm(a, env) for a in node.child_by_field_name("arguments").named_children]
            if fn == "subscription" and not args:
                return ("subscription",)
            if fn == "resourceGroup" and len(args) == 1:
                return ("rg", args[0])
            if fn == "resourceGroup" and len(args) == 2:
                return ("subrg", args[0], args[1])
        raise self.x.fail(node, f"the scope {text(node)}")

    def unwrap(self, value, symbol: str) -> tuple[Any, dict, dict]:
        """A declaration's value without its ``for``/``if``: the object, the loop variables, copy/condition."""
        env: dict = {}
        extra: dict = {}
        if value.type == "for_statement":
            body = value.child_by_field_name("body")
            params = next((c for c in value.named_children if c.type == "for_loop_parameters"), None)
            item = value.child_by_field_name("initializer")
            source_node = [c for c in value.named_children if c not in (body, params, item)][0]
            source = self.x.arm(source_node, {})
            if params is not None:
                item_name = text(params.named_children[0])
                env[text(params.named_children[1])] = Call("copyIndex", ())
            else:
                item_name = text(item)
            env[item_name] = Index(source, Call("copyIndex", ()))
            extra["copy"] = {"name": symbol, "count": to_template_string(Call("length", (source,)))}
            value = body
        if value.type == "if_statement":
            cond, value = value.named_children[0], value.named_children[-1]
            extra["condition"] = self.x.json(cond, env)
        return value, env, extra

    # -- the template ---------------------------------------------------------------------------
    def template(self) -> dict:
        out: dict = {"$schema": SCHEMAS[self.scope], "contentVersion": "1.0.0.0"}
        parts: dict[str, dict] = {"metadata": {}, "parameters": {}, "variables": {}, "outputs": {}}
        resources: list = []
        for decl in self.decls:
            t = decl.type
            if t == "target_scope_assignment":
                continue
            name = text(decl.named_children[0])
            if t == "metadata_declaration":
                parts["metadata"][name] = self.x.json(decl.named_children[-1], {})
            elif t == "parameter_declaration":
                parts["parameters"][name] = self.parameter(decl)
            elif t == "variable_declaration":
                self.x.refs, self.x.instance_refs = [], []
                parts["variables"][name] = self.x.json(decl.named_children[-1], {})
                self.x.variable_refs[name] = (list(self.x.refs), list(self.x.instance_refs))
            elif t == "output_declaration":
                parts["outputs"][name] = self.output(decl)
            elif t == "resource_declaration":
                sym = self.symbol(name)
                if not sym.existing:
                    resources.append(self.resource(decl, sym))
            else:
                resources.append(self.module(decl, name))
        for key in ("metadata", "parameters", "variables"):
            if parts[key]:
                out[key] = parts[key]
        out["resources"] = resources
        if parts["outputs"]:
            out["outputs"] = parts["outputs"]
        return out

    def decorated(self, decl) -> dict:
        result: dict = {}
        for call in self.decorators.get(decl.id, []):
            fn = text(call.child_by_field_name("function"))
            args = call.child_by_field_name("arguments").named_children
            value = self.x.json(args[0], {}) if args else None
            if fn == "description":
                result.setdefault("metadata", {})["description"] = value
            elif fn == "metadata":
                result.setdefault("metadata", {}).update(value)
            elif fn == "allowed":
                result["allowedValues"] = value
            elif fn in ("minLength", "maxLength", "minValue", "maxValue", "batchSize"):
                result[fn] = value
            elif fn == "secure":
                result["secure"] = True
            else:
                raise self.x.fail(call, f"the decorator @{fn}")
        return result

    def parameter(self, decl) -> dict:
        spec = self.decorated(decl)
        ptype = text(decl.named_children[1])
        if spec.pop("secure", False):
            ptype = {"string": "securestring", "object": "secureObject"}[ptype]
        out = {"type": ptype, **spec}
        if len(decl.named_children) > 2:
            out["defaultValue"] = self.x.json(decl.named_children[2], {})
        return out

    def output(self, decl) -> dict:
        spec = self.decorated(decl)
        out: dict = {"type": text(decl.named_children[1]), **spec}
        value = decl.named_children[-1]
        if value.type == "for_statement":
            body, env, extra = self.unwrap(value, "")
            out["copy"] = {"count": extra["copy"]["count"], "input": self.x.json(body, env)}
        else:
            out["value"] = self.x.json(value, {})
        return out

    def resource(self, decl, sym: Symbol) -> dict:
        body, env, extra = self.unwrap(decl.named_children[-1], sym.name)
        self.x.refs, self.x.instance_refs = [], []
        sym = self.symbol(sym.name)
        out: dict = {"type": sym.type, "apiVersion": sym.api, "name": _json_node(join_parts(_name_parts(sym)))}
        for p in _props(body):
            key, value = text(p.named_children[0]), p.named_children[-1]
            if key == "name":
                continue
            if key == "parent":
                self.reference(value, env)
            elif key == "scope":
                scoped = self.reference(value, env)
                out["scope"] = _json_node(self.x.relative_scope(scoped))
                self.use_parents(scoped)
            elif key == "dependsOn":
                for item in items(value):
                    self.reference(item, env)
            else:
                out[key] = self.x.json(value, env)
        self.apply(out, extra, decl, sym.name)
        return out

    def apply(self, out: dict, extra: dict, decl, own: str) -> None:
        batch = self.decorated(decl).get("batchSize")
        if "copy" in extra and batch is not None:
            extra["copy"].update({"mode": "serial", "batchSize": batch})
        out.update(extra)
        deps = [self.dependency(n) for n in self.x.refs if n != own] + self.x.instance_refs
        if deps:
            out["dependsOn"] = deps

    def dependency(self, name: str) -> str:
        """What the compiler writes in dependsOn for a symbol: a loop's name for a whole loop, else an id."""
        sym = self.x.symbols[name]
        if sym.kind == "module":
            return to_template_string(Call("resourceId", (Literal("Microsoft.Resources/deployments"),
                                                          self.module_name(sym))))
        self.symbol(name)
        if sym.loop:
            return name
        return to_template_string(self.x.resource_id(sym))

    def module_name(self, sym: Symbol) -> Node:
        body, env, _ = self.unwrap(sym.node.named_children[-1], sym.name)
        prop = next(p for p in _props(body) if text(p.named_children[0]) == "name")
        return self.x.arm(prop.named_children[-1], env)

    def module(self, decl, name: str) -> dict:
        rel = _string(decl.named_children[1])
        path = (self.path.parent / rel)
        if not path.is_file():
            raise self.x.fail(decl.named_children[1], f"the module file {rel} (not found)")
        template = read_module(path, f"{self.where} -> {rel}")
        body, env, extra = self.unwrap(decl.named_children[-1], name)
        self.x.refs, self.x.instance_refs = [], []
        props = {text(p.named_children[0]): p.named_children[-1] for p in _props(body)}
        out: dict = {"type": "Microsoft.Resources/deployments", "apiVersion": api("Microsoft.Resources/deployments"),
                     "name": self.x.json(props["name"], env)}
        if "scope" in props:
            scope = self.scope_of(props["scope"], env)
            if scope[0] == "subrg":
                out["subscriptionId"] = _json_node(scope[1])
            out["resourceGroup"] = _json_node(scope[-1])
        params = {}
        if "params" in props:
            params = {self.x.key(p, env): {"value": self.x.json(p.named_children[-1], env)}
                      for p in _props(props["params"])}
        out["properties"] = {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                             "parameters": params, "template": template}
        for item in items(props["dependsOn"]) if "dependsOn" in props else []:
            self.reference(item, env)
        self.apply(out, extra, decl, name)
        return out


def _name_parts(sym: Symbol) -> list:
    parts: list = []
    for i, seg in enumerate(sym.segments):
        if i:
            parts.append("/")
        parts.append(seg.value if isinstance(seg, Literal) and isinstance(seg.value, str) else seg)
    return parts


def _json_node(node: Node) -> Any:
    if isinstance(node, Literal) and isinstance(node.value, str):
        return escape(node.value)
    return to_template_string(node)


def _string(node) -> str:
    parts = string_parts(node)
    if not all(isinstance(p, str) for p in parts):
        raise BicepParseError(f"line {node.start_point[0] + 1}: an interpolated string where Bicep needs a literal")
    return "".join(parts)
