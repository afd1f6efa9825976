"""Reading deployed resources through the generic resources API, and polling for what lags."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any, TypeVar

from armgen.catalog import api
from armgen.errors import ArmgenError

T = TypeVar("T")
_GROUP_ID = re.compile(r"/subscriptions/[^/]+/resourceGroups/([^/]+)", re.IGNORECASE)


def _raw(pipeline_response: Any, _deserialized: Any, _headers: Any) -> dict:
    return pipeline_response.http_response.json()


def resource_type_of(resource_id: str) -> str:
    """``Microsoft.Storage/storageAccounts/blobServices`` from a full resource id."""
    tail = resource_id.rsplit("/providers/", 1)[1].split("/")
    return "/".join([tail[0], *tail[1::2]])


def get_resource(target: Any, resource_id: str, api_version: str | None = None) -> dict | None:
    """The resource's ARM JSON as the service returns it, or None when it does not exist."""
    from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

    try:
        group = _GROUP_ID.fullmatch(resource_id)
        if group:
            return target.resources.resource_groups.get(group.group(1), cls=_raw)
        version = api_version or api(resource_type_of(resource_id))
        return target.resources.resources.get_by_id(resource_id, api_version=version, cls=_raw)
    except ResourceNotFoundError:
        return None
    except HttpResponseError as exc:
        if exc.status_code == 404:
            return None
        raise ArmgenError(f"reading {resource_id} failed: {exc.message}") from None


def poll(attempt: Callable[[], tuple[bool, T]], timeout: float, first_interval: float = 0.5,
         max_interval: float = 15.0, clock: Callable[[], float] = time.monotonic,
         sleep: Callable[[float], None] = time.sleep) -> tuple[bool, T]:
    """Call ``attempt`` until it reports success or ``timeout`` seconds have passed.

    Azure grants access minutes after a role assignment is written; polling with a growing
    interval until a deadline replaces a fixed sleep. Returns the last (ok, value).
    """
    deadline = clock() + max(timeout, 0.0)
    interval = first_interval
    while True:
        ok, value = attempt()
        remaining = deadline - clock()
        if ok or remaining <= 0:
            return ok, value
        sleep(min(interval, remaining))
        interval = min(interval * 2, max_interval)
