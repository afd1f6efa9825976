"""ARM function library: importing this package registers every family."""

from __future__ import annotations

from armgen.arm.errors import ArmError
from armgen.arm.functions import (  # noqa: F401 - imported for registration
    array,
    cidr,
    comparison,
    date,
    deployment,
    lambda_,
    logical,
    numeric,
    object,
    resource,
    scope,
    string,
)
from armgen.arm.functions.registry import REGISTRY, FunctionSpec


def lookup(name: str) -> FunctionSpec:
    """The spec for ``name`` (case-insensitive); ``list*`` names map to the generic list function."""
    spec = REGISTRY.get(name.lower())
    if spec is not None:
        return spec
    if name.lower().startswith("list"):
        return FunctionSpec(name, resource.make_list_function(name), 1, 3, family="resource")
    raise ArmError(f"The template function '{name}' is not valid. Please see https://aka.ms/arm-functions "
                   f"for usage details.")


def known_functions() -> dict[str, FunctionSpec]:
    """Every registered function by lower-case name (for validation rules)."""
    return dict(REGISTRY)
