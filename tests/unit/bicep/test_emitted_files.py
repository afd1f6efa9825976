"""Every file under the committed bicep/ parses with the third-party grammar, and reads as idiomatic Bicep."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from armgen.bicep.parse import BicepParseError, parse, parse_params

ROOT = Path(__file__).resolve().parents[3]
BICEP = ROOT / "bicep"
MODULES = sorted(BICEP.glob("**/*.bicep"))
PARAMS = sorted(BICEP.glob("*.bicepparam"))


def test_the_sample_has_a_module_per_template_and_a_bicepparam_per_parameter_file() -> None:
    kinds = {p.stem for p in (ROOT / "templates").glob("*.json")}
    assert {p.stem for p in BICEP.glob("*.bicep")} == kinds
    units = {p.name.replace(".parameters.", ".").removesuffix(".json") for p in (ROOT / "parameters").glob("*.json")}
    assert {p.name.removesuffix(".bicepparam") for p in PARAMS} == units


@pytest.mark.parametrize("path", MODULES + PARAMS, ids=lambda p: p.name)
def test_every_emitted_file_parses(path: Path) -> None:
    text = path.read_text("utf-8")
    root = (parse_params if path.suffix == ".bicepparam" else parse)(text, str(path))
    assert root.named_child_count > 0


def _identifiers(node) -> set[str]:
    found = {node.text.decode()} if node.type == "identifier" else set()
    for child in node.named_children:
        if not (node.type == "call_expression" and child == node.child_by_field_name("function")):
            found |= _identifiers(child)
    return found


def _calls(node, names: tuple[str, ...]):
    if node.type == "call_expression" and node.child_by_field_name("function").text.decode() in names:
        yield node
    for child in node.named_children:
        yield from _calls(child, names)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_modules_follow_the_linter(path: Path) -> None:
    text = path.read_text("utf-8")
    root = parse(text, str(path))
    declared = {c.named_children[0].text.decode() for c in root.named_children
                if c.type in ("parameter_declaration", "variable_declaration")}
    for call in _calls(root, ("resourceId", "subscriptionResourceId")):
        # a resource id stays a function only where it changes per loop or lambda item (no symbol can name it)
        assert _identifiers(call) - declared, f"use a symbol or an existing resource: {call.text.decode()}"
    assert "reference(" not in text  # use-resource-symbol-reference
    assert not re.search(r"name: '[^']*/", text)  # use-parent-property
    for param in re.findall(r"^param (\w+)", text, re.MULTILINE):
        assert len(re.findall(rf"\b{param}\b", text)) > 1, f"no-unused-params: {param}"
    decls = text.split("\n\n")
    for decl in decls:
        if decl.lstrip().startswith("@") or decl.startswith("param "):
            assert "@description(" in decl or "param " not in decl or path.parent.name == "modules", decl


def test_a_syntax_error_is_one_line_with_file_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(BicepParseError) as err:
        parse("param x string\nresource r 'A.B/c@2020-01-01' = {\n  name: \n}\n", "bad.bicep")
    message = str(err.value.message)
    assert "\n" not in message and message.startswith("bad.bicep:")
