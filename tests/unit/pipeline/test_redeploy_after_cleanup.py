"""CleanupInt leaves a soft-deleted Key Vault (purge protection): every deploy step must recover it."""

import re

from armgen.pipeline import render_ado, render_github
from armgen.spec import load_spec
from tests.unit.pipeline.conftest import ROOT


def _deploy_commands(text: str) -> list[str]:
    return re.findall(r"armgen deploy [^\n]*", text)


def test_every_generated_deploy_recovers_a_soft_deleted_vault() -> None:
    spec = load_spec(ROOT / "mlenv.yaml")
    files = {**render_ado(spec), **render_github(spec)}
    commands = [c for text in files.values() for c in _deploy_commands(text)]
    assert commands, "no deploy step generated"
    assert all("--recover-soft-deleted" in c for c in commands), commands
