"""The files beside the checkout in ../shared (official ARM schemas, their checker): a test that needs one skips
on a workstation where it is absent and fails in CI (``CI``, ``TF_BUILD`` or ``GITHUB_ACTIONS`` set), so a
pipeline never passes without the oracle."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CI_VARIABLES = ("CI", "TF_BUILD", "GITHUB_ACTIONS")


def in_ci() -> bool:
    """True on a CI agent: GitHub Actions sets CI and GITHUB_ACTIONS, Azure Pipelines TF_BUILD, .ci/run CI."""
    return any(os.environ.get(name, "").strip().lower() not in ("", "0", "false") for name in CI_VARIABLES)


def require(path: Path) -> None:
    """Skip the test when ``path`` (a file or folder) is absent on a workstation; fail it in CI."""
    if path.exists():
        return
    message = f"{path.resolve()} is not here (the official ARM schemas and checker, see ../shared)"
    if in_ci():
        pytest.fail(f"{message}; CI must run the official schema check", pytrace=False)
    pytest.skip(message)
