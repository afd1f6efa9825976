"""Rule metadata: every rule is complete, lives in its area's package, one rule per module."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from armgen.errors import InputError
from armgen.rules import AREAS, all_rules, select_rules

RULES = all_rules()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_metadata_is_complete(rule) -> None:
    assert re.fullmatch(r"AG[1-7]\d{3}", rule.id)
    assert rule.severity in ("E", "W", "I")
    assert rule.shortdesc and rule.description.endswith((".", ")"))
    assert rule.source_url.startswith("https://")
    assert rule.tags and rule.scope in ("template", "pairing", "orphan")
    area = type(rule).__module__.split(".")[2]
    assert AREAS.index(area) + 1 == int(rule.id[2]), f"{rule.id} lives in {area}"


def test_ids_are_unique_and_one_rule_per_module() -> None:
    assert len({r.id for r in RULES}) == len(RULES)
    per_module = Counter(type(r).__module__ for r in RULES)
    shared = {m: n for m, n in per_module.items() if n > 1}
    assert shared == {"armgen.rules.limits.section_counts": 3}  # three data-driven count limits, one base class


def test_selection_by_id_and_prefix() -> None:
    assert [r.id for r in select_rules(["AG7001"])] == ["AG7001"]
    assert {r.id[:3] for r in select_rules(["ag7"])} == {"AG7"}
    assert "AG7001" not in {r.id for r in select_rules(ignore=["AG70"])}
    with pytest.raises(InputError, match="unknown rule id 'AG0'"):
        select_rules(["AG0"])
