"""``armgen init`` writes the sample; ``armgen render`` there gives files for dev, int and pro."""

from __future__ import annotations

from pathlib import Path

import pytest

from armgen.cli.init_cmd import sample_text
from armgen.render.units import units_for
from armgen.spec import load_spec
from tests.unit.spec.project import DATASTORES, SPEC, armgen, tree


def test_init_then_render_in_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = armgen("init")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {SPEC}\nwrote {DATASTORES}\nnext: armgen render\n"
    assert armgen("render").exit_code == 0

    files = tree(tmp_path)
    spec = load_spec(tmp_path / SPEC)
    assert list(spec.environments) == ["dev", "int", "pro"]
    for env in spec.environments.values():
        units = units_for(env)
        # 22 units (the SAS datastore of nlp included), pro adds the SQL database; int and pro (private) add one
        # endpoint unit per private-link sub-resource (9, pro 11 with the SQL server's and the Azure Monitor
        # scope's), int its virtual network and seven DNS zones too, pro its Azure Monitor Private Link Scope
        assert len(units) == {"dev": 22, "int": 39, "pro": 35}[env.name]
        for unit in units:
            assert f"parameters/{unit.name}.parameters.{env.name}.json" in files
            assert f"templates/{unit.template}.json" in files
    params = [p for p in files if p.startswith("parameters/")]
    assert len(params) == 22 + 39 + 35
    assert armgen("render", "--check").exit_code == 0


def test_init_into_a_new_folder_names_the_spec_in_its_hint(tmp_path: Path) -> None:
    target = tmp_path / "platform"
    result = armgen("init", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"next: armgen render --spec {target / SPEC}"
    assert (target / SPEC).read_text() == sample_text(SPEC)
    assert (target / DATASTORES).read_text() == sample_text(DATASTORES)
    assert armgen("render", "--spec", str(target / SPEC)).exit_code == 0
    assert {p.split(".")[-2] for p in tree(target / "parameters")} == {"dev", "int", "pro"}


@pytest.mark.parametrize("existing", [SPEC, DATASTORES])
def test_init_refuses_to_overwrite_without_force(tmp_path: Path, existing: str) -> None:
    (tmp_path / existing).write_text("mine\n")
    result = armgen("init", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / existing} already exists; pass --force to overwrite it\n"
    assert tree(tmp_path) == {existing: b"mine\n"}

    forced = armgen("init", str(tmp_path), "--force")
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / existing).read_text() == sample_text(existing)
    assert (tmp_path / SPEC).exists() and (tmp_path / DATASTORES).exists()


def test_init_where_a_file_blocks_the_folder(tmp_path: Path) -> None:
    (tmp_path / "platform").write_text("a file\n")
    result = armgen("init", str(tmp_path / "platform"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [f"Error: Invalid value for '[DIRECTORY]': Directory "
                                          f"'{tmp_path / 'platform'}' is a file. (see 'cli init --help')"]
