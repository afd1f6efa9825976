"""Emulator-only routes under ``/_emulator``: health, reset, config, soft-deleted items."""

from __future__ import annotations

import time

from armgen.emulator.app import EmulatorApp
from armgen.emulator.config import EmulatorConfig
from armgen.emulator.http.messages import Request, Response, empty, ok
from armgen.emulator.models import soft_delete
from armgen.emulator.models.errors import bad_request


def health(app: EmulatorApp, req: Request) -> Response:
    return ok({"status": "ok"})


def reset(app: EmulatorApp, req: Request) -> Response:
    app.reset()
    return empty(204)


def get_config(app: EmulatorApp, req: Request) -> Response:
    """The knobs, and how often each fault rule has fired (``faultsFired``)."""
    return ok(dict(app.config.to_dict(), faultsFired=app.faults.fired()))


def put_config(app: EmulatorApp, req: Request) -> Response:
    """Replace the knobs (faults, latency, delays...); ``?persist=false`` keeps them in memory only."""
    try:
        config = EmulatorConfig.from_dict(req.json())
    except (TypeError, ValueError) as exc:
        raise bad_request("InvalidEmulatorConfig", str(exc)) from exc
    app.configure(config, persist=req.query.get("persist", "true").lower() != "false")
    return ok(app.config.to_dict())


def get_requests(app: EmulatorApp, req: Request) -> Response:
    """Requests served since the start (or the last reset), by method and route, and the CPU seconds the
    emulator's process has used since it started (benchmarks take the difference over a run)."""
    return ok({**app.requests.snapshot(), "cpuSeconds": time.process_time()})


def list_deleted(app: EmulatorApp, req: Request) -> Response:
    return ok({"value": soft_delete.list_deleted(app.store)})


def purge(app: EmulatorApp, req: Request) -> Response:
    """Purge one soft-deleted item by key (``vault/NAME`` or ``workspace/SUB/GROUP/NAME``), ignoring protection."""
    key = req.json().get("key", "")
    held = soft_delete.purge(app.store, key, force=True)
    if key.lower().startswith("vault/"):
        app.store.delete("gname", f"microsoft.keyvault/vaults/{held['name'].lower()}")
    return empty(204)
