"""How deploy retries ARM's throttling (429) and transient failures (5xx): one policy, set where the SDK
clients are built, so any pacing added beside it (rate-limit headers) sees the same attempts.

azure-core's RetryPolicy already waits as ARM advises (``Retry-After`` in seconds or as an HTTP date;
exponential back-off without one); its default of 3 status retries fails a unit on the fourth 429 in a
row, which a throttled subscription sends routinely. ARM asks clients to keep retrying throttled calls.
"""

from __future__ import annotations

import os
from typing import Any

STATUS_RETRIES = 12  # 429/5xx answers in a row one call survives
CONNECTION_RETRIES = 4
BACKOFF_FACTOR = 0.5  # seconds, doubled per attempt, when ARM gives no Retry-After
BACKOFF_MAX = 60  # seconds, at BACKOFF_FACTOR: the cap scales with the factor


def retry_kwargs() -> dict[str, Any]:
    """The retry settings of every SDK client armgen builds.

    ``ARMGEN_RETRY_BACKOFF`` overrides the factor; the cap keeps its ratio to it (0.005 caps at 0.6 s), so
    a fast factor is fast throughout. ``Retry-After`` from ARM is honoured whatever the factor."""
    factor = float(os.environ.get("ARMGEN_RETRY_BACKOFF") or BACKOFF_FACTOR)
    return {"retry_total": STATUS_RETRIES, "retry_status": STATUS_RETRIES, "retry_connect": CONNECTION_RETRIES,
            "retry_read": CONNECTION_RETRIES, "retry_backoff_factor": factor, "retry_backoff_max": BACKOFF_MAX * factor / BACKOFF_FACTOR}
