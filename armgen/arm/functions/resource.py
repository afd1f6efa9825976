"""Resource functions: ids, reference/references, list*, pickZones, providers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.resource_ids import build_id, parse_id, type_and_name_path
from armgen.arm.state import PlaceholderState, StateProvider
from armgen.arm.values import expect

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator

ZONE_REGIONS = {
    "australiaeast", "brazilsouth", "canadacentral", "centralindia", "centralus", "eastasia", "eastus",
    "eastus2", "francecentral", "germanywestcentral", "japaneast", "koreacentral", "northeurope",
    "norwayeast", "southafricanorth", "southcentralus", "southeastasia", "swedencentral",
    "switzerlandnorth", "uaenorth", "uksouth", "westeurope", "westus2", "westus3", "italynorth",
    "polandcentral", "qatarcentral", "israelcentral", "mexicocentral", "spaincentral",
}


def _strings(name: str, args: list) -> list[str]:
    return [expect(name, a, "String", position=i) for i, a in enumerate(args)]


def _split_type(name: str, args: list[str], max_prefix: int) -> tuple[list[str], str, str]:
    """(prefix args, type, joined names) — the type is the first argument containing '/'."""
    index = next((i for i, a in enumerate(args) if "/" in a), None)
    if index is None or index > max_prefix:
        raise ArmError(f"The template language function '{name}' expects a fully qualified resource type "
                       f"such as 'Microsoft.Storage/storageAccounts'.")
    names = args[index + 1:]
    if not names:
        raise ArmError(f"The template language function '{name}' expects at least one resource name.")
    return args[:index], args[index], "/".join(names)


@arm_function("resourceId", 2, None)
def resource_id(ev: Evaluator, args: list) -> object:
    ctx = ev.scope.context
    prefix, rtype, names = _split_type("resourceId", _strings("resourceId", args), 2)
    if not prefix and ctx.scope in ("managementGroup", "tenant"):
        return f"/providers/{type_and_name_path(rtype, names)}"  # as ARM documents for these scopes
    subscription = prefix[0] if len(prefix) == 2 else ctx.subscription_id
    group = prefix[-1] if prefix else ctx.resource_group
    if not group or (not prefix and ctx.scope != "resourceGroup"):
        return build_id(f"/subscriptions/{subscription}", rtype, names)
    return build_id(f"/subscriptions/{subscription}/resourceGroups/{group}", rtype, names)


@arm_function("subscriptionResourceId", 2, None)
def subscription_resource_id(ev: Evaluator, args: list) -> object:
    prefix, rtype, names = _split_type("subscriptionResourceId", _strings("subscriptionResourceId", args), 1)
    subscription = prefix[0] if prefix else ev.scope.context.subscription_id
    return build_id(f"/subscriptions/{subscription}", rtype, names)


@arm_function("tenantResourceId", 2, None)
def tenant_resource_id(ev: Evaluator, args: list) -> object:
    _, rtype, names = _split_type("tenantResourceId", _strings("tenantResourceId", args), 0)
    return f"/providers/{type_and_name_path(rtype, names)}"


@arm_function("managementGroupResourceId", 2, None)
def management_group_resource_id(ev: Evaluator, args: list) -> object:
    prefix, rtype, names = _split_type("managementGroupResourceId",
                                       _strings("managementGroupResourceId", args), 1)
    group = prefix[0] if prefix else ev.scope.context.management_group
    if not group:
        raise ArmError("The template function 'managementGroupResourceId' needs the management group name "
                       "outside a management group deployment.")
    return (f"/providers/Microsoft.Management/managementGroups/{group}/providers/"
            f"{type_and_name_path(rtype, names)}")


@arm_function("extensionResourceId", 3, None)
def extension_resource_id(ev: Evaluator, args: list) -> object:
    values = _strings("extensionResourceId", args)
    scope, rtype, names = values[0], values[1], "/".join(values[2:])
    if "/" not in rtype:
        raise ArmError("The template language function 'extensionResourceId' expects its second parameter "
                       "to be a fully qualified resource type.")
    return build_id(scope, rtype, names)


def _state(ev: Evaluator) -> StateProvider:
    return ev.scope.state or PlaceholderState()


def _require_reference(ev: Evaluator, name: str) -> None:
    if not ev.scope.allow_reference:
        raise ArmError(f"The template function '{name}' is not expected at this location. Please see "
                       f"https://aka.ms/arm-functions for usage details.")


@arm_function("reference", 1, 3)
def reference(ev: Evaluator, args: list) -> object:
    _require_reference(ev, "reference")
    target = expect("reference", args[0], "String")
    api = expect("reference", args[1], "String", position=1) if len(args) > 1 else None
    full = len(args) > 2 and str(expect("reference", args[2], "String", position=2)).lower() == "full"
    resource_id, api = ev.scope.resolve_reference(target, api)
    return _state(ev).reference(resource_id, api, full)


@arm_function("references", 1, 2)
def references(ev: Evaluator, args: list) -> object:
    _require_reference(ev, "references")
    symbolic = expect("references", args[0], "String")
    full = len(args) > 1 and str(expect("references", args[1], "String", position=1)).lower() == "full"
    return ev.scope.references(symbolic, full, ev)


@arm_function("resourceInfo", 1)
def resource_info(ev: Evaluator, args: list) -> object:
    return ev.scope.resource_info(expect("resourceInfo", args[0], "String"))


def make_list_function(name: str):
    """``listKeys``, ``listSecrets``, ``listAccountSas``... all answered by the state provider."""

    def list_function(ev: Evaluator, args: list) -> object:
        _require_reference(ev, name)
        target = expect(name, args[0], "String")
        api = expect(name, args[1], "String", position=1) if len(args) > 1 else None
        resource_id, api = ev.scope.resolve_reference(target, api)
        return _state(ev).list_keys(resource_id, name, api)

    return list_function


arm_function("listKeys", 1, 3)(make_list_function("listKeys"))
arm_function("list", 1, 3)(make_list_function("list"))


@arm_function("pickZones", 3, 5)
def pick_zones(ev: Evaluator, args: list) -> object:
    location = expect("pickZones", args[2], "String", position=2).replace(" ", "").lower()
    count = expect("pickZones", args[3], "Integer", position=3) if len(args) > 3 else 1
    offset = expect("pickZones", args[4], "Integer", position=4) if len(args) > 4 else 0
    if location not in ZONE_REGIONS:
        return []
    zones = ["1", "2", "3"]
    return [zones[(offset + i) % 3] for i in range(min(count, 3))]


@arm_function("providers", 1, 2)
def providers(ev: Evaluator, args: list) -> object:
    namespace = expect("providers", args[0], "String")
    info: dict = {"namespace": namespace, "resourceTypes": []}
    if len(args) > 1:
        rtype = expect("providers", args[1], "String", position=1)
        info["resourceTypes"] = [{"resourceType": rtype, "locations": [ev.scope.context.location],
                                  "apiVersions": []}]
    return info


def id_parts(resource_id: str) -> dict:
    """Re-exported for the template engine."""
    return parse_id(resource_id)
