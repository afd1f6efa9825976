"""AG4004's table of API versions is generated from the official ARM schemas, and says so."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from armgen.rules.resources.api_version import ga_versions, known_versions
from tests.shared_files import SHARED, require

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "api_versions.py"
SCHEMAS = SHARED / "arm-schemas"
TABLE = ROOT / "armgen" / "api_versions.json"


def test_the_table_records_its_source() -> None:
    source = json.loads(TABLE.read_text())["_source"]
    assert source.startswith("Azure/azure-resource-manager-schemas a1454431151fd3e9c1b254b1a11d00c2d8474611")
    assert "scripts/api_versions.py" in source


def test_the_committed_table_holds_every_version_the_schemas_here_give() -> None:
    """The table is generated from the whole schemas/ folder of the repository; ../shared holds a subset of the
    same commit, so everything the script reads there must be in the table."""
    require(SCHEMAS)
    loader = importlib.util.spec_from_file_location("api_versions_script", SCRIPT)
    script = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(script)
    table = known_versions()
    missing = [f"{t}@{v}" for t, versions in script.collect(SCHEMAS).items() for v in versions
               if v not in table.get(t.lower(), [])]
    assert not missing, missing[:10]


def test_the_ga_versions_templates_in_the_wild_use_are_known() -> None:
    """Older GA versions, common in quickstarts and AVM modules, are not AG4004's 'unknown'."""
    assert {"2019-06-01", "2021-09-01", "2022-09-01", "2023-01-01", "2023-05-01"} <= set(
        ga_versions("Microsoft.Storage/storageAccounts"))
    assert {"2019-09-01", "2022-07-01", "2023-07-01"} <= set(ga_versions("Microsoft.KeyVault/vaults"))
    assert {"2023-04-01", "2024-04-01"} <= set(ga_versions("Microsoft.MachineLearningServices/workspaces"))


def test_every_ga_version_the_schemas_index_is_known() -> None:
    # versions the deployment template schemas reference, beyond the provider schemas of the subset
    assert {"2015-01-01", "2016-09-01", "2017-04-01", "2020-05-01"} <= set(ga_versions("Microsoft.Authorization/locks"))
    assert "2021-04-01" in ga_versions("microsoft.resources/resourcegroups")
    assert "2021-05-01-preview" in known_versions()["microsoft.insights/diagnosticsettings"]
    assert "2021-05-01-preview" not in ga_versions("Microsoft.Insights/diagnosticSettings")


def test_a_missing_schemas_folder_is_one_line(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "nowhere")], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2
    assert proc.stderr == (f"error: {tmp_path / 'nowhere'}: no such folder; pass the schemas/ folder of "
                           "Azure/azure-resource-manager-schemas\n")
