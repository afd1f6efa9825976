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


def failure_from(exc: BaseException) -> ArmFailure:
    """An ArmFailure from an azure-core exception (HttpResponseError and friends) or any error."""
    err = getattr(exc, "error", None)
    if err is not None and getattr(err, "code", None):
        return _from_odata(err)
    response = getattr(exc, "response", None)
    if response is not None:
        try:
            body = json.loads(response.text())
            if isinstance(body, dict) and ("error" in body or "code" in body):
                return _from_mapping(body)
        except Exception:  # noqa: BLE001 - the body may be anything
            pass
    return ArmFailure(code=type(exc).__name__, message=str(exc).splitlines()[0] if str(exc) else "")
