"""The function table: one ``FunctionSpec`` per ARM function, keyed by lower-case name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from armgen.arm.errors import ArmError


@dataclass(frozen=True)
class FunctionSpec:
    """``impl(ev, args)``; ``lazy`` functions receive unevaluated nodes."""

    name: str
    impl: Callable
    min_args: int
    max_args: int | None
    lazy: bool = False
    family: str = ""

    def check_arity(self, count: int) -> None:
        if count >= self.min_args and (self.max_args is None or count <= self.max_args):
            return
        if self.max_args is None:
            need = f"at least {self.min_args}"
        elif self.min_args == self.max_args:
            need = f"{self.min_args}"
        else:
            need = f"{self.min_args} to {self.max_args}"
        raise ArmError(f"Unable to evaluate template language function '{self.name}': function requires "
                       f"{need} argument(s) while {count} were provided. Please see "
                       f"https://aka.ms/arm-functions for usage details.")


REGISTRY: dict[str, FunctionSpec] = {}


def arm_function(name: str, min_args: int = 0, max_args: int | None = -1, *, lazy: bool = False,
                 family: str = "") -> Callable:
    """Register ``impl`` under ``name``; ``max_args=-1`` means exactly ``min_args``, None unbounded."""

    def register(impl: Callable) -> Callable:
        upper = min_args if max_args == -1 else max_args
        REGISTRY[name.lower()] = FunctionSpec(name, impl, min_args, upper, lazy,
                                              family or impl.__module__.rsplit(".", 1)[-1].rstrip("_"))
        return impl

    return register
