"""In-process emulator (threaded HTTPS server on a random port, tmp state dir) and real SDK clients."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from armgen.deploy.target_emulator import deployments_client, resource_client, stacks_client
from armgen.emulator.config import EmulatorConfig
from armgen.emulator.endpoint import ENDPOINT_FILE, EndpointInfo, write_endpoint_file
from armgen.emulator.http.server import ServerThread


class RunningEmulator:
    """The server thread plus helpers the tests use (endpoint, clients, knobs, restart)."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.server = self._start()

    def _start(self) -> ServerThread:
        """Start a server thread and announce it in endpoint.json, so that ``ensure_running(state_dir)``
        (e.g. an ``armgen deploy`` subprocess with ARMGEN_EMULATOR_STATE) uses it instead of starting one."""
        server = ServerThread(self.state_dir).start()
        write_endpoint_file(self.state_dir, os.getpid(), server.url, server.httpd.port)
        return server

    @property
    def endpoint(self) -> EndpointInfo:
        app = self.server.app
        return EndpointInfo(url=self.server.url, ca_file=str(self.state_dir / "ca.pem"), token=app.token,
                            subscription_id=app.config.subscription_id, state_dir=str(self.state_dir))

    def resources(self, **kw):  # SDK client
        return resource_client(self.endpoint, polling_interval=0.01, **{"retry_total": 0, **kw})

    def deployments(self, **kw):  # SDK client
        return deployments_client(self.endpoint, polling_interval=0.01, **{"retry_total": 0, **kw})

    def stacks(self, **kw):  # SDK client
        return stacks_client(self.endpoint, polling_interval=0.01, **{"retry_total": 0, **kw})

    def configure(self, **knobs) -> None:
        self.server.app.configure(EmulatorConfig.from_dict(knobs), persist=False)

    def restart(self) -> None:
        """Stop the server and start a new one on the same state dir (a new port)."""
        self.server.stop()
        self.server = self._start()

    def stop(self) -> None:
        self.server.stop()
        (self.state_dir / ENDPOINT_FILE).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def _emulator_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningEmulator]:
    emu = RunningEmulator(tmp_path_factory.mktemp("emulator-state"))
    yield emu
    emu.stop()


@pytest.fixture
def emulator(_emulator_session: RunningEmulator) -> RunningEmulator:
    """A running emulator with empty state and default knobs."""
    _emulator_session.configure()
    _emulator_session.server.app.reset()
    return _emulator_session


@pytest.fixture
def fresh_emulator(tmp_path: Path) -> Iterator[RunningEmulator]:
    """An emulator of its own (for restart tests)."""
    emu = RunningEmulator(tmp_path / "state")
    yield emu
    emu.stop()




PRO_SUB = "00000000-0000-0000-0000-000000000002"
HUB_SUB = "00000000-0000-0000-0000-0000000000aa"
SPOKE_GROUP, HUB_GROUP = "rg-network-spoke-pro", "rg-dns-hub"


def network_team_resources(emulator: RunningEmulator) -> None:
    """What the sample's pro environment uses and does not own: the spoke VNet (its endpoint and compute subnets)
    and the hub's private DNS zones in another subscription, as the network team would have made them."""
    from armgen import privatelink as pl

    spoke = emulator.resources(subscription_id=PRO_SUB)
    spoke.resource_groups.create_or_update(SPOKE_GROUP, {"location": "northeurope"})
    spoke.resources.begin_create_or_update_by_id(
        f"/subscriptions/{PRO_SUB}/resourceGroups/{SPOKE_GROUP}/providers/Microsoft.Network/virtualNetworks/"
        "vnet-spoke-mlp-pro", api_version="2025-07-01", parameters={"location": "northeurope", "properties": {
            "addressSpace": {"addressPrefixes": ["10.30.0.0/16"]},
            "subnets": [{"name": "snet-ml-endpoints", "properties": {"addressPrefix": "10.30.0.0/24"}},
                        {"name": "snet-ml-compute", "properties": {"addressPrefix": "10.30.4.0/22"}}]}}).result()
    hub = emulator.resources(subscription_id=HUB_SUB)
    hub.resource_groups.create_or_update(HUB_GROUP, {"location": "northeurope"})
    for zone in sorted(pl.ZONES.values()):
        hub.resources.begin_create_or_update_by_id(
            f"/subscriptions/{HUB_SUB}/resourceGroups/{HUB_GROUP}/providers/Microsoft.Network/privateDnsZones/"
            f"{zone}", api_version="2024-06-01", parameters={"location": "global"}).result()
