"""ARM errors from the SDK, flattened into code/message/target lines a person can act on."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ArmFailure:
    code: str
    message: str
    target: str = ""
    details: list[ArmFailure] = field(default_factory=list)

    def codes(self) -> set[str]:
        out = {self.code}
        for d in self.details:
            out |= d.codes()
        return out

    def lines(self, indent: int = 0) -> list[str]:
        target = f" (target: {self.target})" if self.target else ""
        out = [f"{' ' * indent}{self.code}: {self.message}{target}"]
        for d in self.details:
            out += d.lines(indent + 2)
        return out

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message, "target": self.target or None,
                "details": [d.as_dict() for d in self.details]}


def _from_mapping(data: dict) -> ArmFailure:
    data = data.get("error", data) if isinstance(data.get("error"), dict) else data
    return ArmFailure(
        code=str(data.get("code") or "Unknown"), message=str(data.get("message") or ""),
        target=str(data.get("target") or ""),
        details=[_from_mapping(d) for d in data.get("details") or [] if isinstance(d, dict)],
    )


def _from_odata(err: Any) -> ArmFailure:
    details = [_from_odata(d) for d in getattr(err, "details", None) or []]
    return ArmFailure(code=str(getattr(err, "code", None) or "Unknown"),
                      message=str(getattr(err, "message", None) or ""),
                      target=str(getattr(err, "target", None) or ""), details=details)


INTERNAL = "ArmgenInternalError"


def is_azure_error(exc: BaseException) -> bool:
    """Whether ``exc`` came from Azure or the way to it (azure-core's errors), not from armgen itself."""
    from azure.core.exceptions import AzureError

    return isinstance(exc, AzureError)


def internal_failure(exc: BaseException) -> ArmFailure:
    """armgen's own bug inside a unit: never reported as Azure's failure (traceback with ARMGEN_DEBUG=1)."""
    import sys
    import traceback

    from armgen.errors import debug_enabled

    if debug_enabled():
        traceback.print_exception(exc, file=sys.stderr)
    first = str(exc).splitlines()[0] if str(exc) else ""
    return ArmFailure(INTERNAL, f"internal error ({type(exc).__name__}: {first[:300]}); re-run with "
                                "ARMGEN_DEBUG=1 and report it")


def failure_from(exc: BaseException) -> ArmFailure:
    """An ArmFailure from an azure-core exception (HttpResponseError and friends): Azure's code, message and
    target; armgen's own errors (ArmgenError) as they are; anything else as armgen's internal error."""
    from armgen.errors import ArmgenError

    if isinstance(exc, ArmgenError):
        return ArmFailure("ArmgenError", exc.message)
    if not is_azure_error(exc):
        return internal_failure(exc)
    err = getattr(exc, "error", None)
    if err is not None and getattr(err, "code", None):
        return _from_odata(err)
    response = getattr(exc, "response", None)
    if response is not None:
        try:
            body = json.loads(response.text())
            if isinstance(body, dict) and ("error" in body or "code" in body):
                return _from_mapping(body)
            props = body.get("properties") if isinstance(body, dict) else None
            if isinstance(props, dict) and isinstance(props.get("error"), dict):  # a resource that failed
                return _from_mapping(props["error"])
        except Exception:  # the body may be anything
            pass
    status = getattr(response, "status_code", None) if response is not None else None
    code = type(exc).__name__ + (f" (HTTP {status})" if status else "")
    return ArmFailure(code=code, message=str(exc).splitlines()[0] if str(exc) else "")


HINTS: dict[str, str] = {
    "SoftDeletedWorkspaceExists": "a deleted workspace keeps its name for 14 days: re-run with --purge-soft-deleted",
    "ConflictError": "if a deleted Key Vault holds the name, re-run with --recover-soft-deleted",
    "VaultAlreadyExists": "Key Vault names are global: choose another name in the spec (naming or keyVault.name)",
    "StorageAccountAlreadyTaken": "storage account names are global: choose another name in the spec",
    "AlreadyInUse": "the name is taken globally: choose another name in the spec",
    "RoleAssignmentExists": "an assignment of the same role to the same principal at the same scope already exists "
                            "under another name (often made by hand): delete it and re-run; armgen names "
                            "assignments guid(scope, principalId, roleDefinitionId)",
    "RoleAssignmentUpdateNotPermitted": "the principal of an assignment changed (identity recreated): delete the "
                                        "old assignment and re-run",
    "RoleDefinitionWithSameNameExists": "a custom role of that name exists in the tenant under another id: rename "
                                        "shared.roles.modelDeveloper.roleName or delete the old role",
    "DeploymentQuotaExceeded": "the scope holds 800 deployments: delete old deployment records and re-run",
    "PrincipalNotFound": "the identity is not replicated yet: re-run in a minute",
    "ScopeLocked": "a management lock forbids it (lifecycle.locks): remove the lock, or detach instead of deleting",
    "DenyAssignmentAuthorizationFailed": "a deployment stack's deny settings protect the resource "
                                         "(lifecycle.deny): change it through armgen, or exclude your principal",
    "DeploymentActive": "another release is deploying this unit right now: re-run with --wait to wait for it",
    "DeploymentStackInNonTerminalState": "another release is deploying this unit's stack right now: re-run with "
                                         "--wait to wait for it",
}


def hints(failure: ArmFailure) -> list[str]:
    """What to do about the codes in a failure, one line each."""
    return [HINTS[c] for c in sorted(failure.codes()) if c in HINTS]
