"""``armgen render``: deterministic, atomic, removes only its own stale files, --check and --env."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from armgen.render.writer import MANIFEST
from tests.unit.spec.project import (
    DATASTORES,
    SAMPLE_DATASTORES,
    SAMPLE_SPEC,
    edited,
    render,
    tree,
    write_project,
)

NLP_WORKSPACE = ("  - name: nlp\n    description: Natural language work package\n    compute:\n"
                 "      vmSize: Standard_DS3_v2\n      maxNodes: 4\n    batchEndpoints: [scoring]\n"
                 "    sql:                                             # an Azure SQL database next to the workspace, in pro\n"
                 "      enabled: {default: false, pro: true}\n"
                 "      adminGroup: {name: ml-nlp-sql-admins, objectId: 22222222-3333-4444-5555-666666666666}\n"
                 "      sku: {default: Basic, pro: S1}\n"
                 "      backupRedundancy: {default: Local, pro: Geo}\n")
WITHOUT_NLP = edited(SAMPLE_SPEC, ((NLP_WORKSPACE, ""),))
DATASTORES_WITHOUT_NLP = json.dumps({"datastores": [
    {**d, "workspaces": [w for w in d["workspaces"] if w != "nlp"]}
    for d in json.loads(SAMPLE_DATASTORES)["datastores"] if d["workspaces"] != ["nlp"]]}, indent=2)
AUDIO_WORKSPACE = NLP_WORKSPACE + "  - name: audio\n    compute: {maxNodes: 1}\n"
NLP_UNITS = ("batchendpoint-nlp", "computecluster-nlp", "datastore-nlp", "mlworkspace-nlp", "roleassignments-nlp",
             "sasdatastore-nlp-partner_exports")
NLP_ENDPOINTS = "privateendpoint-mlworkspace-nlp-amlworkspace"  # int and pro are private: the workspace's endpoint unit
NLP_FILES = sorted([f"parameters/{u}.parameters.{e}.json" for u in NLP_UNITS for e in ("dev", "int", "pro")]
                   + ["parameters/sqldatabase-nlp.parameters.pro.json",  # SQL only in pro, behind its endpoint
                      "parameters/privateendpoint-sqldatabase-nlp-sqlserver.parameters.pro.json"]
                   + [f"parameters/{NLP_ENDPOINTS}.parameters.{e}.json" for e in ("int", "pro")])
ENVS = ("dev", "int", "pro")


def _rendered(tmp_path: Path) -> Path:
    spec = write_project(tmp_path)
    result = render(spec)
    assert result.exit_code == 0, result.output
    return spec


def _outputs(folder: Path) -> dict[str, bytes]:
    """What render wrote: everything but the inputs (templates/, parameters/, pipeline files, manifest)."""
    return {p: b for p, b in tree(folder).items() if p not in ("mlenv.yaml", DATASTORES)}


def test_render_writes_templates_parameters_and_manifest(tmp_path: Path) -> None:
    spec = write_project(tmp_path)
    result = render(spec)
    assert result.exit_code == 0, result.output
    files = _outputs(tmp_path)
    params = [p for p in files if p.startswith("parameters/")]
    templates = [p for p in files if p.startswith("templates/")]
    assert len(templates) == 19  # every kind: the network ones, the Azure Monitor scope and the SAS datastore and SQL database too
    assert len(params) == 22 + 39 + 35  # 11 shared + 5 per workspace + a SAS datastore (nlp); int: 17 network units; pro: SQL, the Azure Monitor scope and 11 endpoints
    assert result.stdout.strip().endswith(f"{len(files) - 1} written, 0 unchanged, 0 removed in {tmp_path}")
    manifest = json.loads(files[MANIFEST])
    assert manifest["generator"] == "armgen"
    assert sorted(manifest["files"]) == sorted(p for p in files if p != MANIFEST)


def test_output_is_canonical_json(tmp_path: Path) -> None:
    _rendered(tmp_path)
    for rel, data in _outputs(tmp_path).items():
        if not rel.endswith(".json"):
            continue  # the pipeline's YAML files have their own tests
        text = data.decode("utf-8")
        assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n", rel


def test_render_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    _rendered(first)
    _rendered(second)
    assert _outputs(first) == _outputs(second)
    again = render(first / "mlenv.yaml")
    assert again.exit_code == 0
    assert again.stdout.strip().endswith(f"0 written, {len(_outputs(first)) - 1} unchanged, 0 removed in {first}")
    assert _outputs(first) == _outputs(second)


def test_out_option_writes_elsewhere(tmp_path: Path) -> None:
    spec = write_project(tmp_path / "spec")
    result = render(spec, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "templates" / "mlworkspace.json").is_file()
    assert not (tmp_path / "spec" / "templates").exists()


# --- atomic writes -------------------------------------------------------------------------------


def test_a_folder_in_the_way_leaves_the_previous_output_intact(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    before = tree(tmp_path)
    # the new spec changes existing files and adds a workspace whose first file cannot be written
    write_project(tmp_path, edited(SAMPLE_SPEC, ((NLP_WORKSPACE, AUDIO_WORKSPACE),
                                                 ("      maxNodes: 4\n", "      maxNodes: 5\n"))), None)
    blocker = tmp_path / "parameters" / "mlworkspace-audio.parameters.dev.json"
    blocker.mkdir()
    result = render(spec)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: cannot write {blocker}: a folder of that name is in the way; "
                             "nothing was changed\n")
    assert "Traceback" not in result.output
    after = {p: b for p, b in tree(tmp_path).items() if p != "mlenv.yaml"}
    assert after == {p: b for p, b in before.items() if p != "mlenv.yaml"}  # no partial update, no temp files


def test_a_file_where_a_folder_belongs_writes_nothing(tmp_path: Path) -> None:
    spec = write_project(tmp_path / "spec")
    out = tmp_path / "out"
    out.mkdir()
    (out / "templates").write_text("not a folder\n")
    result = render(spec, "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: cannot write {out / 'templates' / 'appinsights.json'}: "
                             f"{out / 'templates'} is a file, not a folder; nothing was changed\n")
    assert tree(out) == {"templates": b"not a folder\n"}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder_leaves_the_previous_output_intact(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    before = tree(tmp_path)
    write_project(tmp_path, edited(SAMPLE_SPEC, (("      maxNodes: 4\n", "      maxNodes: 5\n"),)), None)
    params = tmp_path / "parameters"
    params.chmod(0o555)
    try:
        result = render(spec)
    finally:
        params.chmod(0o755)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "Permission denied; nothing was changed" in result.stderr
    assert {p: b for p, b in tree(tmp_path).items() if p != "mlenv.yaml"} == \
        {p: b for p, b in before.items() if p != "mlenv.yaml"}


# --- stale files -------------------------------------------------------------------------------


def _drop_nlp(tmp_path: Path) -> None:
    write_project(tmp_path, WITHOUT_NLP, DATASTORES_WITHOUT_NLP)


def test_dropping_a_workspace_removes_its_files_but_not_foreign_ones(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    foreign = {"parameters/custom.parameters.dev.json": b'{"mine": true}\n',
               "templates/extra.json": b"{}\n", "parameters/README.md": b"notes\n"}
    for rel, data in foreign.items():
        (tmp_path / rel).write_bytes(data)
    _drop_nlp(tmp_path)
    result = render(spec)
    assert result.exit_code == 0, result.output
    gone = sorted(NLP_FILES + [f"bicep/{Path(f).name.replace('.parameters.', '.').replace('.json', '.bicepparam')}"
                               for f in NLP_FILES])  # the sample renders both formats
    assert [line.removeprefix("removed stale ") for line in result.stdout.splitlines()[:-1]] == gone
    files = tree(tmp_path)
    assert not any("nlp" in p for p in files)
    for rel, data in foreign.items():
        assert files[rel] == data
    assert "nlp" not in files[MANIFEST].decode()


def test_a_hand_edited_stale_file_is_kept_with_a_message(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    edited_file = tmp_path / "parameters" / "mlworkspace-nlp.parameters.pro.json"
    edited_file.write_text(edited_file.read_text().replace("Natural language", "Hand-written"))
    _drop_nlp(tmp_path)
    result = render(spec)
    assert result.exit_code == 0, result.output
    assert result.stderr == ("kept parameters/mlworkspace-nlp.parameters.pro.json: no longer rendered, "
                             "but edited by hand; delete it yourself\n")
    assert "Hand-written" in edited_file.read_text()
    assert "removed stale parameters/mlworkspace-nlp.parameters.dev.json" in result.stdout
    assert [p for p in tree(tmp_path) if "nlp" in p] == ["parameters/mlworkspace-nlp.parameters.pro.json"]


def test_check_fails_on_hand_edited_leftovers_that_render_kept(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    edited_file = tmp_path / "parameters" / "mlworkspace-nlp.parameters.pro.json"
    edited_file.write_text(edited_file.read_text().replace("Natural language", "Hand-written"))
    _drop_nlp(tmp_path)
    orphan = "parameters/mlworkspace-nlp.parameters.pro.json"
    before_render = render(spec, "--check")  # still in the manifest: render would keep it, not remove it
    assert before_render.exit_code == 3
    assert f"orphan: {orphan}\n" in before_render.stdout and f"stale: {orphan}" not in before_render.stdout
    assert render(spec).exit_code == 0
    assert edited_file.exists()
    (tmp_path / "parameters" / "custom.parameters.dev.json").write_text("{}\n")  # no armgen kind: not an orphan
    hand_written = tmp_path / "bicep" / "keyvault-extra.dev.bicepparam"
    hand_written.write_text("using './keyvault.bicep'\n")  # an armgen kind the spec does not render
    result = render(spec, "--check")
    assert result.exit_code == 3  # changes found
    assert result.stdout == f"orphan: {orphan}\norphan: bicep/keyvault-extra.dev.bicepparam\n"
    assert result.stderr == ("2 file(s) that mlenv.yaml does not render, which render keeps (edited by hand or not "
                             f"armgen's): {orphan}, bicep/keyvault-extra.dev.bicepparam; delete them, or move them "
                             "out of templates/, parameters/ and bicep/\n")
    assert render(spec, "--check", "--env", "dev", "--format", "arm").exit_code == 0  # neither is in scope
    edited_file.unlink()
    hand_written.unlink()
    assert render(spec, "--check").exit_code == 0


def test_check_fails_on_a_stray_template_that_validate_would_check(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    (tmp_path / "templates" / "extra.json").write_text("{}\n")  # validate checks every templates/*.json
    (tmp_path / "templates" / "NOTES.md").write_text("notes\n")  # not a template: not an orphan
    result = render(spec, "--check")
    assert result.exit_code == 3  # changes found
    assert result.stdout == "orphan: templates/extra.json\n"
    assert result.stderr == ("1 file(s) that mlenv.yaml does not render, which render keeps (edited by hand or not "
                             "armgen's): templates/extra.json; delete them, or move them out of templates/, "
                             "parameters/ and bicep/\n")
    assert render(spec, "--check", "--format", "bicep").exit_code == 0  # templates/ is the arm format's
    assert render(spec).exit_code == 0 and (tmp_path / "templates" / "extra.json").is_file()  # never armgen's


# --- --check -----------------------------------------------------------------------------------


def test_check_of_another_folder_names_it_in_the_hint(tmp_path: Path) -> None:
    spec = write_project(tmp_path)
    assert render(spec, "--out", str(tmp_path / "build")).exit_code == 0
    (tmp_path / "build" / "templates" / "keyvault.json").unlink()
    result = render(spec, "--out", str(tmp_path / "build"), "--check")
    assert result.exit_code == 3
    assert result.stderr == f"1 file(s) differ from mlenv.yaml; run 'armgen render --out {tmp_path}/build' to update them\n"


def test_check_passes_on_fresh_output(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    result = render(spec, "--check")
    assert result.exit_code == 0
    assert result.stdout == f"{len(_outputs(tmp_path)) - 1} files up to date\n"


def test_check_writes_nothing_and_lists_each_drifted_file_with_a_diff(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    (tmp_path / "templates" / "keyvault.json").unlink()
    (tmp_path / "parameters" / "custom.parameters.dev.json").write_text("{}\n")  # foreign: not drift
    write_project(tmp_path, edited(WITHOUT_NLP, (("maxNodes: {default: 2, int: 1, pro: 8}",
                                                   "maxNodes: {default: 2, int: 1, pro: 9}"),)),
                  DATASTORES_WITHOUT_NLP)
    before = tree(tmp_path)
    result = render(spec, "--check")
    assert result.exit_code == 3  # changes found
    assert tree(tmp_path) == before
    listed = [line for line in result.stdout.splitlines() if line.split(":")[0] in ("missing", "changed", "stale")]
    assert result.stderr == f"{len(listed)} file(s) differ from mlenv.yaml; run 'armgen render' to update them\n"
    listed = [line for line in listed if line.split(": ")[1].startswith(("templates/", "parameters/"))]
    stale = [f"stale: {f}" for f in NLP_FILES]
    assert sorted(listed) == sorted(["missing: templates/keyvault.json",
                                     "changed: parameters/computecluster-vision.parameters.pro.json",
                                     "changed: parameters/resourcegroups.parameters.dev.json",
                                     "changed: parameters/resourcegroups.parameters.int.json",
                                     "changed: parameters/resourcegroups.parameters.pro.json",
                                     "changed: parameters/roledefinition.parameters.dev.json",
                                     "changed: parameters/roledefinition.parameters.int.json",
                                     "changed: parameters/roledefinition.parameters.pro.json",
                                     "changed: parameters/storageaccount-workspace.parameters.dev.json",
                                     "changed: parameters/storageaccount-workspace.parameters.int.json",
                                     "changed: parameters/storageaccount-workspace.parameters.pro.json",
                                     *stale])
    diff = result.stdout
    assert "--- a/parameters/computecluster-vision.parameters.pro.json\n" in diff
    assert "+++ b/parameters/computecluster-vision.parameters.pro.json\n" in diff
    assert '-      "value": 8\n+      "value": 9\n' in diff
    assert '-        "rg-mlp-vision-dev",\n-        "rg-mlp-nlp-dev"\n+        "rg-mlp-vision-dev"\n' in diff  # the dropped workspace's group leaves resourcegroups
    assert "+++ b/templates/keyvault.json\n" in diff


# --- --env -------------------------------------------------------------------------------------


def test_env_restricts_output_and_keeps_other_environments_files(tmp_path: Path) -> None:
    spec = write_project(tmp_path)
    result = render(spec, "--env", "dev")
    assert result.exit_code == 0, result.output
    params = [p for p in tree(tmp_path) if p.startswith("parameters/")]
    assert params and all(p.endswith(".parameters.dev.json") for p in params)
    assert len(params) == 22

    assert render(spec).exit_code == 0
    before = tree(tmp_path)
    _drop_nlp(tmp_path)
    result = render(spec, "--env", "dev")
    assert result.exit_code == 0, result.output
    after = tree(tmp_path)
    removed = sorted(set(before) - set(after))
    assert removed == sorted([f"parameters/{u}.parameters.dev.json" for u in NLP_UNITS]
                             + [f"bicep/{u}.dev.bicepparam" for u in NLP_UNITS])
    for rel, data in before.items():  # int and pro are left exactly as they were, stale files included
        if rel.endswith((".int.json", ".pro.json", ".int.bicepparam", ".pro.bicepparam")):
            assert after[rel] == data, rel
    manifest = json.loads(after[MANIFEST])["files"]
    assert "parameters/mlworkspace-nlp.parameters.pro.json" in manifest  # removed by a later full render

    assert render(spec, "--env", "dev", "--check").exit_code == 0
    assert render(spec, "--check").exit_code == 3
    full = render(spec)
    assert full.exit_code == 0
    assert not any("nlp" in p for p in tree(tmp_path))


def test_env_can_repeat(tmp_path: Path) -> None:
    spec = write_project(tmp_path)
    result = render(spec, "--env", "dev", "--env", "pro")
    assert result.exit_code == 0, result.output
    envs = {p.split(".")[-2] for p in tree(tmp_path) if p.startswith("parameters/")}
    assert envs == {"dev", "pro"}


def test_missing_datastore_config_means_no_datastore_units(tmp_path: Path) -> None:
    spec = write_project(tmp_path, datastores=None)
    assert not (tmp_path / DATASTORES).exists()
    result = render(spec)
    assert result.exit_code == 0, result.output
    assert not any("datastore-" in p for p in tree(tmp_path))


def test_a_lost_datastore_config_is_refused_instead_of_removing_every_datastore(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    (tmp_path / DATASTORES).unlink()
    before = tree(tmp_path)
    datastore_files = sorted(p for p in before if p.startswith(("parameters/", "bicep/"))
                             and Path(p).name.split("-")[0] in ("datastore", "sasdatastore"))
    assert len(datastore_files) == 18  # datastore-vision, datastore-nlp, the SAS one of nlp; 3 environments, 2 formats
    for args in ((), ("--check",)):
        result = render(spec, *args)
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            f"Error: {tmp_path / DATASTORES}: not found, but {tmp_path} holds {len(datastore_files)} datastore file(s) "
            f"rendered from it ({datastore_files[0]} and {len(datastore_files) - 1} more) that rendering now would "
            'remove; restore the file, or write {"datastores": []} into it to remove every datastore\n')
        assert tree(tmp_path) == before
    (tmp_path / DATASTORES).write_text('{"datastores": []}\n')  # the explicit way to have none
    result = render(spec)
    assert result.exit_code == 0, result.output
    assert not any(Path(p).name.split("-")[0] in ("datastore", "sasdatastore") for p in tree(tmp_path))


def test_a_corrupt_manifest_only_forgets_what_armgen_wrote(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    (tmp_path / MANIFEST).write_bytes(b"\xff\xfe not json")
    _drop_nlp(tmp_path)
    refused = render(spec)  # without a record nothing counts as armgen's own: changed files are foreign
    assert refused.exit_code == 1
    assert refused.stderr.count("\n") == 1
    assert "(.armgen-manifest.json is unusable: it is not UTF-8 JSON); move it away, or re-run with --force" \
        in refused.stderr
    result = render(spec, "--force")
    assert result.exit_code == 0, result.output
    assert "removed stale" not in result.stdout
    assert "parameters/mlworkspace-nlp.parameters.dev.json" in tree(tmp_path)
    assert json.loads((tmp_path / MANIFEST).read_text())["generator"] == "armgen"


def test_undecodable_output_is_reported_and_replaced(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    target = tmp_path / "parameters" / "keyvault.parameters.dev.json"
    target.write_bytes(b"\xff\xfe\x00garbage")
    check = render(spec, "--check")
    assert check.exit_code == 3
    assert "changed: parameters/keyvault.parameters.dev.json" in check.stdout
    assert "Traceback" not in check.output
    assert render(spec).exit_code == 0
    assert json.loads(target.read_text())["parameters"]["keyVaultName"]["value"] == "kv-mlp-shared-dev"
