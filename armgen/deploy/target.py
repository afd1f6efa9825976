"""Where a deploy goes: Azure (DefaultAzureCredential) or the local emulator, through the same SDK clients."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import click

from armgen.defaults import TARGETS
from armgen.errors import ArmgenError, InputError
from armgen.spec.model import Environment

MANAGEMENT_SCOPE = "https://management.azure.com/.default"


@dataclass
class Target:
    """SDK clients for one subscription of one target."""

    kind: str
    subscription_id: str
    resources: Any  # azure.mgmt.resource.resources.ResourceManagementClient
    deployments: Any  # azure.mgmt.resource.deployments.DeploymentsMgmtClient
    description: str
    stacks: Any = None  # azure.mgmt.resource.deploymentstacks.DeploymentStacksClient
    pacer: Any = None  # armgen.deploy.pacing.Pacer: ARM's rate-limit budget as this process sees it
    polling_interval: float | None = None  # the clients' LRO polling interval (None: the stacks client's own)

    def lro_interval(self) -> float:
        """Seconds between status polls when ARM sends no Retry-After: ``polling_interval``, else what the
        stacks client was built with (the SDK's default is 30)."""
        if self.polling_interval is not None:
            return self.polling_interval
        return float(self.stacks_setting("polling_interval", 30.0))

    def stacks_setting(self, name: str, default: Any) -> Any:
        """A setting the stacks client was built with (``polling_interval``, ``api_version``), else ``default``."""
        return getattr(getattr(self.stacks, "_config", None), name, None) or default


def _sdk_kwargs(polling_interval: float | None, retries: int | None) -> dict:
    from armgen.deploy.retry import retry_kwargs

    kwargs: dict[str, Any] = retry_kwargs()
    if retries is not None:
        kwargs.update(retry_total=retries, retry_status=retries)
    if polling_interval is not None:
        kwargs["polling_interval"] = polling_interval
    return kwargs


def _check_sign_in(credential) -> None:  # an azure-identity credential
    """Fail once, in one line, when no credential works (instead of once per unit)."""
    from azure.core.exceptions import ClientAuthenticationError

    from armgen.deploy.signin import sign_in_error

    try:
        credential.get_token(MANAGEMENT_SCOPE)
    except ClientAuthenticationError as exc:
        raise ArmgenError(sign_in_error(exc, len(getattr(credential, "credentials", ())) or None)) from None


def connect(env: Environment, kind: str | None = None, polling_interval: float | None = None,
            retries: int | None = None) -> Target:
    """Clients for ``env``'s subscription on its target (or ``kind`` when given)."""
    from azure.mgmt.resource.deployments import DeploymentsMgmtClient
    from azure.mgmt.resource.deploymentstacks import DeploymentStacksClient
    from azure.mgmt.resource.resources import ResourceManagementClient

    from armgen.deploy.pacing import pacer_for, pacing_policy

    kind = kind or env.target
    if polling_interval is None and os.environ.get("ARMGEN_POLLING_INTERVAL"):
        try:
            polling_interval = float(os.environ["ARMGEN_POLLING_INTERVAL"])
        except ValueError:
            raise InputError("ARMGEN_POLLING_INTERVAL must be a number of seconds") from None
    if kind not in TARGETS:
        raise InputError(f"unknown target '{kind}'; use one of: {', '.join(TARGETS)}")
    kwargs = _sdk_kwargs(polling_interval, retries)
    if kind == "emulator":
        from armgen.deploy.target_emulator import client_kwargs
        from armgen.emulator.process import start as start_emulator

        running = start_emulator()
        click.echo(running.notice(), err=True)  # a background process the user did not start by hand
        endpoint = running.endpoint
        extra = client_kwargs(endpoint)
        kwargs.setdefault("polling_interval", 0.2)
        credential = extra.pop("credential")
        description = f"local emulator at {endpoint.url}"
    else:
        from azure.identity import DefaultAzureCredential

        kwargs.setdefault("polling_interval", 5.0)  # when ARM sends no Retry-After (the SDK would wait 30 s)
        credential = DefaultAzureCredential()
        _check_sign_in(credential)
        endpoint = os.environ.get("ARMGEN_ARM_ENDPOINT")  # sovereign clouds, or a test endpoint
        extra = {"base_url": endpoint, "credential_scopes": [MANAGEMENT_SCOPE]} if endpoint else {}
        description = f"Azure subscription {env.subscription_id}" + (f" at {endpoint}" if endpoint else "")
    from armgen.deploy.transport import pooled_transport

    verify = extra.pop("connection_verify", None)
    kwargs["transport"] = pooled_transport(verify if verify is not None else True, loopback=kind == "emulator")
    pacer = pacer_for(extra.get("base_url") or "https://management.azure.com")
    try:  # each client its own pacing policy (a policy links to the next one of its pipeline), one pacer
        resources = ResourceManagementClient(credential, env.subscription_id, **extra, **kwargs,
                                             per_retry_policies=[pacing_policy(pacer)])
        deployments = DeploymentsMgmtClient(credential, env.subscription_id, **extra, **kwargs,
                                            per_retry_policies=[pacing_policy(pacer)])
        stacks = DeploymentStacksClient(credential, env.subscription_id, **extra, **kwargs,
                                        per_retry_policies=[pacing_policy(pacer)])
    except (ValueError, TypeError) as exc:
        raise ArmgenError(f"cannot create Azure clients for {kind}: {exc}") from None
    return Target(kind, env.subscription_id, resources, deployments, description, stacks=stacks, pacer=pacer,
                  polling_interval=kwargs["polling_interval"])
