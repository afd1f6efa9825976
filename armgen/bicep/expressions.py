"""ARM expression trees -> Bicep expression text, with resource ids and references as symbols."""

from __future__ import annotations

from dataclasses import dataclass

from armgen.arm.ast import Call, Index, Literal, Node, Property
from armgen.arm.parser import is_expression, parse_template_string, unescape_literal
from armgen.bicep.canonical import format_parts, key_text
from armgen.bicep.syntax import IDENTIFIER, INDENT, Unsupported, block, key, quote
from armgen.bicep.targets import (
    CURRENT,
    RESOURCE_TYPE,
    SUBSCRIPTION,
    Target,
    Targets,
    mentions_loop,
    type_segments,
)

# Bicep spellings of the ARM functions that keep their name (ARM names are case-insensitive).
_NAMES = (
    "array base64 base64ToJson base64ToString bool coalesce concat contains dataUri dataUriToString "
    "dateTimeAdd dateTimeFromEpoch dateTimeToEpoch deployment empty endsWith environment extensionResourceId "
    "first format guid indexOf int intersection json last lastIndexOf length managementGroup "
    "managementGroupResourceId max min newGuid padLeft pickZones range replace resourceGroup resourceId skip "
    "split startsWith string subscription subscriptionResourceId substring take tenant tenantResourceId "
    "toLower toUpper trim union uniqueString uri uriComponent uriComponentToString utcNow items join "
    "objectKeys flatten map filter reduce sort mapValues toObject groupBy")
FUNCTIONS = {f.lower(): f for f in _NAMES.split()}
BINARY = {"equals": ("==", 5), "less": ("<", 6), "lessorequals": ("<=", 6), "greater": (">", 6),
          "greaterorequals": (">=", 6), "add": ("+", 7), "sub": ("-", 7), "mul": ("*", 8), "div": ("/", 8),
          "mod": ("%", 8)}
PRIMARY, UNARY, TERNARY = 10, 9, 1


@dataclass
class Loop:
    """The loop a value sits in: ``for item in array`` (``array`` None for ``range(0, count)``)."""

    array: Node | None
    item: str
    index: str
    index_used: bool = False
    item_used: bool = False


class Translator:
    """Translates the expressions of one template (one Bicep file)."""

    def __init__(self, where: str, scope_kind: str, names: dict[str, str], targets: Targets) -> None:
        self.where, self.scope_kind, self.names, self.targets = where, scope_kind, names, targets
        self.used: set[str] = set()  # declared resources the current declaration refers to
        # declared resources a symbol may name here (a Bicep reference adds a dependency); None: any
        self.may_depend: set[str] | None = None

    def fail(self, what: str) -> Unsupported:
        return Unsupported(f"{self.where}: {what}; the Bicep translator does not support it")

    # -- JSON values --------------------------------------------------------------------------
    def value(self, value: object, level: int, loop: Loop | None = None) -> str:
        """A template JSON value (strings may be ``[expressions]``) as Bicep text."""
        if isinstance(value, str):
            if is_expression(value):
                return self.expr(parse_template_string(value), level, loop)[0]
            return quote(unescape_literal(value))
        if isinstance(value, dict):
            lines = [f"{self.key(k, level, loop)}: {self.value(v, level + 1, loop)}" for k, v in value.items()]
            return block(lines, "{", "}", level)
        if isinstance(value, list):
            return block([self.value(v, level + 1, loop) for v in value], "[", "]", level)
        if isinstance(value, float):
            raise self.fail(f"the fractional number {value}")
        return "null" if value is None else ("true" if value is True else "false" if value is False else str(value))

    def key(self, name: str, level: int, loop: Loop | None) -> str:
        if not is_expression(name):
            return key(unescape_literal(name))
        return self.interpolation([parse_template_string(name)], level, loop)

    # -- expressions --------------------------------------------------------------------------
    def expr(self, node: Node, level: int, loop: Loop | None) -> tuple[str, int]:
        """Bicep text of ``node`` and its precedence (higher binds tighter)."""
        if isinstance(node, Literal):
            v = node.value
            if isinstance(v, str):
                return quote(v), PRIMARY
            return ("null" if v is None else "true" if v is True else "false" if v is False else str(v)), PRIMARY
        if isinstance(node, Index):
            if loop and loop.array is not None and _is_copy_index(node.index) and _same(node.target, loop.array):
                loop.item_used = True
                return loop.item, PRIMARY
            target = self.operand(node.target, level, loop, PRIMARY)
            if isinstance(node.index, Literal) and isinstance(node.index.value, str) \
                    and IDENTIFIER.match(node.index.value):
                return f"{target}.{node.index.value}", PRIMARY
            return f"{target}[{self.expr(node.index, level, loop)[0]}]", PRIMARY
        if isinstance(node, Property):
            target = self.operand(node.target, level, loop, PRIMARY)
            name = node.name if IDENTIFIER.match(node.name) else None
            return (f"{target}.{name}" if name else f"{target}[{quote(node.name)}]"), PRIMARY
        return self.call(node, level, loop)

    def operand(self, node: Node, level: int, loop: Loop | None, prec: int) -> str:
        text, p = self.expr(node, level, loop)
        return text if p >= prec else f"({text})"

    def call(self, node: Call, level: int, loop: Loop | None) -> tuple[str, int]:
        name, args = node.name.lower(), node.args
        if name in ("parameters", "variables"):
            if len(args) != 1 or not isinstance(args[0], Literal) or args[0].value not in self.names:
                raise self.fail(f"{node.name}() of an undeclared or computed name")
            return self.names[str(args[0].value)], PRIMARY
        if name == "lambda" and len(args) >= 2 and all(isinstance(a, Literal) for a in args[:-1]):
            variables = [str(a.value) for a in args[:-1]]  # type: ignore[union-attr]
            saved = dict(self.names)
            self.names.update({f"lambda:{v}": v for v in variables})
            body = self.expr(args[-1], level, loop)[0]
            self.names = saved
            head = variables[0] if len(variables) == 1 else f"({', '.join(variables)})"
            return f"{head} => {body}", 0
        if name == "lambdavariables" and len(args) == 1 and f"lambda:{getattr(args[0], 'value', '')}" in self.names:
            return self.names[f"lambda:{args[0].value}"], PRIMARY  # type: ignore[union-attr]
        if name == "copyindex":
            if args or loop is None:
                raise self.fail("copyIndex() with a loop name or offset, or outside a loop")
            loop.index_used = True
            return loop.index, PRIMARY
        if name in ("null", "true", "false") and not args:
            return name, PRIMARY
        if name == "not" and len(args) == 1:
            return "!" + self.operand(args[0], level, loop, UNARY), UNARY
        if name in ("and", "or") and len(args) >= 2:
            op, prec = ("&&", 4) if name == "and" else ("||", 3)
            return f" {op} ".join(self.operand(a, level, loop, prec + 1) for a in args), prec
        if name in BINARY and len(args) == 2:
            op, prec = BINARY[name]
            return f"{self.operand(args[0], level, loop, prec)} {op} {self.operand(args[1], level, loop, prec + 1)}", prec
        if name == "if" and len(args) == 3:
            c, a, b = (self.operand(x, level, loop, TERNARY + 1) for x in args)
            return f"{c} ? {a} : {b}", TERNARY
        if name == "createobject":
            return self.create_object(args, level, loop), PRIMARY
        if name == "createarray":
            return block([self.expr(a, level + 1, loop)[0] for a in args], "[", "]", level), PRIMARY
        if name == "format":
            parts = format_parts(node)
            if parts is not None and len(parts) > 1 or (parts and not isinstance(parts[0], str)):
                return self.interpolation(parts, level, loop), PRIMARY
        if name in ("resourceid", "subscriptionresourceid"):
            target = self.resolve(node)
            if target is not None and (target.existing or self.may_depend is None or target.symbol in self.may_depend):
                return self.symbol(target) + ".id", PRIMARY
            if target is not None:  # '.id' would add a dependency the template does not have
                inner = ", ".join(self.expr(a, level, loop)[0] for a in args)
                return f"{FUNCTIONS[name]}({inner})", PRIMARY
            looped = self.resolve_looped(node, loop)
            if looped is not None and loop is not None:
                loop.index_used = True
                looped.used = True
                self.used.add(f"{looped.symbol}[{loop.index}]")
                return f"{looped.symbol}[{loop.index}].id", PRIMARY
        if name == "reference":
            return self.reference(node), PRIMARY
        if name.startswith("list") or name not in FUNCTIONS:
            raise self.fail(f"the function {node.name}()")
        inner = ", ".join(self.expr(a, level, loop)[0] for a in args)
        return f"{FUNCTIONS[name]}({inner})", PRIMARY

    def create_object(self, args: tuple[Node, ...], level: int, loop: Loop | None) -> str:
        if len(args) % 2 or not all(isinstance(k, Literal) and isinstance(k.value, str) for k in args[::2]):
            raise self.fail("createObject() with computed keys")
        lines = [f"{key(str(k.value))}: {self.expr(v, level + 1, loop)[0]}"  # type: ignore[union-attr]
                 for k, v in zip(args[::2], args[1::2], strict=True)]
        return block(lines, "{", "}", level)

    def interpolation(self, parts: list, level: int, loop: Loop | None) -> str:
        text = ""
        for p in parts:
            if isinstance(p, str):
                text += quote(p)[1:-1]
            else:
                inner = self.expr(p, level, loop)[0]
                if "\n" in inner:
                    raise self.fail("a multi-line value inside a string")
                text += "${" + inner + "}"
        return f"'{text}'"

    # -- resources ----------------------------------------------------------------------------
    def resolve(self, node: Call) -> Target | None:
        """The target of a resourceId()/subscriptionResourceId() call, None when it stays a call."""
        parsed = self._parse_id(node)
        if parsed is None or any(mentions_loop(a) for a in node.args):
            return None
        return self.targets.existing(*parsed, None)

    def resolve_looped(self, node: Call, loop: Loop | None) -> Target | None:
        """The loop resource whose i-th instance a loop's resourceId() names (both loops over one array)."""
        parsed = self._parse_id(node)
        if parsed is None or loop is None or loop.array is None:
            return None
        count = key_text(Call("length", (loop.array,)))
        found = self.targets.find(*parsed)
        return found if found is not None and found.loop and found.loop_count == count else None

    def _parse_id(self, node: Call) -> tuple[str, list[Node], tuple] | None:
        args = node.args
        at = next((i for i, a in enumerate(args)
                   if isinstance(a, Literal) and isinstance(a.value, str) and RESOURCE_TYPE.match(a.value)), None)
        if at is None:
            return None
        rtype, pre, names = str(args[at].value), args[:at], list(args[at + 1:])  # type: ignore[union-attr]
        if len(names) != len(type_segments(rtype)) or len(pre) > 2 or any(mentions_loop(a) for a in pre):
            return None
        if node.name.lower() == "subscriptionresourceid":
            if pre:
                return None
            scope = CURRENT if self.scope_kind == "subscription" else SUBSCRIPTION
        else:
            scope = CURRENT if not pre else ("rg", pre[0]) if len(pre) == 1 else ("subrg", pre[0], pre[1])
        return rtype, names, scope

    def symbol(self, target: Target) -> str:
        target.used = True
        if not target.existing:
            self.used.add(target.symbol)
        return target.symbol

    def reference(self, node: Call) -> str:
        args = node.args
        target = self.resolve(args[0]) if args and isinstance(args[0], Call) else None
        if target is None or len(args) < 2 or not isinstance(args[1], Literal):
            raise self.fail("reference() of something other than a resource id with an API version")
        api = str(args[1].value)
        if target.api is None:
            target.api = api
        elif target.api != api:
            raise self.fail(f"reference() with API version {api} of {target.type} (declared with {target.api})")
        full = len(args) > 2 and isinstance(args[2], Literal) and str(args[2].value).lower() == "full"
        return self.symbol(target) + ("" if full else ".properties")


def _is_copy_index(node: Node) -> bool:
    return isinstance(node, Call) and node.name.lower() == "copyindex" and not node.args


def _same(a: Node, b: Node) -> bool:
    return key_text(a) == key_text(b)


def indent(level: int) -> str:
    return INDENT * level
