"""URL table: (method, pattern) -> handler. First match wins; generic resources come last."""

from __future__ import annotations

import re
from collections.abc import Callable

from armgen.emulator.http import admin, deployments, groups, resources, stacks

_SUB = r"/subscriptions/(?P<sub>[^/]+)"
_RG = _SUB + r"/resourcegroups/(?P<rg>[^/]+)"
# a deployment's scope: resource group, subscription, management group, or the tenant (empty)
_SCOPE = (r"(?P<scope>/subscriptions/[^/]+(?:/resourcegroups/[^/]+)?"
          r"|/providers/microsoft\.management/managementgroups/[^/]+|)")
_DEP = _SCOPE + r"(?:/providers/microsoft\.resources)?/deployments/(?P<name>[^/]+)"
_STACKS = _SCOPE + r"/providers/microsoft\.resources/deploymentstacks"
_STACK = _STACKS + r"/(?P<name>[^/]+)"
_WHATIFS = _SCOPE + r"/providers/microsoft\.resources/deploymentstackswhatifresults"
_WHATIF = _WHATIFS + r"/(?P<name>[^/]+)"

ROUTES: list[tuple[str, str, Callable]] = [
    ("GET", r"/_emulator/health", admin.health),
    ("POST", r"/_emulator/reset", admin.reset),
    ("GET", r"/_emulator/config", admin.get_config),
    ("PUT", r"/_emulator/config", admin.put_config),
    ("GET", r"/_emulator/requests", admin.get_requests),
    ("GET", r"/_emulator/deleted", admin.list_deleted),
    ("POST", r"/_emulator/purge", admin.purge),
    ("GET", _SUB, deployments.get_subscription),
    ("GET", r"/subscriptions", deployments.list_subscriptions),
    ("GET", _SUB + r"/operationresults/(?P<op_id>[^/]+)", groups.get_operation_result),
    ("GET", _SUB + r"/operationstatuses/(?P<op_id>[^/]+)", resources.get_operation_status),
    ("GET", _SUB + r"/resourcegroups", groups.list_groups),
    ("GET", _SUB + r"/resources", resources.list_subscription_resources),
    ("GET", _SUB + r"/providers", resources.list_providers),
    ("GET", _SUB + r"/providers/(?P<namespace>[^/]+)", resources.get_provider),
    ("PUT", _RG, groups.put_group),
    ("GET", _RG, groups.get_group),
    ("HEAD", _RG, groups.head_group),
    ("PATCH", _RG, groups.patch_group),
    ("DELETE", _RG, groups.delete_group),
    ("GET", _RG + r"/resources", resources.list_group_resources),
    ("GET", _RG + r"/providers/microsoft\.authorization/locks", resources.list_group_locks),
    ("POST", r"/providers/microsoft\.resources/calculatetemplatehash", deployments.calculate_hash),
    ("GET", _SCOPE + r"/providers/microsoft\.resources/deployments", deployments.list_deployments),
    ("PUT", _DEP, deployments.put_deployment),
    ("GET", _DEP, deployments.get_deployment),
    ("HEAD", _DEP, deployments.head_deployment),
    ("DELETE", _DEP, deployments.delete_deployment),
    ("POST", _DEP + r"/validate", deployments.validate),
    ("POST", _DEP + r"/whatif", deployments.what_if),
    ("POST", _DEP + r"/cancel", deployments.cancel),
    ("POST", _DEP + r"/exporttemplate", deployments.export_template),
    ("GET", _DEP + r"/operations", deployments.list_operations),
    ("GET", _DEP + r"/operations/(?P<op_id>[^/]+)", deployments.get_operation),
    ("GET", _DEP + r"/operationstatuses/(?P<op_id>[^/]+)", deployments.get_status),
    ("GET", _STACKS, stacks.list_stacks),
    ("PUT", _STACK, stacks.put_stack),
    ("GET", _STACK, stacks.get_stack),
    ("DELETE", _STACK, stacks.delete_stack),
    ("POST", _STACK + r"/validate", stacks.validate_stack),
    ("POST", _STACK + r"/exporttemplate", stacks.export_stack_template),
    ("GET", _WHATIFS, stacks.list_what_if_results),
    ("PUT", _WHATIF, stacks.put_what_if_result),
    ("GET", _WHATIF, stacks.get_what_if_result),
    ("DELETE", _WHATIF, stacks.delete_what_if_result),
    ("POST", _WHATIF + r"/whatif", stacks.what_if),
    ("GET", _SUB + r"/providers/microsoft\.keyvault/deletedvaults", resources.list_deleted_vaults),
    ("GET", _SUB + r"/providers/microsoft\.keyvault/locations/(?P<loc>[^/]+)/deletedvaults/(?P<name>[^/]+)",
     resources.get_deleted_vault),
    ("POST", _SUB + r"/providers/microsoft\.keyvault/locations/(?P<loc>[^/]+)/deletedvaults/(?P<name>[^/]+)"
     r"/purge", resources.purge_deleted_vault),
    ("POST", _SUB + r"/providers/(?P<provider>microsoft\.(?:storage|keyvault|containerregistry))"
     r"/checknameavailability", resources.check_name_availability),
    ("GET", r"(?P<scope>/subscriptions/.+?)/providers/microsoft\.authorization/roleassignments",
     resources.list_role_assignments),
    ("POST", r"(?P<rid>(?:/.+)?/providers/.+)/(?P<action>list[a-z]*)", resources.post_action),
    ("PUT", r"(?P<rid>(?:/.+)?/providers/.+)", resources.put_resource),
    ("PATCH", r"(?P<rid>(?:/.+)?/providers/.+)", resources.patch_resource),
    ("GET", r"(?P<rid>(?:/.+)?/providers/.+)", resources.get_resource),
    ("HEAD", r"(?P<rid>(?:/.+)?/providers/.+)", resources.head_resource),
    ("DELETE", r"(?P<rid>(?:/.+)?/providers/.+)", resources.delete_resource),
]

_COMPILED = [(m, re.compile(p + r"/?", re.IGNORECASE), h) for m, p, h in ROUTES]


def match(method: str, path: str) -> tuple[Callable, dict[str, str]] | None:
    """The handler and the URL's named groups, or None when no route fits."""
    for m, pattern, handler in _COMPILED:
        if m == method:
            found = pattern.fullmatch(path)
            if found:
                return handler, found.groupdict()
    return None


def path_exists(path: str) -> bool:
    return any(p.fullmatch(path) for _, p, _ in _COMPILED)
