"""ARM's request throttling in the emulator: the token buckets of ``armgen/rate_limits.py``.

Per Microsoft's "Understand how Azure Resource Manager throttles requests":

| scope | operations | bucket size | refill per second |
|---|---|---|---|
| subscription (per principal) | reads / writes / deletes | 250 / 200 / 200 | 25 / 10 / 10 |
| tenant (per principal) | reads / writes / deletes | 250 / 200 / 200 | 25 / 10 / 10 |

plus a *global* subscription bucket per operation type shared by all principals, 15 times a principal's.
A request takes one token from each bucket it falls in; when one is empty ARM answers 429
``SubscriptionRequestsThrottled`` (``TenantRequestsThrottled``) with ``Retry-After`` (seconds until a token
is back). Every answer carries what is left: ``x-ms-ratelimit-remaining-subscription-<op>`` (the
principal's bucket) and ``x-ms-ratelimit-remaining-subscription-global-<op>`` (``-tenant-<op>`` at tenant
scope). GET/HEAD are reads, DELETE deletes, everything else (PUT, PATCH, POST) writes.

Config (``config.json``): ``"throttling": {"enabled": true, "writes": [200, 10], "reads": [250, 25],
"deletes": [200, 10], "global_factor": 15}`` -- any key may be left out (ARM's values).
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from armgen.emulator.models.errors import ArmHttpError
from armgen.rate_limits import ARM_LIMITS, GLOBAL_FACTOR, REMAINING_HEADER, operation_of

OPERATION_WORD = {"reads": "read", "writes": "write", "deletes": "delete"}


@dataclass
class ThrottleSettings:
    """Bucket sizes and refill rates per operation type; off unless ``enabled``."""

    enabled: bool = False
    limits: dict[str, tuple[float, float]] = field(default_factory=lambda: dict(ARM_LIMITS))
    global_factor: float = GLOBAL_FACTOR

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ThrottleSettings:
        unknown = set(data) - {"enabled", "global_factor", *ARM_LIMITS}
        if unknown:
            raise ValueError(f"unknown throttling keys: {', '.join(sorted(unknown))}")
        settings = cls(enabled=bool(data.get("enabled", True)))
        for op in ARM_LIMITS:
            if op in data:
                value = data[op]
                if (not isinstance(value, list) or len(value) != 2 or not all(
                        isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in value)):
                    raise ValueError(f"throttling.{op} must be [bucket size, refill per second], both > 0")
                settings.limits[op] = (float(value[0]), float(value[1]))
        factor = data.get("global_factor", GLOBAL_FACTOR)
        if not isinstance(factor, (int, float)) or isinstance(factor, bool) or factor < 1:
            raise ValueError("throttling.global_factor must be a number >= 1")
        settings.global_factor = float(factor)
        return settings


class Bucket:
    """A token bucket: ``size`` tokens at most, ``refill`` tokens back per second."""

    def __init__(self, size: float, refill: float, now: float) -> None:
        self.size, self.refill, self.tokens, self.at = size, refill, size, now

    def level(self, now: float) -> float:
        self.tokens = min(self.size, self.tokens + (now - self.at) * self.refill)
        self.at = now
        return self.tokens

    def wait(self, now: float) -> float:
        """Seconds until one token is back."""
        missing = 1 - self.level(now)
        return missing / self.refill if missing > 1e-9 else 0.0  # (a token due exactly now is there)


class Throttle:
    """Admits or refuses each request against its buckets; thread-safe."""

    def __init__(self, settings: ThrottleSettings, clock=time.monotonic) -> None:
        self.settings, self.clock = settings, clock
        self._buckets: dict[tuple[str, ...], Bucket] = {}
        self._lock = threading.Lock()
        self.refused = 0  # 429s sent (for benchmarks and tests)

    def _bucket(self, key: tuple[str, ...], op: str, factor: float, now: float) -> Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            size, refill = self.settings.limits[op]
            bucket = self._buckets[key] = Bucket(size * factor, refill * factor, now)
        return bucket

    def admit(self, method: str, path: str, authorization: str | None) -> dict[str, str]:
        """Take a token for this request: the ``x-ms-ratelimit-remaining-*`` headers, or a 429 ArmHttpError."""
        if not self.settings.enabled or path.lower().startswith(("/_emulator", "/metadata")):
            return {}
        op = operation_of(method)
        principal = hashlib.sha256((authorization or "").encode()).hexdigest()[:32]
        parts = path.strip("/").split("/")
        at_subscription = len(parts) >= 2 and parts[0].lower() == "subscriptions"
        scope_id = parts[1].lower() if at_subscription else "tenant"
        scope = "subscription" if at_subscription else "tenant"
        with self._lock:
            now = self.clock()
            named = [(f"{REMAINING_HEADER}{scope}-{op}",
                      self._bucket((scope, scope_id, principal, op), op, 1.0, now))]
            if at_subscription:
                named.append((f"{REMAINING_HEADER}subscription-global-{op}",
                              self._bucket(("global", scope_id, op), op, self.settings.global_factor, now)))
            wait = max(bucket.wait(now) for _, bucket in named)
            if wait > 0:
                self.refused += 1
                headers = {name: str(int(bucket.tokens)) for name, bucket in named}
                seconds = max(1, math.ceil(wait))
                kind = "Subscription" if at_subscription else "Tenant"
                where = f"subscription '{scope_id}'" if at_subscription else "tenant"
                raise ArmHttpError(429, f"{kind}RequestsThrottled",
                                   f"Number of '{OPERATION_WORD[op]}' requests for {where} actor '{principal}' "
                                   f"exceeded. Please try again after '{seconds}' seconds after additional tokens "
                                   "are available. Refer to https://aka.ms/arm-throttling",
                                   headers={"Retry-After": str(seconds), **headers})
            for _, bucket in named:
                bucket.tokens -= 1
            return {name: str(int(bucket.tokens)) for name, bucket in named}
