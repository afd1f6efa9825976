"""ARM's limits and armgen's input bounds: one table shared by the loaders, validate, expand, deploy
and the emulator, so all of them refuse the same input with the same numbers.

ARM's numbers are from "Template limits" (learn.microsoft.com/azure/azure-resource-manager/templates/
best-practices); the bounds marked *armgen* are armgen's own guards against hostile input.
"""

from __future__ import annotations

# --- ARM (documented) -------------------------------------------------------------------------
TEMPLATE_BYTES = 4 * 1024 * 1024        # a template, and a parameter file, at most 4 MB
PARAMETERS = 256                        # declared parameters per template
VARIABLES = 256                         # declared variables per template
RESOURCES = 800                         # resources per deployment, copies and conditionals included
OUTPUTS = 64                            # outputs per template
EXPRESSION_CHARS = 24_576               # characters in one template expression
COPY_COUNT = 800                        # a copy loop's count
RANGE_COUNT = 10_000                    # range()'s count
REQUEST_BYTES = 4 * 1024 * 1024         # an ARM request body (the emulator refuses larger ones with 413)

# --- armgen's own bounds (hostile input) ------------------------------------------------------
JSON_DEPTH = 128                        # nesting of arrays and objects in any JSON or YAML input
JSON_INT_DIGITS = 19                    # ARM integers are 64-bit: a longer literal is refused
SPEC_BYTES = 1024 * 1024                # mlenv.yaml (a 100-workspace spec is about 40 KB)
YAML_ALIASES = 100                      # aliases (*name) in one YAML document
YAML_NODES = 100_000                    # values in a YAML document, aliases expanded (billion laughs)
NESTED_DEPTH = 32                       # nested / linked deployments inside one another
VALUE_BYTES = 8 * 1024 * 1024           # evaluation memory budget: the size of one evaluated value
MESSAGE_CHARS = 400                     # an error line's message; long values in it are elided


def elide(text: str, limit: int = MESSAGE_CHARS) -> str:
    """``text`` cut to about ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    head, tail = text[: limit * 3 // 4], text[-limit // 8:]
    return f"{head}... ({len(text) - len(head) - len(tail):,} characters elided) ...{tail}"


def short_repr(value: object, limit: int = 60) -> str:
    """A value as a short literal for an error message (``'aaaa... (1,000 characters elided) ...a'``)."""
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return elide(text, limit)
