"""Loading the ARM fixture templates and standard contexts."""

from __future__ import annotations

import json
from pathlib import Path

from armgen.arm import DeploymentContext

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "arm"
SUB = "0b7c2a4e-1111-4a5b-9c3d-2e1f00000001"
RG_CTX = DeploymentContext(subscription_id=SUB, resource_group="rg1", location="westeurope")
SUB_CTX = DeploymentContext(subscription_id=SUB, resource_group=None, scope="subscription", location="westeurope")
RG_ID = f"/subscriptions/{SUB}/resourceGroups/rg1"


def load(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text())
