"""Parameter files <-> ``.bicepparam`` files (``using`` the module; Key Vault references as getSecret())."""

from __future__ import annotations

import re
from pathlib import Path

from armgen.bicep.parse import BicepParseError, parse_params, string_parts, text
from armgen.bicep.reader_expr import ExpressionReader
from armgen.bicep.syntax import Unsupported, is_identifier, literal, quote
from armgen.catalog import PARAMETERS_SCHEMA

VAULT_ID = re.compile(r"^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\.KeyVault/vaults/([^/]+)$",
                      re.IGNORECASE)


def to_bicepparam(document: dict, using: str, where: str) -> str:
    """A deploymentParameters document as a ``.bicepparam`` file that uses the module at ``using``."""
    lines = [f"using {quote(using)}", ""]
    for name, entry in (document.get("parameters") or {}).items():
        if not is_identifier(name):
            raise Unsupported(f"{where}: parameter '{name}' is not a valid Bicep identifier")
        if isinstance(entry, dict) and set(entry) == {"value"}:
            lines.append(f"param {name} = {literal(entry['value'])}")
        elif isinstance(entry, dict) and set(entry) == {"reference"}:
            lines.append(f"param {name} = {_get_secret(entry['reference'], where, name)}")
        else:
            raise Unsupported(f"{where}: parameter '{name}' is neither a value nor a Key Vault reference")
    return "\n".join(lines) + "\n"


def _get_secret(ref: dict, where: str, name: str) -> str:
    match = VAULT_ID.match(str((ref.get("keyVault") or {}).get("id", "")))
    if not match or "secretName" not in ref:
        raise Unsupported(f"{where}: parameter '{name}' references a Key Vault by something other than a literal id")
    args = [*match.groups(), ref["secretName"], *([ref["secretVersion"]] if "secretVersion" in ref else [])]
    return f"getSecret({', '.join(quote(str(a)) for a in args)})"


def read_bicepparam(path: Path, where: str | None = None) -> tuple[str, dict]:
    """The module a ``.bicepparam`` file uses and the deploymentParameters document it compiles to."""
    where = where or str(path)
    root = parse_params(path.read_text("utf-8"), where)
    reader = ExpressionReader(where, "resourceGroup")
    using, params = "", {}
    for node in root.named_children:
        if node.type == "using_statement":
            using = "".join(p for p in string_parts(node.named_children[0]) if isinstance(p, str))
        elif node.type == "variable_declaration":  # ``param x = v`` (see parse_params)
            name, value = text(node.named_children[0]), node.named_children[-1]
            params[name] = _secret(reader, value) if _is_get_secret(value) else {"value": reader.json(value, {})}
        else:
            raise reader.fail(node, f"the statement '{node.type}' in a parameter file")
    if not using:
        raise BicepParseError(f"{where}: no 'using' statement; a .bicepparam file names its module")
    return using, {"$schema": PARAMETERS_SCHEMA, "contentVersion": "1.0.0.0", "parameters": params}


def _is_get_secret(node) -> bool:
    if node.type != "call_expression":
        return False
    fn = text(node.child_by_field_name("function"))
    return fn in ("getSecret", "az.getSecret")


def _secret(reader: ExpressionReader, node) -> dict:
    args = [reader.json(a, {}) for a in node.child_by_field_name("arguments").named_children]
    if len(args) not in (4, 5) or not all(isinstance(a, str) for a in args):
        raise reader.fail(node, "getSecret() without 4 or 5 literal arguments")
    ref = {"keyVault": {"id": f"/subscriptions/{args[0]}/resourceGroups/{args[1]}/providers/Microsoft.KeyVault/"
                              f"vaults/{args[2]}"}, "secretName": args[3]}
    if len(args) == 5:
        ref["secretVersion"] = args[4]
    return {"reference": ref}
