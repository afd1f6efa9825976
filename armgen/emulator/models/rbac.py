"""Role definitions and assignments: what Azure's authorization provider refuses."""

from __future__ import annotations

import re
import time
from typing import Any

from armgen.emulator.models.errors import bad_request, conflict
from armgen.emulator.models.ids import ResourceId, same_id
from armgen.emulator.store import Store

ASSIGNMENT = "microsoft.authorization/roleassignments"
DEFINITION = "microsoft.authorization/roledefinitions"
_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")

BUILT_IN_ROLES: dict[str, str] = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
    "4633458b-17de-408a-b874-0445c86b69e6": "Key Vault Secrets User",
    "b86a8fe4-44ce-4948-aee5-eccb2c155cd7": "Key Vault Secrets Officer",
    "00482a5a-887f-4fb3-b363-3b7fe8e74483": "Key Vault Administrator",
    "12338af0-0e69-4776-bea7-57ae8d297424": "Key Vault Crypto User",
    "21090545-7ca7-4776-b22c-e363652d74d2": "Key Vault Reader",
    "ba92f5b4-2d11-453d-a403-e96b0029c9fe": "Storage Blob Data Contributor",
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": "Storage Blob Data Reader",
    "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": "Storage Blob Data Owner",
    "17d1049b-9a84-46fb-8f53-869881c3d3ab": "Storage Account Contributor",
    "69566ab7-960f-475b-8e7c-b3118f30c6bd": "Storage File Data Privileged Contributor",
    "0c867c2a-1d8c-454a-a3db-ab2ea1bdc8bb": "Storage File Data SMB Share Contributor",
    "974c5e8b-45b9-4653-ba55-5f855dd0fb88": "Storage Queue Data Contributor",
    "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3": "Storage Table Data Contributor",
    "7f951dda-4ed3-4680-a7ca-43fe172d538d": "AcrPull",
    "8311e382-0749-4cb8-b61a-304f252e45ec": "AcrPush",
    "c2f4ef07-c644-48eb-af81-4b1b4947fb11": "AcrDelete",
    "64702f94-c441-49e6-a78b-ef80e0188fee": "Azure AI Developer",
    "f6c7c914-8db3-469d-8ca1-694a8f32e121": "AzureML Data Scientist",
    "e503ece1-11d0-4e8e-8e2c-7a6c3bf38815": "AzureML Compute Operator",
    "1823dd4f-9b8c-4ab6-ab4e-7397a3684615": "AzureML Registry User",
    "f2310ca1-dc64-4889-bb49-c8e0fa3d47a8": "AzureML Metrics Writer (preview)",
    "3913510d-42f4-4e42-8a64-420c390055eb": "Monitoring Metrics Publisher",
    "43d0d8ad-25c7-4714-9337-8ba259a9fe05": "Monitoring Reader",
    "749f88d5-cbae-40b8-bcfc-e573ddc772fa": "Monitoring Contributor",
    "92aaf0da-9dab-42b6-94a3-d43ce8d16293": "Log Analytics Contributor",
    "73c42c96-874c-492b-b04d-ab87d138a893": "Log Analytics Reader",
    "f1a07417-d97a-45cb-824c-7a7467783830": "Managed Identity Operator",
    "e40ec5ca-96e0-45a2-b4ff-59039f2c2b59": "Managed Identity Contributor",
    "4d97b98b-1d4f-4787-a291-c67834d212e7": "Network Contributor",
    "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd": "Cognitive Services OpenAI User",
    "a97b65f3-24c7-4388-baec-2e87135dc908": "Cognitive Services User",
}


def role_guid(role_definition_id: str) -> str:
    return role_definition_id.rstrip("/").split("/")[-1].lower()


def builtin_definition(subscription: str | None, guid: str) -> dict[str, Any] | None:
    name = BUILT_IN_ROLES.get(guid.lower())
    if name is None:
        return None
    prefix = f"/subscriptions/{subscription}" if subscription else ""
    return {"id": f"{prefix}/providers/Microsoft.Authorization/roleDefinitions/{guid.lower()}",
            "name": guid.lower(), "type": "Microsoft.Authorization/roleDefinitions",
            "properties": {"roleName": name, "type": "BuiltInRole", "description": name,
                           "assignableScopes": ["/"], "permissions": []}}


def _custom_definitions(store: Store) -> list[dict[str, Any]]:
    return [d for d in store.key_contains("res", "/providers/microsoft.authorization/roledefinitions/")
            if d.get("type", "").lower() == DEFINITION]


def check_role_definition(store: Store, rid: ResourceId, body: dict[str, Any]) -> None:
    if not _GUID.fullmatch(rid.names[-1]):
        raise bad_request("RoleDefinitionIdNotValid",
                          f"The role definition ID '{rid.names[-1]}' is not valid. It must be a GUID.")
    role_name = str((body.get("properties") or {}).get("roleName", "")).strip().lower()
    if not role_name:
        raise bad_request("InvalidRoleDefinition", "The role definition must have a roleName.")
    for other in _custom_definitions(store):
        if other["name"].lower() != rid.names[-1].lower() and \
                str(other["properties"].get("roleName", "")).lower() == role_name:
            raise conflict("RoleDefinitionWithSameNameExists",
                           "A custom role with the same name already exists in this directory. "
                           "Use a different name.")


def _definition_exists(store: Store, guid: str) -> bool:
    return guid in BUILT_IN_ROLES or any(d["name"].lower() == guid for d in _custom_definitions(store))


def check_role_assignment(store: Store, rid: ResourceId, body: dict[str, Any], tenant: str,
                          principal_delay: float, strict_definitions: bool) -> None:
    """RoleAssignmentExists, RoleAssignmentUpdateNotPermitted, PrincipalNotFound and friends."""
    name = rid.names[-1]
    if not _GUID.fullmatch(name):
        raise bad_request("InvalidRoleAssignmentId",
                          f"The role assignment ID '{name}' is not valid. The role assignment ID must be a GUID.")
    props = body.get("properties") or {}
    principal = str(props.get("principalId", "")).lower()
    role_def = str(props.get("roleDefinitionId", ""))
    if not principal or not role_def:
        raise bad_request("InvalidRoleAssignmentRequest",
                          "The role assignment request must specify properties.principalId and "
                          "properties.roleDefinitionId.")
    guid = role_guid(role_def)
    if strict_definitions and not _definition_exists(store, guid):
        raise bad_request("RoleDefinitionDoesNotExist",
                          f"The specified role definition with ID '{guid}' does not exist.")
    current = store.get("res", rid.id)
    if current is not None:
        cp = current.get("properties") or {}
        if str(cp.get("principalId", "")).lower() != principal or role_guid(cp.get("roleDefinitionId", "")) != guid:
            raise bad_request("RoleAssignmentUpdateNotPermitted",
                              "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.")
        return
    for other in store.with_prefix("res", rid.scope + "/providers/Microsoft.Authorization/roleAssignments/"):
        op = other.get("properties") or {}
        if str(op.get("principalId", "")).lower() == principal and role_guid(op.get("roleDefinitionId", "")) == guid \
                and same_id(parse_scope(other["id"]), rid.scope):
            raise conflict("RoleAssignmentExists",
                           "The role assignment already exists. The ID of the existing role assignment is "
                           f"{other['name'].replace('-', '')}.")
    known = store.get("principal", principal)
    if known and not props.get("principalType") and time.time() - known["created"] < principal_delay:
        raise bad_request("PrincipalNotFound",
                          f"Principal {principal.replace('-', '')} does not exist in the directory {tenant}. "
                          "Check that you have the correct principal ID. If you are creating this principal and "
                          "then immediately assigning a role, this error might be related to a replication "
                          "delay. In this case, set the role assignment principalType property to a value, such "
                          "as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype")


def parse_scope(assignment_id: str) -> str:
    low = assignment_id.lower()
    return assignment_id[: low.rfind("/providers/microsoft.authorization/roleassignments/")]


def register_principal(store: Store, principal_id: str | None) -> None:
    """Remember when a principal appeared (for the PrincipalNotFound replication window)."""
    if principal_id and store.get("principal", principal_id) is None:
        store.put("principal", principal_id, {"created": time.time()})


def assignments_of(store: Store, definition_id: str) -> list[str]:
    """Ids of the role assignments that use a role definition (any scope)."""
    guid = definition_id.rstrip("/").rsplit("/", 1)[-1].lower()
    return [d["id"] for d in store.key_contains("res", "/providers/microsoft.authorization/roleassignments/")
            if str((d.get("properties") or {}).get("roleDefinitionId", "")).rstrip("/").lower().endswith(guid)]


def check_unassigned(store: Store, rid: ResourceId) -> None:
    """Azure refuses to delete a custom role definition that is still assigned."""
    if assignments_of(store, rid.id):
        raise conflict("RoleDefinitionHasAssignments", "There are existing role assignments referencing role "
                       f"'{rid.names[-1]}'. Delete the role assignments first.")
