"""The rendered sample of a private environment is clean for armgen validate and for checkov's network
families, and switching one resource back to public access is caught by both."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli

ROOT = Path(__file__).resolve().parents[3]
CHECKOV = os.environ.get("CHECKOV", "/tmp/checkov-venv/bin/checkov")
# checkov's ARM checks of public network access, network ACLs and private endpoints on the kinds armgen renders
NETWORK_CHECKS = {"CKV_AZURE_59", "CKV_AZURE_35", "CKV_AZURE_109", "CKV_AZURE_189", "CKV_AZURE_139",
                  "CKV_AZURE_113", "CKV2_AZURE_49", "CKV_AZURE_243"}
# CKV_AZURE_243 wants a managed-network PrivateEndpoint outbound rule written literally in the workspace
# template; armgen's workspace endpoints live in privateendpoint.json (README "Private networking")
UNSEEABLE = {"CKV_AZURE_243"}


@pytest.fixture
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("mlenv.yaml", "datastore_config.json", "templates", "parameters"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def _set(path: Path, *keys: str, value: str) -> None:
    data = json.loads(path.read_text())
    node = data
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value
    path.write_text(json.dumps(data, indent=2))


def test_validate_is_clean_and_catches_one_resource_switched_back_to_public(sample: Path) -> None:
    clean = CliRunner().invoke(cli, ["validate", "--format", "json"])
    assert clean.exit_code == 0, clean.output
    assert not [f for f in json.loads(clean.stdout) if f["rule_id"].startswith("AG71")]
    _set(sample / "parameters" / "storageaccount-data.parameters.pro.json", "parameters", "publicNetworkAccess",
         "value", value="Enabled")
    _set(sample / "parameters" / "privatelinkscope.parameters.pro.json", "parameters", "queryAccessMode",
         "value", value="Open")
    caught = CliRunner().invoke(cli, ["validate", "--format", "json"])
    assert caught.exit_code == 1
    found = {(f["rule_id"], f["message"].split(";")[0]) for f in json.loads(caught.stdout)
             if f["rule_id"].startswith("AG71")}
    assert found == {("AG7101", "publicNetworkAccess is 'Enabled' but environment pro is private"),
                     ("AG7106", "queryAccessMode is 'Open' but environment pro is private")}


def _checkov_failures(templates: Path) -> set[str]:
    run = subprocess.run([CHECKOV, "-d", str(templates), "--framework", "arm", "--skip-download", "-o", "json"],
                         capture_output=True, text=True, timeout=600, check=False)
    report = json.loads(run.stdout)
    return {c["check_id"] for c in report["results"]["failed_checks"]}


@pytest.mark.skipif(not Path(CHECKOV).exists(), reason="checkov is not installed (README: Validating templates)")
def test_checkov_network_checks_pass_and_one_public_switch_fails_again(sample: Path) -> None:
    assert _checkov_failures(sample / "templates") & NETWORK_CHECKS == UNSEEABLE
    _set(sample / "templates" / "storageaccount.json", "parameters", "publicNetworkAccess", "defaultValue",
         value="Enabled")
    assert _checkov_failures(sample / "templates") & NETWORK_CHECKS == UNSEEABLE | {"CKV_AZURE_59"}
