"""Local ARM-compatible emulator: HTTPS, bearer token, SQLite state, the real SDK as its client.

Public API: ``ensure_running(state_dir=None) -> EndpointInfo`` (starts the background server on demand),
``EndpointInfo`` (url, ca_file, token, subscription_id, state_dir).
"""

from __future__ import annotations

from armgen.emulator.endpoint import EndpointInfo, default_state_dir


def ensure_running(state_dir=None) -> EndpointInfo:  # str | PathLike | None
    """Start the emulator for ``state_dir`` unless it runs already; return how to reach it."""
    from armgen.emulator.process import ensure_running as _ensure

    return _ensure(state_dir)


__all__ = ["EndpointInfo", "default_state_dir", "ensure_running"]
