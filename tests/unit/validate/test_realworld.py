"""Templates in the style of real-world ones (copy loops of every kind, nested deployments in
both scopes, conditions, languageVersion 2.0 with `existing`, subscription scope) validate
clean with every rule, and are really evaluated (not skipped)."""

from __future__ import annotations

from pathlib import Path

import pytest

from armgen import jsonmarks
from armgen.rulebase.context import RuleContext
from armgen.rulebase.evaluation import evaluate
from armgen.rules import all_rules
from armgen.validate.discovery import Pairing
from armgen.validate.runner import validate

FOLDER = Path(__file__).resolve().parents[2] / "fixtures" / "validate" / "realworld"

# template -> resources deployed after copies and conditions (nested ones included)
EXPECTED_INSTANCES = {"copyloops.json": 4, "nested.json": 5, "symbolic.json": 2, "subscription.json": 4}


@pytest.mark.parametrize("name", sorted(EXPECTED_INSTANCES))
def test_validates_clean(name: str) -> None:
    report = validate([Pairing(FOLDER / name)], all_rules())
    assert [f"{f.line}: {f.rule_id} {f.message}" for f in report.findings] == []


@pytest.mark.parametrize(("name", "count"), sorted(EXPECTED_INSTANCES.items()))
def test_is_evaluated_completely(name: str, count: int) -> None:
    result = evaluate(RuleContext(jsonmarks.load(FOLDER / name)))
    assert result is not None and result.error is None and result.complete
    assert result.instances == count


def test_nested_resources_map_back_to_their_declaration() -> None:
    ctx = RuleContext(jsonmarks.load(FOLDER / "nested.json"))
    paths = set(evaluate(ctx).bodies)
    assert ("resources", 1, "properties", "template", "resources", 0) in paths
    assert ("resources", 2, "properties", "template", "resources", 0) in paths
    registry = evaluate(ctx).bodies[("resources", 2, "properties", "template", "resources", 0)][0]
    assert registry["name"].startswith("crmlp") and registry["properties"]["adminUserEnabled"] is False
