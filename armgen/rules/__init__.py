"""Validation rules: one per module, grouped by area (AG1 structure ... AG7 security)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from armgen.errors import InputError
from armgen.rulebase.rule import Rule

__all__ = ["all_rules", "select_rules"]

AREAS = ("structure", "parameters", "expressions", "resources", "naming", "limits", "security")


@cache
def _rule_classes() -> tuple[type[Rule], ...]:
    found: dict[str, type[Rule]] = {}
    for area in AREAS:
        package = importlib.import_module(f"armgen.rules.{area}")
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for obj in vars(module).values():
                if isinstance(obj, type) and issubclass(obj, Rule) and obj.id and obj.__module__ == module.__name__:
                    if obj.id in found:
                        raise RuntimeError(f"rule id {obj.id} defined twice")
                    found[obj.id] = obj
    return tuple(found[k] for k in sorted(found))


def all_rules() -> list[Rule]:
    """One instance of every rule, sorted by id."""
    return [cls() for cls in _rule_classes()]


def _matches(rule_id: str, selector: str) -> bool:
    return rule_id.upper().startswith(selector.upper())


def select_rules(only: tuple[str, ...] | list[str] = (), ignore: tuple[str, ...] | list[str] = ()) -> list[Rule]:
    """Rules filtered by ``--rule`` / ``--ignore`` ids or id prefixes (``AG7`` = every security rule)."""
    rules = all_rules()
    for selector in (*only, *ignore):
        if not any(_matches(r.id, selector) for r in rules):
            raise InputError(f"unknown rule id {selector!r} (ids look like AG1001; see `armgen validate --list-rules`)")
    if only:
        rules = [r for r in rules if any(_matches(r.id, s) for s in only)]
    return [r for r in rules if not any(_matches(r.id, s) for s in ignore)]
