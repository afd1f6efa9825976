"""What the emulator was asked: requests served by method and route (the ``/_emulator`` admin routes left out).

Tests and benchmarks read it (``GET /_emulator/requests``, or ``app.requests`` in-process) to count the
requests a client sends, e.g. that a no-op re-deploy lists once per scope instead of reading each unit.
"""

from __future__ import annotations

import threading
from collections import Counter


class RequestLog:
    """Counts per (method, route handler); thread-safe. ``reset()`` starts over."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[tuple[str, str]] = Counter()

    def add(self, method: str, route: str) -> None:
        with self._lock:
            self._counts[(method.upper(), route)] += 1

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()

    def snapshot(self) -> dict:
        """``{"total": n, "byMethod": {...}, "byRoute": {"GET list_stacks": n, ...}}``."""
        with self._lock:
            counts = dict(self._counts)
        by_method: Counter[str] = Counter()
        for (method, _), n in counts.items():
            by_method[method] += n
        return {"total": sum(counts.values()), "byMethod": dict(sorted(by_method.items())),
                "byRoute": {f"{m} {r}": n for (m, r), n in sorted(counts.items())}}
