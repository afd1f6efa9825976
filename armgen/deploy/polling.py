"""When to ask ARM whether a unit's deployment is done: few status polls, none wasted, no added wait.

Status polls are reads, and ARM's read bucket (``armgen/rate_limits.py``) is what a large release runs
out of first. The SDK polls once right after the PUT and then every ``polling_interval``, so a unit
that takes ten intervals costs ten reads. Units of one kind (``computecluster-<workspace>`` for every
workspace) take about as long as each other, so:

- the first unit of a kind to start is its *scout*: it polls every interval, as the SDK would;
- the others of its kind wait for the scout to finish, then poll once when a unit of their kind was
  done that long after its start (the fastest seen), and every interval after that, should they take
  longer;
- a kind whose duration is known from an earlier unit is polled first at that duration;
- a unit polled at its kind's duration and not done yet is a little slower than the fastest of its
  kind (many units deploying at once): it is polled again a quarter, then half an interval later,
  before every interval, while the read bucket has ``READ_RESERVE`` tokens to spare (a miss cost up to
  an interval per link of a chain).

All of this saves reads only while they are scarce: with more than ``PLENTY`` read tokens left, a
unit polls every interval like the SDK, scout or not (a slow scout would otherwise hold its whole
kind back; at 20 workspaces that cost 0.3 s per link of a chain). Once they are scarce, the rules hold
at every poll, not only the first: a unit that began polling every interval while reads were plenty
then waits for its kind's scout, and is not polled again before its kind's fastest duration (at 1 s per
resource, 20 workspaces' units kept polling every interval, drained the bucket, and the units that were
done queued for tokens behind them). A unit never waits for its scout longer than ``PATIENCE``
intervals after its start. A ``Retry-After`` from ARM is the shortest interval used.

What is polled is the stack itself (its ``provisioningState``, ARM's pattern for a PUT), not the
``Azure-AsyncOperation`` status: the last poll's answer is then the deployed stack, where the SDK would
send one more GET for it after the operation succeeded. A failed stack carries the error in
``properties.error`` (``armgen.deploy.failures`` reads it there).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from typing import Any

PATIENCE = 20  # intervals a unit waits for its kind's scout at most
READ_RESERVE = 50  # read tokens left for other requests before a unit's status is polled early
PLENTY = 150  # read tokens left above which units poll every interval (ARM's bucket holds 250)


def unit_kind(name: str, workspace: str | None) -> str:
    """``computecluster-vision`` -> ``computecluster-*``: units that differ only in their workspace."""
    if not workspace:
        return name
    return re.sub(rf"(?<=-){re.escape(workspace)}(?=-|$)", "*", name, count=1)


class PollSchedule:
    """The fastest duration seen per unit kind and the scout of each kind still running; thread-safe."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep,
                 spare_reads: Callable[[], float] = lambda: float("inf")) -> None:
        self.clock, self.sleep, self.spare_reads = clock, sleep, spare_reads
        self._predicted: set[int] = set()  # units (their tokens' ids) first polled at their kind's duration
        self._cond = threading.Condition()
        self._fastest: dict[str, float] = {}
        self._scouts: dict[str, object] = {}
        self.polls = 0  # status requests sent (for benchmarks)

    def wait(self, kind: str, token: object, started: float, polls: int, interval: float) -> None:
        """Sleep until the next status poll of a unit (``polls`` sent so far) is due."""
        with self._cond:
            self.polls += 1
            delay, spare, due = interval, self.spare_reads(), None
            if spare > PLENTY:
                if polls == 0 and kind in self._fastest:  # known to be quicker than an interval: poll then
                    delay = min(interval, max(0.0, started + self._fastest[kind] - self.clock()))
            else:  # reads are scarce: what the first unit of its kind shows decides, at every poll
                if kind not in self._fastest and self._scouts.setdefault(kind, token) is not token:
                    deadline = started + PATIENCE * interval
                    while kind not in self._fastest and kind in self._scouts and self.clock() < deadline:
                        self._cond.wait(deadline - self.clock())
                if kind in self._fastest:
                    due = started + self._fastest[kind] - self.clock()
            if due is not None and (polls == 0 or due > 0):  # not before its kind's fastest duration
                delay = max(0.0, due)
                self._predicted.add(id(token))
            elif 1 <= polls <= 2 and id(token) in self._predicted and spare >= READ_RESERVE:
                delay = interval * polls / 4  # just missed: almost done
        if delay > 0:
            self.sleep(delay)

    def done(self, kind: str, token: object, started: float) -> None:
        """A unit's operation ended: its duration teaches its kind, and a scout releases the others."""
        with self._cond:
            took = self.clock() - started
            self._fastest[kind] = min(self._fastest.get(kind, took), took)
            if self._scouts.get(kind) is token:
                del self._scouts[kind]
            self._predicted.discard(id(token))
            self._cond.notify_all()

    def method(self, kind: str, interval: float) -> Any:
        """An azure-core polling method for one unit's long-running PUT, polling on this schedule; its
        poller's result is the resource's JSON."""
        from azure.mgmt.core.polling.arm_polling import ARMPolling, BodyContentPolling

        schedule = self

        class ScheduledPolling(ARMPolling):
            def initialize(self, *args: Any, **kwargs: Any) -> None:
                self._started, self._polls, self._token = schedule.clock(), 0, object()
                super().initialize(*args, **kwargs)

            def update_status(self) -> None:  # every status request, the SDK's first one included
                schedule.wait(kind, self._token, self._started, self._polls, max(self._extract_delay(), 0.0))
                self._polls += 1
                super().update_status()

            def _delay(self) -> None:  # the wait happens in update_status
                return

            def run(self) -> None:
                try:
                    super().run()
                finally:
                    schedule.done(kind, self._token, self._started)

            def resource(self) -> Any:  # the resource as ARM sent it: no SDK model (a third of a unit's CPU)
                response = self._pipeline_response.http_response
                return response.json() if response.text() else None

        return ScheduledPolling(interval, lro_algorithms=[BodyContentPolling()])
