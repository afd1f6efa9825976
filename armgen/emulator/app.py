"""The emulator backend: state, models and knobs behind one object (moto's "backend")."""

from __future__ import annotations

import secrets
from pathlib import Path

from armgen.emulator.config import EmulatorConfig, load_config, save_config
from armgen.emulator.faults import FaultInjector
from armgen.emulator.models.deployments import DeploymentModel
from armgen.emulator.models.operations import OperationModel
from armgen.emulator.models.resource_groups import ResourceGroupModel
from armgen.emulator.models.resources import ResourceModel
from armgen.emulator.models.stack_whatif import StackWhatIfModel
from armgen.emulator.models.stacks import StackModel
from armgen.emulator.private import private_dir, touch_private, write_private
from armgen.emulator.requestlog import RequestLog
from armgen.emulator.store import DB_FILE, Store
from armgen.emulator.throttling import Throttle, ThrottleSettings

TOKEN_FILE = "token"


def ensure_token(state_dir: Path) -> str:
    """The bearer token clients must present (random, created once, kept in the state dir)."""
    path = state_dir / TOKEN_FILE
    if path.exists():
        return path.read_text().strip()
    token = secrets.token_urlsafe(32)
    write_private(path, token + "\n")
    return token


class EmulatorApp:
    """Everything a request handler needs; ``reset()`` empties the state but keeps token and certs."""

    def __init__(self, state_dir: Path, config: EmulatorConfig | None = None) -> None:
        self.state_dir = state_dir
        private_dir(state_dir)
        self.token = ensure_token(state_dir)
        self.config = config or load_config(state_dir)
        touch_private(state_dir / DB_FILE)
        self.store = Store(state_dir / DB_FILE)
        private_dir(state_dir)  # the WAL and shared-memory files SQLite just made
        self.requests = RequestLog()  # what clients asked (not reset by a knob change)
        self._build_models()

    def _build_models(self) -> None:
        previous = getattr(self, "deployments", None)
        self.faults = FaultInjector(self.config)
        self.throttle = Throttle(ThrottleSettings.from_dict(self.config.throttling) if self.config.throttling
                                 else ThrottleSettings())
        self.resources = ResourceModel(self.store, self.config)
        self.groups = ResourceGroupModel(self.store, self.resources)
        self.operations = OperationModel(self.store)
        self.deployments = DeploymentModel(self.store, self.config, self.resources, self.groups,
                                           self.operations, self.faults)
        self.stacks = StackModel(self.store, self.config, self.resources, self.groups, self.deployments,
                                 self.operations)
        self.stack_what_ifs = StackWhatIfModel(self.stacks)
        if previous is not None:  # runs in flight stay cancelable (reset) after a knob change
            self.deployments.adopt(previous)
        else:
            self.deployments.recover_interrupted()

    def configure(self, config: EmulatorConfig, persist: bool = True) -> None:
        self.config = config
        if persist:
            save_config(self.state_dir, config)
        self._build_models()

    def reset(self) -> None:
        self.deployments.shutdown()
        self.store.clear()
        self.requests.reset()
        self._build_models()

    def close(self) -> None:
        self.deployments.shutdown()
        self.store.close()


