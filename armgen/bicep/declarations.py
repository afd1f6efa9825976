"""Parameter and output declarations: Bicep types and decorators from ARM parameter definitions."""

from __future__ import annotations

from armgen.bicep.syntax import Unsupported, block, literal, quote

TYPES = {"string": ("string", False), "int": ("int", False), "bool": ("bool", False), "object": ("object", False),
         "array": ("array", False), "securestring": ("string", True), "secureobject": ("object", True)}
CONSTRAINTS = ("minLength", "maxLength", "minValue", "maxValue")


def parameter_type(where: str, name: str, spec: dict) -> tuple[str, bool]:
    """The Bicep type of an ARM parameter and whether it is ``@secure()``."""
    unknown = sorted(set(spec) - {"type", "defaultValue", "allowedValues", "metadata", *CONSTRAINTS})
    if unknown:
        raise Unsupported(f"{where}: parameter '{name}' uses '{unknown[0]}'; the Bicep translator does not support it")
    try:
        return TYPES[str(spec.get("type", "")).lower()]
    except KeyError:
        raise Unsupported(f"{where}: parameter '{name}' has type '{spec.get('type')}'; the Bicep translator does "
                          f"not support it") from None


def output_type(where: str, name: str, spec: dict) -> str:
    ptype, secure = TYPES.get(str(spec.get("type", "")).lower(), ("", False))
    if not ptype or secure:
        raise Unsupported(f"{where}: output '{name}' has type '{spec.get('type')}'; the Bicep translator does not "
                          f"support it")
    return ptype


def decorators(spec: dict, secure: bool) -> list[str]:
    """``@description``, length/value bounds, ``@allowed`` and ``@secure`` lines for one declaration."""
    lines = []
    meta = dict(spec.get("metadata") or {})
    if "description" in meta:
        lines.append(f"@description({quote(str(meta.pop('description')))})")
    if meta:
        lines.append(f"@metadata({literal(meta)})")
    for c in CONSTRAINTS:
        if c in spec:
            lines.append(f"@{c}({spec[c]})")
    if "allowedValues" in spec:
        lines.append(f"@allowed({block([literal(v, 1) for v in spec['allowedValues']], '[', ']', 0)})")
    if secure:
        lines.append("@secure()")
    return lines
