"""A restart loses nothing; concurrent deployments to different groups do not interfere."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.integration.support import body, changes_by_type, deploy, load_fixture, what_if

pytestmark = pytest.mark.integration


def test_restart_keeps_groups_deployments_and_resources(fresh_emulator) -> None:
    emu = fresh_emulator
    emu.resources().resource_groups.create_or_update("rg-keep", {"location": "westeurope", "tags": {"a": "b"}})
    template = load_fixture("shared.json")
    first = deploy(emu, "rg-keep", "shared", template, env="dev")
    token, url = emu.endpoint.token, emu.endpoint.url
    emu.restart()
    assert emu.endpoint.token == token and emu.endpoint.url != url
    rc, dc = emu.resources(), emu.deployments()
    assert rc.resource_groups.get("rg-keep").tags == {"a": "b"}
    again = dc.deployments.get("rg-keep", "shared")
    assert again.properties.outputs == first.properties.outputs
    assert len(list(dc.deployment_operations.list("rg-keep", "shared"))) == 10
    assert len(list(rc.resources.list_by_resource_group("rg-keep"))) == 9  # role assignments are not listed
    assert set(changes_by_type(what_if(emu, "rg-keep", "shared", template, env="dev"))) == {"NoChange"}
    redeployed = deploy(emu, "rg-keep", "shared", template, env="dev")
    assert redeployed.properties.outputs["principalId"] == first.properties.outputs["principalId"]


def test_concurrent_deployments_to_different_groups(emulator) -> None:
    groups = [f"rg-par-{i}" for i in range(4)]
    rc = emulator.resources()
    for g in groups:
        rc.resource_groups.create_or_update(g, {"location": "westeurope"})
    template = load_fixture("shared.json")
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda g: deploy(emulator, g, "shared", template, env="dev"), groups))
    assert all(r.properties.provisioning_state == "Succeeded" for r in results)
    names = {r.properties.outputs["storageAccountName"]["value"] for r in results}
    principals = {r.properties.outputs["principalId"]["value"] for r in results}
    assert len(names) == 4 and len(principals) == 4
    for g in groups:
        resources = list(rc.resources.list_by_resource_group(g))
        assert len(resources) == 9  # 10 deployed; the role assignment (an extension) is not listed
        assert all(f"/resourceGroups/{g}/" in r.id for r in resources)


def test_a_deployment_in_flight_at_shutdown_ends_in_a_terminal_state(fresh_emulator) -> None:
    emu = fresh_emulator
    emu.configure(latency_seconds={"*": 30})
    emu.resources().resource_groups.create_or_update("rg-flight", {"location": "westeurope"})
    dc = emu.deployments()
    dc.deployments.begin_create_or_update("rg-flight", "shared", body(load_fixture("shared.json"), env="dev"))
    assert dc.deployments.get("rg-flight", "shared").properties.provisioning_state in ("Accepted", "Running")
    emu.restart()  # the running deployment is canceled on the way down
    state = emu.deployments().deployments.get("rg-flight", "shared").properties.provisioning_state
    assert state in ("Canceled", "Failed")
    again = deploy(emu, "rg-flight", "shared", load_fixture("shared.json"), env="dev")  # knobs reset on restart
    assert again.properties.provisioning_state == "Succeeded"


def test_an_answered_change_outlives_a_killed_emulator(tmp_path) -> None:
    """The server answers a change once it is committed to SQLite: a SIGKILL right after loses none of them."""
    import json
    import os
    import signal

    from armgen.deploy.target_emulator import resource_client
    from armgen.emulator import process
    from armgen.emulator.endpoint import ENDPOINT_FILE
    from armgen.pids import pid_alive

    state = tmp_path / "state"
    rc = resource_client(process.start(state).endpoint, retry_total=0)
    try:
        for i in range(20):
            rc.resource_groups.create_or_update(f"rg-kill-{i}", {"location": "westeurope", "tags": {"i": str(i)}})
        pid = int(json.loads((state / ENDPOINT_FILE).read_text())["pid"])
        os.kill(pid, signal.SIGKILL)  # no shutdown: what is not in SQLite now is lost
        while pid_alive(pid):
            pass
        rc = resource_client(process.start(state).endpoint, retry_total=0)
        kept = {g.name: g.tags["i"] for g in rc.resource_groups.list() if g.name.startswith("rg-kill-")}
        assert kept == {f"rg-kill-{i}": str(i) for i in range(20)}
    finally:
        process.stop(state)

