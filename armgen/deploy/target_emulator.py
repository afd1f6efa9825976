"""Real Azure SDK clients pointed at the local emulator (HTTPS, its CA, its bearer token).

    from armgen.deploy.target_emulator import resource_client, deployments_client
    rc = resource_client(endpoint)            # ResourceManagementClient (resource groups, resources)
    dc = deployments_client(endpoint)         # DeploymentsMgmtClient (deployments, what-if, operations)
"""

from __future__ import annotations

import os
import time
from typing import Any

from armgen.emulator.endpoint import EndpointInfo

ARM_SCOPE = "https://management.azure.com/.default"
DEFAULT_POLLING_INTERVAL = 0.2


class EmulatorCredential:
    """A TokenCredential that hands out the emulator's bearer token."""

    def __init__(self, token: str) -> None:
        self._token = token

    def get_token(self, *scopes: str, claims: str | None = None, tenant_id: str | None = None,
                  enable_cae: bool = False, **kwargs: Any) -> Any:
        from azure.core.credentials import AccessToken

        return AccessToken(self._token, int(time.time()) + 3600)

    def close(self) -> None:
        """Nothing to release (the SDK calls this when a client is closed)."""

    def __enter__(self) -> EmulatorCredential:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def bypass_proxies_for_loopback() -> None:
    """Make sure no HTTP(S)_PROXY intercepts calls to 127.0.0.1/localhost (requests reads NO_PROXY)."""
    for var in ("NO_PROXY", "no_proxy"):
        current = [h.strip() for h in os.environ.get(var, "").split(",") if h.strip()]
        missing = [h for h in ("127.0.0.1", "localhost") if h not in current]
        if missing or var not in os.environ:
            os.environ[var] = ",".join(current + missing)


def client_kwargs(endpoint: EndpointInfo, polling_interval: float | None = None, **extra: Any) -> dict[str, Any]:
    """What an SDK client needs for the emulator: ``credential`` (pop it: it is positional), ``base_url``,
    ``connection_verify`` (the emulator's CA), ``credential_scopes``; ``polling_interval`` only when given."""
    bypass_proxies_for_loopback()
    out: dict[str, Any] = {"credential": EmulatorCredential(endpoint.token), "base_url": endpoint.url,
                           "connection_verify": endpoint.ca_file, "credential_scopes": [ARM_SCOPE], **extra}
    if polling_interval is not None:
        out["polling_interval"] = polling_interval
    return out


def resource_client(endpoint: EndpointInfo, subscription_id: str | None = None,
                    polling_interval: float = DEFAULT_POLLING_INTERVAL, **extra: Any) -> Any:
    from azure.mgmt.resource.resources import ResourceManagementClient

    kwargs = client_kwargs(endpoint, polling_interval, **extra)
    return ResourceManagementClient(kwargs.pop("credential"), subscription_id or endpoint.subscription_id, **kwargs)


def deployments_client(endpoint: EndpointInfo, subscription_id: str | None = None,
                       polling_interval: float = DEFAULT_POLLING_INTERVAL, **extra: Any) -> Any:
    from azure.mgmt.resource.deployments import DeploymentsMgmtClient

    kwargs = client_kwargs(endpoint, polling_interval, **extra)
    return DeploymentsMgmtClient(kwargs.pop("credential"), subscription_id or endpoint.subscription_id, **kwargs)


def stacks_client(endpoint: EndpointInfo, subscription_id: str | None = None,
                  polling_interval: float = DEFAULT_POLLING_INTERVAL, **extra: Any) -> Any:
    from azure.mgmt.resource.deploymentstacks import DeploymentStacksClient

    kwargs = client_kwargs(endpoint, polling_interval, **extra)
    return DeploymentStacksClient(kwargs.pop("credential"), subscription_id or endpoint.subscription_id, **kwargs)
