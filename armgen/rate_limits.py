"""ARM's documented request limits (the 2024 token-bucket model), shared by the emulator and deploy pacing.

"Understand how Azure Resource Manager throttles requests": per subscription and principal, and per
tenant and principal, one bucket per operation type (size, refill per second); a global subscription
bucket per operation type, shared by all principals, holds 15 times as much. GET/HEAD are reads,
DELETE deletes, everything else (PUT, PATCH, POST) writes. Answers report the tokens left in
``x-ms-ratelimit-remaining-<subscription|tenant>-<op>`` and ``x-ms-ratelimit-remaining-subscription-global-<op>``.
"""

ARM_LIMITS: dict[str, tuple[float, float]] = {"reads": (250, 25), "writes": (200, 10), "deletes": (200, 10)}
GLOBAL_FACTOR = 15
REMAINING_HEADER = "x-ms-ratelimit-remaining-"


def operation_of(method: str) -> str:
    """ARM's operation type of an HTTP method: reads, writes or deletes."""
    method = method.upper()
    return "reads" if method in ("GET", "HEAD") else "deletes" if method == "DELETE" else "writes"
