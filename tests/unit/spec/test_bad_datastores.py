"""Bad datastore kinds in datastore_config.json: one located line each, exit 2, through ``armgen render``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.spec.project import SAMPLE_SPEC, edited, render, write_project

FLAT_DATA = ("      hierarchicalNamespace: true                    # Data Lake Gen2: containers are also dfs "
             "filesystems\n", "")


def _config(entry: str) -> str:
    """A datastore_config.json whose only datastore is ``entry`` (starting on line 3)."""
    return '{\n  "datastores": [\n' + entry + "\n  ]\n}\n"


CASES = [
    ("unknown-kind",
     '    {"name": "scans", "kind": "s3", "container": "scans", "workspaces": ["vision"]}',
     ["datastore_config.json:3:31: datastores[0].kind: 's3' is not one of "
      "['blob', 'dfs', 'file', 'planetaryComputer', 'external']"], SAMPLE_SPEC),
    ("dfs-on-a-flat-account",
     '    {"name": "lake", "kind": "dfs", "storageAccount": "data", "filesystem": "curated",\n'
     '     "workspaces": ["nlp"]}',
     ["datastore_config.json:3:30: datastores[0].kind: kind dfs (Data Lake Gen2) needs a hierarchical namespace, "
      "and storage account 'data' has none; set shared.storage.data.hierarchicalNamespace: true in mlenv.yaml "
      "(a new account) or use kind blob"], edited(SAMPLE_SPEC, (FLAT_DATA,))),
    ("external-account-without-endpoint",
     '    {"name": "partner", "kind": "external", "accountName": "stpartnerdata",\n'
     '     "container": "exports", "credentials": "none", "workspaces": ["nlp"]}',
     ["datastore_config.json:3:45: datastores[0].accountName: external account 'stpartnerdata' has no endpoint; "
      'add "endpoint": "core.windows.net" (the storage suffix of its cloud)'], SAMPLE_SPEC),
    ("secret-value-instead-of-a-key-vault-reference",
     '    {"name": "partner", "kind": "external", "accountName": "stpartnerdata", "endpoint": "core.windows.net",\n'
     '     "container": "exports", "credentials": "sas",\n'
     '     "sasToken": "sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01&sig=c2VjcmV0", "workspaces": ["nlp"]}',
     ["datastore_config.json:5:18: datastores[0].sasToken: sasToken is a secret value; store the token in Key "
      'Vault and write {"keyVaultSecret": "<secret name>"} instead (no secret belongs in datastore_config.json '
      "or a parameter file)"], SAMPLE_SPEC),
    ("sas-without-a-secret",
     '    {"name": "partner", "kind": "external", "accountName": "stpartnerdata", "endpoint": "core.windows.net",\n'
     '     "container": "exports", "credentials": "sas", "workspaces": ["nlp"]}',
     ['datastore_config.json:3:5: datastores[0]: credentials sas needs "sasToken": {"keyVaultSecret": '
      "\"<secret name>\"}, a secret in the platform's Key Vault that holds the token"], SAMPLE_SPEC),
    ("account-by-id-and-by-name",
     '    {"name": "team", "kind": "external", "accountName": "stteamdata",\n'
     '     "resourceId": "/subscriptions/00000000-0000-0000-0000-000000000009/resourceGroups/rg-team/providers/'
     'Microsoft.Storage/storageAccounts/stteamdata",\n'
     '     "container": "shared", "workspaces": ["nlp"]}',
     ["datastore_config.json:3:42: datastores[0].accountName: give the account by resourceId or by accountName "
      "and endpoint, not both"], SAMPLE_SPEC),
    ("two-defaults-for-one-workspace",
     '    {"name": "a", "storageAccount": "data", "container": "datasets", "workspaces": ["nlp"], "default": true},\n'
     '    {"name": "b", "storageAccount": "data", "container": "results", "workspaces": ["nlp"], "default": true}',
     ["datastore_config.json:4:103: datastores[1].default: workspace 'nlp' already has the default datastore 'a' "
      "(datastores[0]); keep one"], SAMPLE_SPEC),
    ("file-share-not-declared",
     '    {"name": "shares", "kind": "file", "storageAccount": "data", "fileShare": "notebooks",\n'
     '     "workspaces": ["nlp"]}',
     ["datastore_config.json:3:79: datastores[0].fileShare: storage account 'data' has no file share "
      "'notebooks'; add it to shared.storage.data.fileShares in mlenv.yaml"], SAMPLE_SPEC),
    ("key-of-another-kind",
     '    {"name": "pc", "kind": "planetaryComputer", "accountName": "sentinel2l2a01", "container": "sentinel2-l2",\n'
     '     "endpoint": "core.windows.net", "workspaces": ["vision"]}',
     ["datastore_config.json:4:6: datastores[0].endpoint: unknown key 'endpoint'; allowed keys: accountName, "
      "collection, container, default, description, kind, name, workspaces"], SAMPLE_SPEC),
]


@pytest.mark.parametrize(("entry", "expected", "spec"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_bad_datastore_is_one_located_line(tmp_path: Path, entry: str, expected: list[str], spec: str) -> None:
    result = render(write_project(tmp_path, spec, _config(entry)))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [f"Error: {line}" for line in expected]
    assert not (tmp_path / "templates").exists()


def test_the_token_itself_is_never_echoed(tmp_path: Path) -> None:
    entry = CASES[3][1]
    result = render(write_project(tmp_path, SAMPLE_SPEC, _config(entry)))
    assert result.exit_code == 2
    assert "sig=" not in result.output and "sv=2022" not in result.output
