"""deploy's decision about removals: refuse and say how, delete, detach, production, locks."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from rich.console import Console

from armgen.cli.deploy_lifecycle import check_removals
from armgen.deploy.plan import Plan
from armgen.deploy.removals import Removal, Survey
from armgen.errors import ArmgenError, InputError
from armgen.spec import load_spec
from armgen.spec.model import Lifecycle

SPEC = Path(__file__).resolve().parents[3] / "mlenv.yaml"
DS = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w/datastores/d"


def plan(env: str, **lifecycle) -> Plan:
    model = load_spec(SPEC).env(env)
    return Plan(dataclasses.replace(model, lifecycle=dataclasses.replace(model.lifecycle, **lifecycle)), [])


def survey() -> Survey:
    return Survey(removals=[Removal("datastore-w", DS, False)])


def console() -> Console:
    return Console(file=io.StringIO(), width=200)


def test_nothing_to_remove_needs_no_decision() -> None:
    assert check_removals(Survey(), plan("int"), False, False, False, console()) is None


def test_without_prune_or_a_policy_deploy_lists_them_and_stops() -> None:
    out = console()
    with pytest.raises(ArmgenError) as err:
        check_removals(survey(), plan("int"), False, False, False, out)
    assert "--prune" in err.value.message and "lifecycle.removals: detach" in err.value.message
    assert f"remove  {DS}  (datastore-w: no longer in the unit's template)" in out.file.getvalue()


def test_prune_deletes_and_the_policy_detaches() -> None:
    assert check_removals(survey(), plan("int"), True, False, False, console()) == "delete"
    assert check_removals(survey(), plan("int", removals="detach"), False, False, False, console()) == "detach"


def test_production_needs_prune_with_yes_or_a_confirmation() -> None:
    pro = plan("pro", locks="none", removals="delete")
    with pytest.raises(InputError) as err:  # --yes alone: no prompt possible here, no --prune
        check_removals(survey(), pro, False, True, False, console())
    assert "--approved-what-if" in err.value.message
    assert check_removals(survey(), pro, True, True, False, console()) == "delete"
    assert check_removals(survey(), pro, False, False, True, console()) == "delete"  # confirmed interactively


def test_a_locked_environment_refuses_deletes_before_sending() -> None:
    with pytest.raises(ArmgenError) as err:
        check_removals(survey(), plan("int", locks="CanNotDelete"), True, True, False, console())
    assert "ScopeLocked" in err.value.message and "nothing was sent" in err.value.message
    assert check_removals(survey(), plan("int", locks="CanNotDelete", removals="detach"), False, False, False,
                          console()) == "detach"


def test_the_sample_protects_pro() -> None:
    assert load_spec(SPEC).env("pro").lifecycle == Lifecycle(
        removals=None, deny="denyWriteAndDelete", excluded_principals=("22222222-3333-4444-5555-666666666666",),
        locks="CanNotDelete")
