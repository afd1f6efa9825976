"""Templates in the style of public quickstarts (classic and languageVersion 2.0) deploy; outputs evaluate."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.integration.support import changes_by_type, deploy, load_fixture, what_if

pytestmark = pytest.mark.integration


@pytest.fixture
def group(emulator) -> str:
    emulator.resources().resource_groups.create_or_update("rg-qs", {"location": "eastus"})
    return "rg-qs"


def test_storage_quickstart_with_generated_name(emulator, group) -> None:
    out = deploy(emulator, group, "storage", load_fixture("quickstart-storage.json")).properties.outputs
    name = out["storageAccountName"]["value"]
    assert re.fullmatch(r"store[a-z0-9]{13}", name)
    assert out["storageAccountId"]["value"].endswith(f"/resourceGroups/{group}/providers/"
                                                     f"Microsoft.Storage/storageAccounts/{name}")
    assert out["endpoints"]["type"] == "Object"
    assert out["endpoints"]["value"]["dfs"] == f"https://{name}.dfs.core.windows.net/"


def test_symbolic_name_template_with_role_assignment(emulator, group) -> None:
    template = load_fixture("quickstart-symbolic.json")
    out = deploy(emulator, group, "acr", template, prefix="qsx").properties.outputs
    assert re.fullmatch(r"qsxacr[a-z0-9]{13}\.azurecr\.io", out["loginServer"]["value"])
    uuid.UUID(out["clientId"]["value"])
    rc = emulator.resources()
    registry = next(r for r in rc.resources.list_by_resource_group(group) if r.type.endswith("/registries"))
    assignment_id = f"{registry.id}/providers/Microsoft.Authorization/roleAssignments/{out['assignmentName']['value']}"
    assignment = rc.resources.get_by_id(assignment_id, api_version="2022-04-01")
    assert assignment.properties["principalType"] == "ServicePrincipal"
    assert set(changes_by_type(what_if(emulator, group, "acr", template, prefix="qsx"))) == {"NoChange"}


def test_ml_workspace_quickstart(emulator, group) -> None:
    out = deploy(emulator, group, "ml", load_fixture("quickstart-ml-workspace.json")).properties.outputs
    for key in ("workspaceId", "instrumentationKey", "principalId", "logCustomerId"):
        uuid.UUID(out[key]["value"])
    assert out["tags"]["value"] == {"purpose": "quickstart"}
