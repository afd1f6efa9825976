"""Where a running emulator is and how to talk to it (no heavy imports: used by the CLI and clients)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_SUBSCRIPTION = "00000000-0000-0000-0000-000000000001"
DEFAULT_TENANT = "00000000-0000-0000-0000-000000000000"
ENDPOINT_FILE = "endpoint.json"


@dataclass(frozen=True)
class EndpointInfo:
    """What a client needs: base URL, CA bundle to trust, bearer token, default subscription."""

    url: str
    ca_file: str
    token: str
    subscription_id: str
    state_dir: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def default_state_dir() -> Path:
    """``$ARMGEN_EMULATOR_STATE`` or ``~/.armgen/emulator``."""
    env = os.environ.get("ARMGEN_EMULATOR_STATE")
    return Path(env).expanduser() if env else Path.home() / ".armgen" / "emulator"


def resolve_state_dir(state_dir: str | os.PathLike[str] | None) -> Path:
    return Path(state_dir).expanduser().resolve() if state_dir else default_state_dir().resolve()


def read_endpoint_file(state_dir: Path) -> dict | None:
    """The pid/endpoint record a running server wrote, or None."""
    from armgen import jsonmarks
    from armgen.errors import InputError

    try:
        return jsonmarks.load(state_dir / ENDPOINT_FILE).data
    except InputError:
        return None


def write_endpoint_file(state_dir: Path, pid: int, url: str, port: int) -> None:
    """Announce a running server (atomically) so ``ensure_running``/``status`` find it."""
    from armgen.emulator.private import write_private

    write_private(state_dir / ENDPOINT_FILE, json.dumps({"pid": pid, "url": url, "port": port}) + "\n")
