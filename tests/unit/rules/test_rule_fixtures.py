"""Every rule has good and bad fixtures; bad ones say (in comments) which lines must be reported."""

from __future__ import annotations

import pytest

from armgen.rules import all_rules
from tests.unit.rules.fixtures import expectations, fixture_templates, run_rule

# tested with generated input elsewhere: AG6001 (a 4 MB file), AG1011 (a folder with an orphan file)
GENERATED = {"AG6001", "AG1011"}
RULE_IDS = [r.id for r in all_rules() if r.id not in GENERATED]


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_good_fixture_has_no_finding(rule_id: str) -> None:
    templates = fixture_templates(rule_id, "good")
    assert templates, f"no good fixture for {rule_id}"
    for template in templates:
        findings, _ = run_rule(rule_id, template)
        assert findings == [], f"{template.name}: {[f.message for f in findings]}"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_bad_fixture_reports_expected_lines_and_messages(rule_id: str) -> None:
    templates = fixture_templates(rule_id, "bad")
    assert templates, f"no bad fixture for {rule_id}"
    for template in templates:
        findings, files = run_rule(rule_id, template)
        expected = expectations(files, rule_id)
        assert expected, f"{template.name} declares no expected finding"
        got = sorted((f.file, f.line) for f in findings)
        assert got == sorted((e.file, e.line) for e in expected), [f"{f.line}: {f.message}" for f in findings]
        for e in expected:
            match = [f for f in findings if (f.file, f.line) == (e.file, e.line)]
            assert any(e.text in f.message for f in match), (e.text, [f.message for f in match])
            if e.column is not None:
                assert any(f.column == e.column for f in match), (e.column, [f.column for f in match])
