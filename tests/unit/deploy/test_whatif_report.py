"""An environment's what-if at a glance, and the change-set hash deploy checks."""

import io
from pathlib import Path

import pytest
from rich.console import Console

from armgen.cli.whatif_cmd import print_what_if
from armgen.deploy.plan import build_plan
from armgen.deploy.whatif import UnitWhatIf
from armgen.deploy.whatif_format import PropertyChange, ResourceChange
from armgen.deploy.whatif_hash import change_set, differences, unit_hash
from armgen.deploy.whatif_report import report_markdown, report_text
from armgen.spec import load_spec

ROOT = Path(__file__).resolve().parents[3]
RG = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mlp-shared-int/providers/"


@pytest.fixture(scope="module")
def steps():
    plan = build_plan(load_spec(ROOT / "mlenv.yaml"), "int", ROOT)
    return {s.name: s for s in plan.steps}


def _results(steps, max_nodes=6):
    kv = ResourceChange(RG + "Microsoft.KeyVault/vaults/kv-mlp-shared-int", "NoChange")
    cluster = ResourceChange(RG + "Microsoft.MachineLearningServices/workspaces/mlw/computes/" + "c" * 90, "Modify",
                             delta=[PropertyChange("properties.properties.scaleSettings.maxNodeCount", "Modify",
                                                   4, max_nodes)])
    account = ResourceChange(RG + "Microsoft.Storage/storageAccounts/stmlpdataint", "Create")
    neighbour = ResourceChange(RG + "Microsoft.KeyVault/vaults/kv-mlp-shared-int", "Ignore")
    return [UnitWhatIf(steps["keyvault"], [kv]), UnitWhatIf(steps["loganalytics"], [neighbour]),
            UnitWhatIf(steps["computecluster-nlp"], [cluster]), UnitWhatIf(steps["storageaccount-data"], [account])]


def test_one_legend_unchanged_units_on_one_line_and_totals_per_change_type(steps):
    text = report_text(_results(steps))
    assert text.count("indicated with these symbols") == 1
    assert "= 2 unit(s) without changes: keyvault, loganalytics" in text
    assert "== computecluster-nlp (armgen-int-computecluster-nlp)" in text
    assert "== storageaccount-data" in text and "== keyvault" not in text
    # the vault another unit declares is not an Ignore of the environment
    assert text.rstrip().endswith("Total over 4 unit(s): 1 to create, 1 to modify, 1 no change.")


def test_no_wrapping_at_80_columns_without_a_terminal(steps):
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=80)
    import click.testing

    runner = click.testing.CliRunner()
    with runner.isolation() as (stdout, _, _):
        print_what_if(_results(steps), console, color=False)
        printed = stdout.getvalue().decode()
    long = [line for line in printed.splitlines() if len(line) > 80]
    assert any("c" * 90 in line for line in long), printed


def test_markdown_for_the_run_summary(steps):
    results = _results(steps)
    approved = change_set("int", results)
    md = report_markdown("int", results, approved["hash"])
    assert md.startswith("## armgen what-if: int")
    assert "| `+` Create | 1 |" in md and "| `~` Modify | 1 |" in md
    assert approved["hash"] in md
    assert "scaleSettings.maxNodeCount: 4 => 6" in md
    assert "Without changes (2): keyvault, loganalytics" in md


def test_the_hash_changes_with_what_would_change_and_only_with_that(steps):
    a, b = _results(steps), _results(steps)
    assert [unit_hash(r) for r in a] == [unit_hash(r) for r in b]
    other = _results(steps, max_nodes=7)
    assert unit_hash(other[2]) != unit_hash(a[2])
    assert unit_hash(other[0]) == unit_hash(a[0])  # NoChange and Ignore are not part of it
    approved = change_set("int", a)
    assert differences(approved, a) == []
    [line] = differences(approved, other)
    assert line.startswith("computecluster-nlp: property changes differ")
    gone = _results(steps)
    gone[3] = UnitWhatIf(steps["storageaccount-data"], [])
    assert differences(approved, gone) == ["storageaccount-data: no longer Create stmlpdataint"]


def test_a_unit_approved_as_a_new_group_accepts_creations_only(steps):
    predicted = UnitWhatIf(steps["storageaccount-data"], [ResourceChange(RG + "x/y/z", "Create")], predicted=True)
    approved = change_set("int", [predicted])
    later = UnitWhatIf(steps["storageaccount-data"], [ResourceChange(RG + "x/y/other-name", "Create")])
    assert differences(approved, [later]) == []
    modified = UnitWhatIf(steps["storageaccount-data"], [ResourceChange(RG + "x/y/z", "Modify")])
    assert differences(approved, [modified]) != []
