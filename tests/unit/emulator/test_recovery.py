"""After a crash (no graceful stop), deployments that were running are failed on the next start."""

from __future__ import annotations

from armgen.emulator.app import EmulatorApp
from armgen.emulator.models import deployment_records as rec


def test_running_deployment_is_failed_on_next_start(tmp_path) -> None:
    app = EmulatorApp(tmp_path)
    app.groups.create_or_update("s1", "rg", {"location": "westeurope"})
    dep_id = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Resources/deployments/d1"
    record = rec.new_record(dep_id, "d1", {"properties": {"mode": "Incremental"}}, "1", {})
    record["properties"]["provisioningState"] = "Running"
    record["_op"] = app.operations.start("deployment", "s1", dep_id)
    app.store.put("dep", dep_id, record, parent="/subscriptions/s1/resourceGroups/rg")
    app.store.close()  # a crash: nothing finished the run

    again = EmulatorApp(tmp_path)
    props = again.deployments.get("/subscriptions/s1/resourceGroups/rg", "d1")["properties"]
    assert props["provisioningState"] == "Failed"
    assert props["error"]["details"][0]["code"] == "EmulatorRestarted"
    assert again.operations.get(record["_op"])["status"] == "Failed"
    assert again.token == app.token
    again.close()
