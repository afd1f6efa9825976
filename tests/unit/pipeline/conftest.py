"""Specs for pipeline tests: the worked example, and variants written to a tmp folder."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from armgen.spec import load_spec

ROOT = Path(__file__).resolve().parents[3]
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]  # the check-jsonschema CLI of this environment


def spec_variant(tmp: Path, old: str = "", new: str = ""):
    """The sample spec with one text replacement, loaded from ``tmp``."""
    text = (ROOT / "mlenv.yaml").read_text()
    if old:
        assert old in text
        text = text.replace(old, new, 1)
    (tmp / "mlenv.yaml").write_text(text)
    shutil.copy(ROOT / "datastore_config.json", tmp / "datastore_config.json")
    return load_spec(tmp / "mlenv.yaml")


STAGING = """  pro:
    subscriptionId"""
WITH_STAGING = """  staging:
    subscriptionId: 00000000-0000-0000-0000-000000000003
    location: westeurope
    target: emulator
  pro:
    subscriptionId"""


@pytest.fixture(scope="session")
def sample_spec():
    return load_spec(ROOT / "mlenv.yaml")


@pytest.fixture(scope="session")
def staging_spec(tmp_path_factory):
    return spec_variant(tmp_path_factory.mktemp("staging"), STAGING, WITH_STAGING)


def check_schema(schema: str, files: list[Path], azure: bool) -> subprocess.CompletedProcess:
    """Run the real check-jsonschema CLI with its vendored schema (as the issue prescribes)."""
    args = [*CHECK_JSONSCHEMA, "--builtin-schema", schema]
    if azure:
        args += ["--data-transform", "azure-pipelines", "--regex-variant", "nonunicode"]
    return subprocess.run(args + [str(f) for f in files], capture_output=True, text=True, timeout=120)
