"""Pairing parameter files with templates by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from armgen.errors import InputError
from armgen.validate.discovery import discover, pair

MINIMAL = '{"$schema": "x", "contentVersion": "1.0.0.0", "resources": []}'


def touch(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        (folder / name).write_text(MINIMAL)
        paths.append(folder / name)
    return paths


def test_instance_and_env_pair_with_template_stem(tmp_path: Path) -> None:
    templates = touch(tmp_path / "templates", "storageaccount.json", "mlworkspace.json")
    params = touch(tmp_path / "parameters", "storageaccount-data.parameters.dev.json",
                   "storageaccount-workspace.parameters.int.json", "mlworkspace-vision.parameters.pro.json",
                   "storageaccount.parameters.dev.json", "keyvault.parameters.dev.json")
    pairings, orphans = pair(templates, params)
    by_template = {p.template.name: {(f.path.name, f.env, f.instance) for f in p.parameters} for p in pairings}
    assert by_template["storageaccount.json"] == {
        ("storageaccount-data.parameters.dev.json", "dev", "data"),
        ("storageaccount-workspace.parameters.int.json", "int", "workspace"),
        ("storageaccount.parameters.dev.json", "dev", None),
    }
    assert by_template["mlworkspace.json"] == {("mlworkspace-vision.parameters.pro.json", "pro", "vision")}
    assert [o.name for o in orphans] == ["keyvault.parameters.dev.json"]


def test_longest_template_stem_wins(tmp_path: Path) -> None:
    templates = touch(tmp_path, "role.json", "role-assignment.json")
    params = touch(tmp_path, "role-assignment-compute.parameters.dev.json", "role-model.parameters.dev.json")
    pairings, _ = pair(templates, params)
    got = {p.template.name: [f.path.name for f in p.parameters] for p in pairings}
    assert got == {"role.json": ["role-model.parameters.dev.json"],
                   "role-assignment.json": ["role-assignment-compute.parameters.dev.json"]}


def test_names_match_without_case_and_an_instance_must_not_be_empty(tmp_path: Path) -> None:
    templates = touch(tmp_path, "StorageAccount.json", "ml-workspace.json")
    params = touch(tmp_path, "storageaccount-Data-2.parameters.DEV.json", "ml-workspace-a-b.parameters.int.json",
                   "ml-workspace-.parameters.int.json", "ml.parameters.int.json")
    pairings, orphans = pair(templates, params)
    got = {p.template.name: [(f.path.name, f.env, f.instance) for f in p.parameters] for p in pairings}
    assert got == {"StorageAccount.json": [("storageaccount-Data-2.parameters.DEV.json", "DEV", "Data-2")],
                   "ml-workspace.json": [("ml-workspace-a-b.parameters.int.json", "int", "a-b")]}
    assert sorted(o.name for o in orphans) == ["ml-workspace-.parameters.int.json", "ml.parameters.int.json"]


def test_env_less_third_party_convention(tmp_path: Path) -> None:
    templates = touch(tmp_path, "azuredeploy.json")
    params = touch(tmp_path, "azuredeploy.parameters.json")
    pairings, _ = pair(templates, params)
    assert [(f.path.name, f.env) for f in pairings[0].parameters] == [("azuredeploy.parameters.json", None)]


def test_default_run_uses_template_and_parameter_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    touch(tmp_path / "templates", "keyvault.json")
    touch(tmp_path / "parameters", "keyvault.parameters.dev.json", "stray.parameters.dev.json")
    monkeypatch.chdir(tmp_path)
    pairings, orphans = discover((), (), "templates", "parameters")
    assert [p.template.name for p in pairings] == ["keyvault.json"]
    assert [f.path.name for f in pairings[0].parameters] == ["keyvault.parameters.dev.json"]
    assert [o.name for o in orphans] == ["stray.parameters.dev.json"]


def test_named_template_pairs_from_its_own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (template,) = touch(tmp_path / "thirdparty", "azuredeploy.json")
    touch(tmp_path / "thirdparty", "azuredeploy.parameters.prod.json", "other.parameters.prod.json")
    monkeypatch.chdir(tmp_path)
    pairings, orphans = discover((str(template),), (), "templates", "parameters")
    assert [f.path.name for f in pairings[0].parameters] == ["azuredeploy.parameters.prod.json"]
    assert orphans == []


def test_explicit_parameters_override_pairing(tmp_path: Path) -> None:
    (template,) = touch(tmp_path, "main.json")
    (params,) = touch(tmp_path, "custom-values.json")
    pairings, _ = discover((str(template),), (str(params),), "templates", "parameters")
    assert [f.path for f in pairings[0].parameters] == [params]


@pytest.mark.parametrize(("templates", "parameters", "message"), [
    ((), (), "templates/ does not exist"),
    (("missing.json",), (), "missing.json: no such file or directory"),
    (("a.json", "b.json"), ("p.json",), "--parameters needs exactly one TEMPLATE"),
    (("kv.parameters.dev.json",), (), "kv.parameters.dev.json is a parameter file"),
])
def test_unusable_selection_is_an_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, templates: tuple,
                                              parameters: tuple, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    touch(tmp_path, "kv.parameters.dev.json")
    with pytest.raises(InputError, match=message) as info:
        discover(templates, parameters, "templates", "parameters")
    assert info.value.exit_code == 2


def test_folder_scan_skips_json_that_is_not_a_template(tmp_path: Path) -> None:
    touch(tmp_path / "qs", "azuredeploy.json")
    (tmp_path / "qs" / "metadata.json").write_text('{"itemDisplayName": "x", "summary": "y"}')
    (tmp_path / "qs" / "broken.json").write_text('{"$schema": "https://schema.management.azure.com/schemas/'
                                                 '2019-04-01/deploymentTemplate.json#"')
    pairings, _ = discover((str(tmp_path / "qs"),), (), "templates", "parameters")
    assert sorted(p.template.name for p in pairings) == ["azuredeploy.json", "broken.json"]
