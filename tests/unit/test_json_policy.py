"""One JSON policy everywhere: a template or parameter file with ``//`` and ``/* */`` comments, or with a
UTF-8 byte order mark, is read exactly as the plain file by validate, expand and the deploy path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from armgen import jsonmarks
from armgen.deploy.plan import build_plan
from armgen.deploy.whatif_hash import FORMAT, load_approved
from armgen.errors import SourceError
from armgen.spec import load_spec
from tests.unit.spec.project import armgen, write_project

UNIT, ENV = "keyvault", "int"


def _commented(text: str) -> str:
    """``text`` with comments that keep every line and column of the JSON values."""
    lines = text.split("\n")
    lines[0] += "  /* rendered by armgen; a block comment */"
    lines[1] += "  // a line comment with a \"quote\" and a // slash"
    return "\n".join(lines) + "\n// the end\n"


VARIANTS = {"plain": lambda text: text, "comments": _commented, "bom": lambda text: "\ufeff" + text}


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("plain")
    assert armgen("render", "--spec", str(write_project(base))).exit_code == 0
    out = {}
    for name, change in VARIANTS.items():
        folder = base if name == "plain" else tmp_path_factory.mktemp(name)
        if folder != base:
            shutil.copytree(base, folder, dirs_exist_ok=True)
        for rel in (f"templates/{UNIT}.json", f"parameters/{UNIT}.parameters.{ENV}.json"):
            path = folder / rel
            path.write_text(change(path.read_text("utf-8")), encoding="utf-8")
        out[name] = folder
    return out


def _validate(folder: Path) -> tuple[int, str]:
    result = armgen("validate", str(folder / "templates" / f"{UNIT}.json"), "--parameters",
                    str(folder / "parameters" / f"{UNIT}.parameters.{ENV}.json"), "--format", "json")
    return result.exit_code, result.stdout.replace(str(folder), "<project>")


@pytest.mark.parametrize("variant", ["comments", "bom"])
def test_validate_expand_and_deploy_read_the_variant_as_the_plain_file(projects: dict[str, Path],
                                                                       variant: str) -> None:
    plain, other = projects["plain"], projects[variant]
    assert _validate(other) == _validate(plain)
    expanded = [armgen("expand", str(folder / "templates" / f"{UNIT}.json"), "--env", ENV, "--spec",
                       str(folder / "mlenv.yaml")) for folder in (plain, other)]
    assert [r.exit_code for r in expanded] == [0, 0], expanded[1].output
    assert expanded[1].stdout.replace(str(other), str(plain)) == expanded[0].stdout
    steps = [build_plan(load_spec(folder / "mlenv.yaml"), ENV, folder).step(UNIT) for folder in (plain, other)]
    assert steps[1].template == steps[0].template and steps[1].parameters == steps[0].parameters


def test_a_syntax_error_is_located_by_the_parser_with_comments_and_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text('\ufeff{\n  // fine\n  "a": 1, /* fine */\n  "b": ,\n}\n', encoding="utf-8")
    with pytest.raises(SourceError) as info:
        jsonmarks.load(path)
    assert (info.value.line, info.value.col) == (4, 8)
    assert info.value.message.endswith("invalid JSON: Expecting value; fix the syntax")


def test_an_approved_change_set_may_carry_a_bom_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "approved.json"
    doc = {"format": FORMAT, "environment": ENV, "hash": "h", "units": {}}
    path.write_text("\ufeff// approved by the release manager\n" + json.dumps(doc), encoding="utf-8")
    assert load_approved(path, ENV) == doc


def test_the_datastore_config_may_carry_a_bom_and_comments(tmp_path: Path) -> None:
    from tests.unit.spec.project import SAMPLE_DATASTORES

    plain = load_spec(write_project(tmp_path / "plain"))
    odd = load_spec(write_project(tmp_path / "odd", datastores="\ufeff// which datastore goes where\n" + SAMPLE_DATASTORES))
    assert [w.datastores for w in odd.env(ENV).workspaces] == [w.datastores for w in plain.env(ENV).workspaces]
    assert any(w.datastores for w in plain.env(ENV).workspaces)
