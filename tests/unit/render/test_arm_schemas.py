"""The rendered files against the official ARM schemas in ../shared.

Where ../shared is absent these tests skip on a workstation and fail in CI (``CI``, ``TF_BUILD`` or
``GITHUB_ACTIONS`` set): the official schema check is the oracle that matters most, so a pipeline
must never pass without it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.shared_files import CI_VARIABLES, SHARED, require
from tests.unit.spec.project import render, tree

ROOT = Path(__file__).resolve().parents[3]
CHECKER = SHARED / "tools" / "arm_schema_check.py"
SCHEMAS = SHARED / "arm-schemas" / "2019-04-01"
MINIMAL = ROOT / "tests" / "fixtures" / "spec" / "minimal"


def test_every_template_passes_the_official_resource_schemas() -> None:
    require(CHECKER)
    proc = subprocess.run([sys.executable, str(CHECKER), "templates/"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = proc.stdout.strip().splitlines()[-1]
    checked, failed, unknown = (int(part.split()[0]) for part in summary.split(", "))
    assert checked >= 13 and failed == 0 and unknown == 0, summary


def _parameters_validator() -> Draft4Validator:
    resources = []
    for name in ("deploymentParameters.json", "deploymentTemplate.json"):
        doc = json.loads((SCHEMAS / name).read_text("utf-8"))
        resources.append((doc["id"].rstrip("#"), Resource.from_contents(doc, default_specification=DRAFT4)))
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / "deploymentParameters.json").read_text("utf-8"))
    return Draft4Validator(schema, registry=registry)


def test_every_parameter_file_is_a_valid_deployment_parameters_document(tmp_path: Path) -> None:
    require(SCHEMAS / "deploymentParameters.json")
    validator = _parameters_validator()
    for name in ("mlenv.yaml", "datastore_config.json"):
        shutil.copy(MINIMAL / name, tmp_path / name)
    assert render(tmp_path / "mlenv.yaml").exit_code == 0
    documents = {f"parameters/{p}": b for p, b in tree(ROOT / "parameters").items()}
    documents.update({f"minimal/{p}": b for p, b in tree(tmp_path).items() if p.startswith("parameters/")})
    assert len(documents) > 90
    for rel, data in documents.items():
        doc = json.loads(data)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
        assert errors == [], rel
        assert doc["$schema"] == "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"


def test_the_parameters_schema_check_can_fail() -> None:
    require(SCHEMAS / "deploymentParameters.json")
    validator = _parameters_validator()
    bad = {"$schema": "x", "contentVersion": "1.0", "parameters": {"a": {"value": 1, "extra": 2}}, "pairing": {}}
    assert len(list(validator.iter_errors(bad))) >= 3


@pytest.mark.parametrize("variable", CI_VARIABLES)
def test_a_missing_schema_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str) -> None:
    for name in CI_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the official schema check"):
        require(tmp_path / "absent.json")


def test_a_missing_schema_skips_on_a_workstation(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in CI_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        require(tmp_path / "absent.json")
    require(Path(__file__))  # present: runs
