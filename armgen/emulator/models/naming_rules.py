"""What resource providers enforce on names: the shared naming table and global uniqueness."""

from __future__ import annotations

from armgen.emulator.models.errors import ArmHttpError, bad_request, conflict
from armgen.emulator.models.ids import ResourceId, same_id
from armgen.emulator.store import Store
from armgen.naming import GLOBAL_TYPES, check_name

_STORAGE = "microsoft.storage/storageaccounts"
_VAULT = "microsoft.keyvault/vaults"
_REGISTRY = "microsoft.containerregistry/registries"

_INVALID_CODES = {
    _STORAGE: "AccountNameInvalid",
    _VAULT: "VaultNameNotValid",
    _REGISTRY: "InvalidResourceName",
}


def check_resource_name(rid: ResourceId) -> None:
    """400 with the provider's code when the leaf name breaks the naming rules."""
    problems = check_name(rid.type, rid.names[-1])
    if not problems:
        return
    t = rid.type.lower()
    name = rid.names[-1]
    if t == _STORAGE:
        message = (f"{name} is not a valid storage account name. Storage account name must be between 3 "
                   "and 24 characters in length and use numbers and lower-case letters only.")
    else:
        message = f"The name '{name}' is not valid for {rid.type}: it " + "; ".join(problems) + "."
    raise bad_request(_INVALID_CODES.get(t, "InvalidResourceName"), message, target=name)


def _global_key(rid: ResourceId) -> str:
    return f"{rid.type.lower()}/{rid.names[0].lower()}"


def check_global_name(store: Store, rid: ResourceId) -> None:
    """409 when a globally unique name belongs to another resource (any group, any subscription)."""
    t = rid.type.lower()
    if t not in GLOBAL_TYPES or len(rid.types) != 1:
        return
    owner = store.get("gname", _global_key(rid))
    if owner is None or same_id(owner["id"], rid.id):
        return
    raise taken_error(rid, owner["id"])


def taken_error(rid: ResourceId, owner_id: str) -> ArmHttpError:
    t, name = rid.type.lower(), rid.names[0]
    if t == _STORAGE:
        other = owner_id.lower().split("/")
        if rid.subscription and len(other) > 2 and other[2] == rid.subscription.lower():
            return conflict("StorageAccountInAnotherResourceGroup",
                            f"The account {name} is already in another resource group in this subscription.",
                            target=name)
        return conflict("StorageAccountAlreadyTaken", f"The storage account named {name} is already taken.",
                        target=name)
    if t == _VAULT:
        return conflict("VaultAlreadyExists",
                        f"The vault name '{name}' is already in use. Vault names are globally unique so it is "
                        "possible that the name is already taken. If you are sure that the vault name was not "
                        "taken then it is possible that a vault with the same name was recently deleted but not "
                        "purged after being placed in a recoverable state. If the vault is in a recoverable "
                        "state then the vault will need to be purged before reusing the name. For more "
                        "information on VaultAlreadyExists, soft delete and purging a vault follow this link "
                        "https://go.microsoft.com/fwlink/?linkid=2147740.", target=name)
    return conflict("AlreadyInUse",
                    f"The registry DNS name {name.lower()}.azurecr.io is already in use. You can check if the "
                    "name is already claimed using following API: https://docs.microsoft.com/en-us/rest/api/"
                    "containerregistry/registries/checknameavailability", target=name)


def claim_global_name(store: Store, rid: ResourceId) -> None:
    if rid.type.lower() in GLOBAL_TYPES and len(rid.types) == 1:
        store.put("gname", _global_key(rid), {"id": rid.id})


def release_global_name(store: Store, rid: ResourceId) -> None:
    if rid.type.lower() in GLOBAL_TYPES and len(rid.types) == 1:
        owner = store.get("gname", _global_key(rid))
        if owner and same_id(owner["id"], rid.id):
            store.delete("gname", _global_key(rid))


def name_availability(store: Store, resource_type: str, name: str) -> dict:
    """The providers' checkNameAvailability answer for a globally named type."""
    t = resource_type.lower()
    if check_name(resource_type, name):
        reason = "Invalid" if t == _REGISTRY else "AccountNameInvalid"
        return {"nameAvailable": False, "reason": reason,
                "message": f"'{name}' is not a valid name for {resource_type}."}
    owner = store.get("gname", f"{t}/{name.lower()}")
    if owner is None:
        return {"nameAvailable": True}
    return {"nameAvailable": False, "reason": "AlreadyExists",
            "message": f"The name '{name}' is already in use for {resource_type}."}
