"""Node -> expression text, such that parse(print(node)) == node."""

from __future__ import annotations

from armgen.arm.ast import Call, Index, Literal, Node, Property


def print_expression(node: Node) -> str:
    """Expression text without the outer brackets."""
    if isinstance(node, Literal):
        value = node.value
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        return "'" + value.replace("'", "''") + "'"
    if isinstance(node, Call):
        return f"{node.name}({', '.join(print_expression(a) for a in node.args)})"
    if isinstance(node, Property):
        return f"{print_expression(node.target)}.{node.name}"
    if isinstance(node, Index):
        return f"{print_expression(node.target)}[{print_expression(node.index)}]"
    raise TypeError(f"not an expression node: {node!r}")


def to_template_string(node: Node) -> str:
    """The JSON string form ``[...]``."""
    return f"[{print_expression(node)}]"
