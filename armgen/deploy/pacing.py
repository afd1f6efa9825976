"""Pacing from ARM's rate-limit headers: send no request ARM would refuse with 429.

ARM meters requests in token buckets per subscription and principal (reads, writes, deletes; see
``armgen/rate_limits.py``) and reports what is left on every answer in
``x-ms-ratelimit-remaining-subscription-<op>`` (and ``-subscription-global-<op>``, ``-tenant-<op>``).
:class:`Pacer` mirrors each bucket on the client: the last value ARM reported, minus the requests sent
since, plus ARM's documented refill rate for the time passed. A request that would find its bucket
empty waits for its token instead of being sent, so many parallel units (or several armgen processes,
e.g. pipeline jobs: they all read the same headers) share the budget without 429 storms. A 429 that
happens anyway (another client drained the bucket) holds every request of its kind until Retry-After;
the SDK's retry policy then resends it.

The pacer also tells whether a deploy was *throttle-bound* (requests waited for tokens most of the
time) or *latency-bound* (ARM's provisioning time dominated).
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from armgen.errors import InputError
from armgen.rate_limits import ARM_LIMITS, REMAINING_HEADER, operation_of

ARM_REFILL: dict[str, float] = {op: refill for op, (_, refill) in ARM_LIMITS.items()}  # tokens per second
THROTTLE_BOUND = 0.5  # share of the wall time with requests waiting for tokens


def scope_of(url: str) -> str:
    """``subscription`` or ``tenant``: which of ARM's buckets a request URL falls in."""
    path = url.split("://", 1)[-1].partition("/")[2].split("?", 1)[0].lower()
    return "subscription" if path.startswith("subscriptions/") else "tenant"


def remaining(headers: Any, scope: str, op: str) -> int | None:
    """The fewest tokens ARM reports left for ``op`` (the principal's and the global bucket)."""
    values = []
    for name in (f"{REMAINING_HEADER}{scope}-{op}", f"{REMAINING_HEADER}{scope}-global-{op}"):
        value = headers.get(name)
        if value is not None:
            try:
                values.append(int(value))
            except ValueError:
                continue
    return min(values) if values else None


class Pacer:
    """Client-side mirror of ARM's buckets, fed by its headers; thread-safe, one per ARM endpoint."""

    def __init__(self, refill: dict[str, float] | None = None, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.refill = {**ARM_REFILL, **(refill or {})}
        self.clock, self.sleep = clock, sleep
        self._lock = threading.Condition()
        self._probing: set[tuple[str, str]] = set()  # first request of a kind in flight: the others wait
        self._unmetered: set[tuple[str, str]] = set()  # answers without rate-limit headers: no pacing
        self._sent: dict[tuple[str, str], int] = {}  # (scope, op) -> requests sent (tickets)
        self._inflight: dict[tuple[str, str], set[int]] = {}  # (scope, op) -> tickets sent, not answered yet
        self._earlier: dict[tuple[tuple[str, str], int], int] = {}  # (key, ticket) -> earlier ones in flight
        self._tokens: dict[tuple[str, str], float] = {}  # (scope, op) -> tokens at self._at
        self._at: dict[tuple[str, str], float] = {}
        self._cap: dict[tuple[str, str], float] = {}  # the most ARM ever reported (+1): the bucket size
        self.waits: list[tuple[float, float, str]] = []  # (start, end, op) of every wait for a token
        self.sent: Counter[str] = Counter()
        self.throttled = 0  # 429 answers received

    def _level(self, key: tuple[str, str], now: float) -> float:
        """Tokens now. A full bucket wastes its refill, and requests still on their way to ARM have not
        taken their token there yet: the estimate stays below the bucket size minus those."""
        level = self._tokens[key] + (now - self._at[key]) * self.refill[key[1]]
        ceiling = self._cap[key] - len(self._inflight.get(key, ()))
        self._tokens[key], self._at[key] = min(level, ceiling), now
        return self._tokens[key]

    def before(self, scope: str, op: str) -> int:
        """Take a token for a request about to be sent (sleeps until it is there); its ticket for ``after``."""
        key = (scope, op)
        with self._lock:
            self.sent[op] += 1
            while key in self._probing:  # the first answer says how many tokens are left: wait for it
                self._lock.wait(1.0)
            # a ticket and a place in flight only now: requests held behind the probe are not on their way
            # to ARM yet, and counting them would shrink the bucket the probe's answer reveals
            ticket = self._sent[key] = self._sent.get(key, 0) + 1
            self._inflight.setdefault(key, set()).add(ticket)
            wait = 0.0
            if key not in self._unmetered and key not in self._tokens:
                self._probing.add(key)
            elif key not in self._unmetered:
                now = self.clock()
                level = self._level(key, now) - 1
                self._tokens[key] = level
                wait = -level / self.refill[op] if level < 0 else 0.0
                if wait:
                    self.waits.append((now, now + wait, op))
        if wait:
            self.sleep(wait)
        with self._lock:  # earlier requests still unanswered as this one goes: ARM may count them after it
            self._earlier[key, ticket] = sum(1 for other in self._inflight[key] if other < ticket)
        return ticket

    def after(self, scope: str, op: str, status: int, headers: Any, ticket: int = 0) -> None:
        """Learn from the answer to request ``ticket``: the tokens ARM reports left, or a 429's Retry-After.

        ARM counted the tokens when it admitted the request; requests sent after it may have been
        admitted since, so they are taken off what it reports (refill since then is left as a margin), and
        the level never goes above that (other clients spend from the same bucket). Taking off as well the
        earlier requests that were still unanswered when this one went (ARM may have admitted them after
        it) gives a floor of what ARM has that assumes nothing: the level never stays below it. Without
        that floor the level only ever went down, keeping each underestimate for good (the refill a full
        bucket got while many requests were in flight, not counted), and ARM's bucket was never emptied.
        """
        key = (scope, op)
        left = remaining(headers, scope, op)
        with self._lock:
            now = self.clock()
            inflight = self._inflight.setdefault(key, set())
            inflight.discard(ticket if ticket or not inflight else min(inflight))
            earlier = self._earlier.pop((key, ticket), 0)
            if left is not None and ticket:
                left -= self._sent.get(key, 0) - ticket
            if key in self._probing:
                self._probing.discard(key)
                if left is None and status != 429:
                    self._unmetered.add(key)
                self._lock.notify_all()
            if left is not None:
                self._unmetered.discard(key)
                self._cap[key] = max(self._cap.get(key, 0.0), left + 1.0)
                if key not in self._tokens:
                    self._tokens[key], self._at[key] = float(left), now
                else:
                    floor = float(left - earlier) if ticket else -float("inf")
                    self._tokens[key] = max(min(self._level(key, now), float(left)), floor)
            if status == 429:
                self.throttled += 1
                retry = _seconds(headers.get("Retry-After")) or 1.0
                self._cap.setdefault(key, 1.0)
                level = self._level(key, now) if key in self._tokens else 0.0
                self._tokens[key], self._at[key] = min(level, 1.0 - retry * self.refill[op]), now

    def level(self, scope: str, op: str) -> float:
        """The tokens left now for ``op`` as far as this process knows (infinite before any answer said)."""
        key = (scope, op)
        with self._lock:
            return self._level(key, self.clock()) if key in self._tokens else float("inf")

    def abandon(self, scope: str, op: str, ticket: int = 0) -> None:
        """A request that got no answer (connection error): let the requests behind a probe go on."""
        with self._lock:
            self._probing.discard((scope, op))
            self._inflight.get((scope, op), set()).discard(ticket)
            self._earlier.pop(((scope, op), ticket), None)
            self._lock.notify_all()

    def waited(self, start: float, end: float) -> float:
        """Seconds of [start, end] during which at least one request waited for a token."""
        total, reach = 0.0, start
        for s, e, _ in sorted(self.waits):
            s, e = max(s, reach), min(e, end)
            if e > s:
                total += e - s
                reach = e
        return total

    def verdict(self, start: float, end: float) -> str:
        """One line: throttle-bound or latency-bound, with the numbers."""
        wall = max(end - start, 1e-9)
        waited = self.waited(start, end)
        by_op = Counter()
        for s, e, op in self.waits:
            by_op[op] += max(0.0, min(e, end) - max(s, start))
        detail = ", ".join(f"{op} {by_op[op]:.1f} s" for op in sorted(by_op))
        sent = ", ".join(f"{self.sent[op]} {op}" for op in sorted(self.sent))
        share = f"requests waited for ARM's rate-limit tokens {waited:.1f} s of {wall:.1f} s"
        tail = f"{sent} sent, {self.throttled} answered 429"
        if waited >= THROTTLE_BOUND * wall:
            return (f"throttle-bound: {share} ({detail}); {tail}. ARM's per-subscription buckets set the pace: "
                    "more parallelism will not help; fewer requests (or more subscriptions) will")
        return f"latency-bound: {share}{f' ({detail})' if detail else ''}; {tail}"


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


_PACERS: dict[str, Pacer] = {}
_PACERS_LOCK = threading.Lock()


def refill_from_env(value: str | None) -> dict[str, float]:
    """``ARMGEN_ARM_REFILL="writes=5,reads=12.5"``: other refill rates (free and trial subscriptions get
    lower limits than ARM's documented ones)."""
    out: dict[str, float] = {}
    for item in filter(None, (part.strip() for part in (value or "").split(","))):
        op, _, number = item.partition("=")
        try:
            rate = float(number)
        except ValueError:
            rate = 0.0
        if op.strip() not in ARM_REFILL or rate <= 0:
            raise InputError(f"ARMGEN_ARM_REFILL: '{item}' is not <reads|writes|deletes>=<tokens per second>")
        out[op.strip()] = rate
    return out


def pacer_for(endpoint: str) -> Pacer:
    """The process's pacer of one ARM endpoint (all clients of a process share its buckets)."""
    with _PACERS_LOCK:
        key = endpoint.rstrip("/").lower()
        if key not in _PACERS:
            _PACERS[key] = Pacer(refill_from_env(os.environ.get("ARMGEN_ARM_REFILL")))
        return _PACERS[key]


def pacing_policy(pacer: Pacer):  # an azure-core HTTPPolicy
    """An azure-core policy for ``per_retry_policies``: every attempt takes its token first."""
    from azure.core.pipeline.policies import HTTPPolicy

    class PacingPolicy(HTTPPolicy):
        def send(self, request):  # azure-core's signature
            http = request.http_request
            scope, op = scope_of(http.url), operation_of(http.method)
            ticket = pacer.before(scope, op)
            try:
                response = self.next.send(request)
            except BaseException:
                pacer.abandon(scope, op, ticket)
                raise
            pacer.after(scope, op, response.http_response.status_code, response.http_response.headers, ticket)
            return response

    return PacingPolicy()
