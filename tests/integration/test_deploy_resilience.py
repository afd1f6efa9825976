"""Deploy against a hostile Azure: throttling, persistent 5xx, long-running operations, a concurrent release,
and armgen's own bugs told apart from Azure's failures. The real SDK against the emulator throughout."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from armgen.deploy import preflight
from armgen.deploy.runner import Runner
from armgen.deploy.target import connect
from armgen.errors import ArmgenError
from armgen.spec import load_spec
from tests.integration.test_deploy_e2e import ENV, armgen, deploy_json, statuses, workdir  # noqa: F401

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMGEN_RETRY_BACKOFF", "0.005")
    monkeypatch.setenv("ARMGEN_RELEASE_POLL_SECONDS", "0.2")


def test_eight_429s_in_a_row_are_survived(workdir: Path, emulator) -> None:  # noqa: F811
    emulator.configure(faults=[{"kind": "throttle", "method": "PUT", "path_contains": "/armgen-int-keyvault",
                                "retry_after": 1, "times": 8}])
    code, report = deploy_json(workdir)
    assert code == 0, report
    assert set(statuses(report).values()) == {"deployed"}
    assert emulator.server.app.faults.fired() == [8]


def test_a_persistent_5xx_is_reported_as_azures_error(workdir: Path, emulator) -> None:  # noqa: F811
    emulator.configure(faults=[{"kind": "error", "status": 503, "method": "PUT",
                                "path_contains": "/armgen-int-keyvault"}])
    result = armgen(workdir, "deploy", "--env", ENV)
    assert result.exit_code == 1
    assert "keyvault failed" in result.output
    assert "ServiceUnavailable: The service is temporarily unavailable" in result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert emulator.server.app.faults.fired()[0] == 13  # the first try and twelve retries


def test_an_armgen_bug_inside_a_unit_is_an_internal_error(workdir: Path, emulator,  # noqa: F811
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self, step):
        raise KeyError("templateLink")

    monkeypatch.setattr(Runner, "_body", broken)
    result = armgen(workdir, "deploy", "--env", ENV)
    assert result.exit_code == 1
    assert "ArmgenInternalError: internal error (KeyError: 'templateLink'); re-run with ARMGEN_DEBUG=1" \
        in result.output
    assert "Traceback" not in result.output


def _target(folder: Path):
    return connect(load_spec(folder / "mlenv.yaml").env(ENV), "emulator", polling_interval=0.05)


IDENTITY = "/subscriptions/{sub}/resourceGroups/rg-poll/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}"


def _identity(target, name: str) -> str:
    target.resources.resource_groups.create_or_update("rg-poll", {"location": "westeurope"})
    return IDENTITY.format(sub=target.subscription_id, name=name) + "?api-version=2023-01-31"


def test_the_poller_follows_in_progress_to_succeeded(workdir: Path, emulator) -> None:  # noqa: F811
    target = _target(workdir)
    url = _identity(target, "id-poll")
    emulator.configure(latency_seconds={"Microsoft.ManagedIdentity/userAssignedIdentities": 1.0})
    start = time.monotonic()
    assert preflight.send_and_wait(target, "PUT", url, timeout=30, body={"location": "westeurope"}) == 200
    assert time.monotonic() - start >= 0.9  # it waited while ARM said InProgress
    live = target.resources.resources.get_by_id(url.split("?")[0], api_version="2023-01-31")
    assert live.properties["provisioningState"] == "Succeeded"


def test_the_poller_honours_its_timeout_and_reports_failures(workdir: Path, emulator) -> None:  # noqa: F811
    target = _target(workdir)
    emulator.configure(latency_seconds={"Microsoft.ManagedIdentity/userAssignedIdentities": 3.0})
    with pytest.raises(ArmgenError, match=r"is still (Running|InProgress) after 0.3 s"):
        preflight.send_and_wait(target, "PUT", _identity(target, "id-slow"), timeout=0.3,
                                body={"location": "westeurope"})
    emulator.configure(faults=[{"kind": "provision", "resource_type": "Microsoft.ManagedIdentity/"
                                "userAssignedIdentities", "code": "IdentityProvisioningFailed"}])
    with pytest.raises(ArmgenError, match="IdentityProvisioningFailed"):
        preflight.send_and_wait(target, "PUT", _identity(target, "id-fail"), timeout=30,
                                body={"location": "westeurope"})


def _running_release(emulator, release: str, timeout: float = 60) -> bool:
    """Whether ``release`` gets a subscription-scope unit (its stack) still deploying within ``timeout``."""
    ops = emulator.stacks().deployment_stacks
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for stack in ops.list_at_subscription():
            if ((stack.tags or {}).get("armgenRelease", "").startswith(release)
                    and stack.properties.provisioning_state.lower() not in ("succeeded", "failed", "canceled")):
                return True
        time.sleep(0.05)
    return False


def test_two_concurrent_deploys_of_one_environment(workdir: Path, emulator) -> None:  # noqa: F811
    """The first release, its own process, is running (slow resources); the second exits 1 naming it,
    a third waits for it (before it starts, or at the unit the first one started meanwhile)."""
    # the resource groups unit runs for 3 s, so the second release's check falls inside the first one's run
    emulator.configure(latency_seconds={"*": 0.4, "Microsoft.Resources/resourceGroups": 3.0})
    env = dict(os.environ, ARMGEN_EMULATOR_STATE=str(emulator.state_dir), ARMGEN_RELEASE="release-1",
               ARMGEN_RETRY_BACKOFF="0.005")
    first = subprocess.Popen([sys.executable, "-m", "armgen.cli.main", "deploy", "--env", ENV, "--format", "json",
                              "--spec", str(workdir / "mlenv.yaml")], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert _running_release(emulator, "release-1"), "the first release never started a deployment"
        second = armgen(workdir, "deploy", "--env", ENV)
        assert second.exit_code == 1, second.output
        assert "another release is deploying int: release-1" in second.stderr, second.output
        assert "re-run with --wait" in second.stderr
        waited = armgen(workdir, "deploy", "--env", ENV, "--wait")
        out, err = first.communicate(timeout=180)
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert first.returncode == 0, err
    assert set(statuses(json.loads(out)).values()) == {"deployed"}
    assert waited.exit_code == 0, waited.output
    assert re.search(r"waiting for another release deploying int: release-1"
                     r"|: waited for another release deploying it: release-1", waited.output), waited.output
