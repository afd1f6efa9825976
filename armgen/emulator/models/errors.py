"""ARM's error shape as a Python exception raised by the models and serialised by the HTTP layer."""

from __future__ import annotations

from typing import Any


class ArmHttpError(Exception):
    """An ARM error response: HTTP status plus ``{"error": {"code","message","target","details"}}``."""

    def __init__(self, status: int, code: str, message: str, target: str | None = None,
                 details: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.status, self.code, self.message = status, code, message
        self.target, self.details, self.headers = target, details or [], headers or {}

    def detail(self) -> dict[str, Any]:
        """The inner ``error`` object."""
        out: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.target is not None:
            out["target"] = self.target
        out["details"] = self.details
        return out

    def body(self) -> dict[str, Any]:
        return {"error": self.detail()}


def not_found(kind: str, name: str, scope: str = "") -> ArmHttpError:
    where = f" under resource group '{scope}'" if scope else ""
    return ArmHttpError(404, "ResourceNotFound",
                        f"The Resource '{kind}/{name}'{where} was not found. For more details please go to "
                        "https://aka.ms/ARMResourceNotFoundFix")


def group_not_found(name: str) -> ArmHttpError:
    return ArmHttpError(404, "ResourceGroupNotFound", f"Resource group '{name}' could not be found.")


def bad_request(code: str, message: str, target: str | None = None) -> ArmHttpError:
    return ArmHttpError(400, code, message, target)


def conflict(code: str, message: str, target: str | None = None) -> ArmHttpError:
    return ArmHttpError(409, code, message, target)
