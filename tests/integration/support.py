"""Helpers shared by the integration tests (not fixtures)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"


def load_fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text())


def body(template: dict[str, Any], mode: str = "Incremental", location: str | None = None,
         **parameters: Any) -> dict[str, Any]:
    """A deployment request body with plain parameter values wrapped as ARM wants them."""
    out: dict[str, Any] = {"properties": {"mode": mode, "template": template,
                                          "parameters": {k: {"value": v} for k, v in parameters.items()}}}
    if location:
        out["location"] = location
    return out


def deploy(emulator, group: str, name: str, template: dict[str, Any], mode: str = "Incremental",
           **parameters: Any):  # fixture object, SDK model
    return emulator.deployments().deployments.begin_create_or_update(
        group, name, body(template, mode, **parameters)).result()


def what_if(emulator, group: str, name: str, template: dict[str, Any], mode: str = "Incremental",
            **parameters: Any):
    return emulator.deployments().deployments.begin_what_if(group, name, body(template, mode, **parameters)).result()


def changes_by_type(result) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for change in result.changes:
        out.setdefault(str(change.change_type.value if hasattr(change.change_type, "value")
                           else change.change_type), []).append(change.resource_id.rsplit("/", 1)[-1])
    return out
