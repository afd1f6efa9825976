"""The runner's scheduling: dependencies, the parallel limit, units blocked behind a failure.

Deploying is replaced by a recorded outcome per unit (``deploy_step`` overridden), so only the scheduling
is under test here; the integration tests deploy to the emulator.
"""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

from armgen.deploy.runner import Runner, UnitResult


def step(name: str, *deps: str) -> SimpleNamespace:
    return SimpleNamespace(name=name, deployment=f"armgen-int-{name}", unit=SimpleNamespace(depends_on=list(deps)))


class Recorded(Runner):
    def __init__(self, steps: list, fail: set[str], parallel: int) -> None:
        super().__init__(SimpleNamespace(pacer=None, polling_interval=None), SimpleNamespace(steps=steps),
                         parallel=parallel)
        self._known = {}  # nothing to list
        self.fail, self.lock, self.now, self.most, self.started = fail, threading.Lock(), 0, 0, []

    def deploy_step(self, s) -> UnitResult:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
            self.started.append(s.name)
        time.sleep(0.02)
        with self.lock:
            self.now -= 1
        return UnitResult(s.name, "failed" if s.name in self.fail else "deployed")


def test_units_start_after_their_dependencies_and_never_more_than_parallel() -> None:
    steps = [step("rg"), *(step(f"ws{i}", "rg") for i in range(6)), step("roles", *(f"ws{i}" for i in range(6)))]
    runner = Recorded(steps, set(), parallel=3)
    results = runner.run()
    assert [r.status for r in results] == ["deployed"] * 8
    assert runner.started[0] == "rg" and runner.started[-1] == "roles"
    assert runner.most == 3


def test_everything_behind_a_failure_is_blocked_the_rest_deploys() -> None:
    steps = [step("rg"), step("kv", "rg"), step("ws", "kv"), step("roles", "ws", "st"), step("st", "rg"),
             step("other", "st")]
    events: list[tuple[str, str]] = []
    runner = Recorded(steps, {"kv"}, parallel=4)
    runner.on_event = lambda kind, s, r: events.append((kind, s.name))
    results = {r.name: r.status for r in runner.run()}
    assert results == {"rg": "deployed", "kv": "failed", "ws": "blocked", "roles": "blocked", "st": "deployed",
                       "other": "deployed"}
    assert ("start", "ws") not in events and ("done", "roles") in events
