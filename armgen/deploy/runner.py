"""Run a plan: units in parallel as the DAG allows, unchanged ones skipped, failures contained."""

from __future__ import annotations

import contextlib
import heapq
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from armgen.deploy.failures import ArmFailure, failure_from
from armgen.deploy.plan import Plan, Step
from armgen.deploy.polling import PollSchedule, unit_kind
from armgen.deploy.preflight import prune_group
from armgen.deploy.release import RELEASE_TAG, release_id, running_holders
from armgen.deploy.stacks import FINGERPRINT_TAG, TERMINAL, Lifecycle, Stack, StackOps, state
from armgen.deploy.target import Target

RETRYABLE_CODES = {"PrincipalNotFound"}
ACTIVE_CODES = {"DeploymentStackInNonTerminalState", "DeploymentActive"}  # another run is deploying the unit
OK = ("deployed", "skipped")
_UNKNOWN = object()


@dataclass
class UnitResult:
    name: str
    status: str  # deployed | skipped | failed | blocked | cancelled
    duration: float = 0.0
    changed: int = 0
    error: ArmFailure | None = None
    deployment: str = ""

    def as_dict(self) -> dict:
        return {"unit": self.name, "result": self.status, "duration": round(self.duration, 3),
                "changedResources": self.changed, "deployment": self.deployment,
                "error": self.error.as_dict() if self.error else None}


Event = Callable[[str, Step, UnitResult | None], None]


class Schedule:
    """Which steps may start: the plan's DAG over graphlib, in plan order, ``parallel`` at most running;
    the steps behind a failed one are blocked (and theirs behind them). Not thread-safe: the runner holds
    its lock around every call."""

    def __init__(self, steps: list[Step], parallel: int, running: dict[str, Step]) -> None:
        from graphlib import TopologicalSorter

        self.steps, self.parallel, self.running = steps, parallel, running
        self.results: dict[str, UnitResult] = {}
        self._by_name = {s.name: s for s in steps}
        self._order = {s.name: i for i, s in enumerate(steps)}
        self._deps = {s.name: [d for d in s.unit.depends_on if d in self._by_name] for s in steps}
        self._graph: TopologicalSorter[str] = TopologicalSorter(self._deps)
        self._graph.prepare()  # acyclic: build_plan layered the units
        self._queued: list[tuple[int, Step]] = []  # ready, by plan order (a heap)
        self._collect([])

    def _collect(self, events: list) -> None:
        """Queue the steps whose dependencies are all done; block those behind a failure."""
        while ready := self._graph.get_ready():
            for name in ready:
                step = self._by_name[name]
                if any(self.results[d].status not in OK for d in self._deps[name]):
                    self.results[name] = UnitResult(name, "blocked", deployment=step.deployment)
                    events.append(("done", step, self.results[name]))
                    self._graph.done(name)
                else:
                    heapq.heappush(self._queued, (self._order[name], step))

    def finish(self, step: Step, result: UnitResult, events: list) -> None:
        """``step`` ended with ``result``: what it made ready is queued (event "done" for it and the blocked)."""
        self.running.pop(step.name, None)
        self.results[step.name] = result
        events.append(("done", step, result))
        self._graph.done(step.name)
        self._collect(events)

    def take(self, events: list) -> list[Step]:
        """The queued steps that may start now (they count as running; event "start" each)."""
        ready: list[Step] = []
        while self._queued and len(self.running) < self.parallel:
            _, step = heapq.heappop(self._queued)
            self.running[step.name] = step
            events.append(("start", step, None))
            ready.append(step)
        return ready

    def pending(self) -> list[Step]:
        """Steps neither done nor running."""
        return [s for s in self.steps if s.name not in self.results and s.name not in self.running]


class Runner:
    """Deploys a plan; ``run`` returns one result per step, in plan order."""

    def __init__(self, target: Target, plan: Plan, parallel: int = 4, mode: str = "Incremental",
                 on_event: Event | None = None, principal_retries: int = 5, retry_delay: float = 2.0,
                 wait_interval: float = 1.0, skip_unchanged: bool = True) -> None:
        self.target, self.plan, self.parallel, self.mode = target, plan, max(1, parallel), mode
        self.on_event = on_event or (lambda *_: None)
        self.principal_retries, self.retry_delay, self.wait_interval = principal_retries, retry_delay, wait_interval
        self.puts = 0
        self.skip_unchanged = skip_unchanged
        self._running: dict[str, Step] = {}  # units being deployed, by name
        self._known: dict | None = None
        self.listed: dict[str | None, list] = {}  # every stack of each listed scope (None: the subscription)
        self.lifecycle: dict[str, Lifecycle] = {}  # per unit; Lifecycle() (detach, no deny) otherwise
        self.deny: dict = {"mode": "none"}
        self.force: set[str] = set()  # units deployed even when unchanged (re-created, or below one)
        self.notes: list[str] = []  # what the run did besides deploying (history pruned)
        self.wait_for_release = False  # a unit another release started meanwhile: wait for it, else fail
        pacer = target.pacer  # status polls: units of a kind polled when the first of them was done
        self.polls = PollSchedule(spare_reads=(lambda: pacer.level("subscription", "reads")) if pacer else
                                  (lambda: float("inf")))
        self.left: list[str] = []  # units left deploying in Azure by an interrupted run (on_interrupt leave)

    def fingerprint(self, step: Step) -> str:
        """What was deployed: template, parameters and the deny settings it is protected with."""
        import hashlib
        import json

        deny = json.dumps(self.deny, sort_keys=True) if self.deny.get("mode", "none") != "none" else ""
        return hashlib.sha256((step.fingerprint() + deny).encode()).hexdigest()[:32] if deny else step.fingerprint()

    def _body(self, step: Step) -> dict:
        from dataclasses import replace

        from armgen.deploy.stacks import body

        life = replace(self.lifecycle.get(step.name, Lifecycle()), deny=self.deny)
        out = body(step, self.plan.env.location, life, self.fingerprint(step))
        out["tags"][RELEASE_TAG] = release_id()
        return out

    def _wait_running(self, ops: StackOps, stack: Stack | None) -> Stack | None:
        """A stack left deploying by an earlier, interrupted run: wait for it to finish."""
        while stack is not None and state(stack) not in TERMINAL and state(stack):
            time.sleep(self.wait_interval)
            stack = ops.get()
        return stack

    def _outputs_alive(self, step: Step, stack: Stack) -> bool:
        """A subscription-scope unit's record outlives its resources (a group deleted by hand): check them.

        Records of resource-group units live in their group and vanish with it, so those need no check.
        """
        if not step.at_subscription:
            return True
        from armgen.catalog import api

        rc = self.target.resources
        groups: set[str] | None = None  # one list of the subscription's groups, not a HEAD per group
        for rid in stack.managed:
            parts = rid.strip("/").split("/")
            if len(parts) == 4 and parts[2].lower() == "resourcegroups":
                if groups is None:
                    groups = {g.name.lower() for g in rc.resource_groups.list()}
                alive = parts[3].lower() in groups
            elif "/providers/Microsoft.Authorization/roleDefinitions/" in rid:
                alive = rc.resources.check_existence_by_id(
                    rid, api_version=api("Microsoft.Authorization/roleDefinitions"))
            else:
                alive = True
            if not alive:
                return False
        return True

    def _prefetch(self, pool: ThreadPoolExecutor) -> dict:
        """Every unit's stack, by name, from one list call per scope (kept in ``listed`` for the removals).

        A no-op re-deploy then costs a few list calls instead of one GET per unit. Units missing from
        the answer (their group does not exist yet, or it could not be listed) are read one by one.
        """
        from armgen.deploy.removals import list_scopes

        wanted = {s.deployment.lower() for s in self.plan.steps}
        groups = {s.unit.resource_group for s in self.plan.steps if s.unit.resource_group}
        self.listed = list_scopes(self.target, self.plan, pool)
        known: dict = {d.name.lower(): d for found in self.listed.values() for d in found if d.name.lower() in wanted}
        for s in self.plan.steps:  # listed scopes that hold no stack of this unit: it has none
            if s.deployment.lower() not in known and (s.at_subscription or s.unit.resource_group in groups):
                known[s.deployment.lower()] = None
        return known

    def running_releases(self) -> list[tuple[str, str, str]]:
        """(stack, state, release) of units another live release is deploying now (listed afresh)."""
        with ThreadPoolExecutor(max_workers=max(1, min(self.parallel, 8))) as pool:
            self._known = self._prefetch(pool)
        return running_holders(self._known)

    def _unchanged(self, step: Step, current: Stack | None) -> bool:
        return (self.skip_unchanged and step.name not in self.force and current is not None
                and state(current) == "succeeded" and current.tag(FINGERPRINT_TAG) == self.fingerprint(step))

    def changed_steps(self) -> list[Step]:
        """The steps a run would deploy (their records are listed once per scope and kept for the run)."""
        if self._known is None:
            with ThreadPoolExecutor(max_workers=max(1, self.parallel)) as pool:
                self._known = self._prefetch(pool)  # also the record of what armgen manages (removals)
        return [s for s in self.plan.steps
                if not self._unchanged(s, self._known.get(s.deployment.lower()))]

    def _polling(self, step: Step):  # an azure-core polling method
        return self.polls.method(unit_kind(step.name, step.unit.workspace), self.target.lro_interval())

    def deploy_step(self, step: Step) -> UnitResult:
        start = time.monotonic()
        ops = StackOps.of(self.target, step)
        result = UnitResult(step.name, "failed", deployment=step.deployment)
        try:
            known = (self._known or {}).get(step.deployment.lower(), _UNKNOWN)
            current = self._wait_running(ops, ops.get() if known is _UNKNOWN else known)
            if self._unchanged(step, current) and self._outputs_alive(step, current):
                result.status = "skipped"
                return result
            pruned = waited = False
            for attempt in range(self.principal_retries + 2):
                try:
                    self.puts += 1
                    done = ops.put(self._body(step), self._polling(step)).result()
                    result.status = "deployed"
                    result.changed = len(Stack.from_json(done).managed)
                    return result
                except Exception as exc:  # classified below
                    failure = failure_from(exc)
                    if failure.codes() & ACTIVE_CODES and self.wait_for_release and not waited:
                        waited = True  # another release started this unit after our check: let it finish
                        running = ops.get()
                        other = (running.tag(RELEASE_TAG) if running else "") or "another run"
                        self.notes.append(f"{step.name}: waited for another release deploying it: {other}")
                        self._wait_running(ops, running)
                        continue
                    if failure.codes() & RETRYABLE_CODES and attempt < self.principal_retries:
                        time.sleep(self.retry_delay * (2 ** attempt))
                        continue
                    if "DeploymentQuotaExceeded" in failure.codes() and not pruned and step.unit.resource_group:
                        pruned = True
                        if prune_group(self.target, self.plan, step.unit.resource_group):
                            continue
                    result.error = failure
                    return result
            result.error = ArmFailure("RetriesExhausted", f"{step.name} did not deploy after its retries")
        except Exception as exc:  # any SDK/transport failure is the unit's failure
            result.error = failure_from(exc)
        finally:
            result.duration = time.monotonic() - start
        return result

    def run(self, cancel_on_interrupt: bool = True) -> list[UnitResult]:
        """Deploy every step as the plan allows. On Ctrl-C (KeyboardInterrupt, re-raised): cancel the running
        stacks and wait for their workers, or (``cancel_on_interrupt=False``) leave them running in Azure and
        return at once; their workers are abandoned, so the process should then end without joining them
        (``left`` lists the units).

        The worker that finishes a unit starts what it made ready: it goes on with the first of those
        itself and hands the others to the pool. Nothing waits for the main thread, which only waits for
        the end (at 20 workspaces, a hand-off through it cost up to 0.17 s per link of a chain, waiting
        for the GIL behind the busy workers)."""
        steps = self.plan.steps
        schedule = Schedule(steps, self.parallel, self._running)
        results = schedule.results
        cond = threading.Condition()
        stop: list[BaseException] = []  # set: start nothing more (an interrupt, or a bug in a worker)
        pool = ThreadPoolExecutor(max_workers=self.parallel)
        leaving = False

        def emit(events: list) -> None:
            for kind, step, result in events:
                self.on_event(kind, step, result)

        def work(step: Step | None) -> None:
            try:
                while step is not None:
                    result, events = self.deploy_step(step), []
                    with cond:
                        if stop:
                            return
                        schedule.finish(step, result, events)
                        ready = schedule.take(events)
                        cond.notify_all()
                    emit(events)
                    for other in ready[1:]:
                        pool.submit(work, other)
                    step = ready[0] if ready else None
            except BaseException as exc:  # a bug (in an event handler, say): the run stops and re-raises it
                with cond:
                    stop.append(exc)
                    cond.notify_all()

        try:
            # start every worker now, while nothing else runs: a thread started later, when units are
            # busy on the network, takes milliseconds to come up and delays the units behind it
            width = min(self.parallel, len(steps))
            gate = threading.Barrier(width + 1)
            for _ in range(width):
                pool.submit(gate.wait)
            gate.wait()
            if self._known is None:
                self._known = self._prefetch(pool)  # also the record of what armgen manages (removals)
            try:
                events: list = []
                with cond:
                    ready = schedule.take(events)
                emit(events)
                for step in ready:
                    pool.submit(work, step)
                with cond:
                    while len(results) < len(steps) and not stop:
                        if not self._running:  # a bug: nothing runs and nothing can start
                            raise RuntimeError(f"deploy: no unit can start of {[s.name for s in schedule.pending()]}")
                        cond.wait(1.0)
                    if stop:
                        raise stop[0]
            except KeyboardInterrupt:
                leaving = not cancel_on_interrupt
                with cond:
                    stop.append(KeyboardInterrupt())
                    running, left_pending = list(self._running.values()), schedule.pending()
                for step in running:
                    if cancel_on_interrupt:
                        with contextlib.suppress(Exception):  # best effort on the way out
                            StackOps.of(self.target, step).cancel()
                    status = "left" if leaving else "cancelled"  # left: still deploying in Azure
                    results[step.name] = UnitResult(step.name, status, deployment=step.deployment)
                    if leaving:
                        self.left.append(step.name)
                for step in left_pending:
                    results[step.name] = UnitResult(step.name, "cancelled", deployment=step.deployment)
                raise
            finally:
                with cond:
                    self.results = [results.get(s.name, UnitResult(s.name, "cancelled")) for s in self.plan.steps]
        finally:  # leaving: do not wait for the workers still polling the deployments that keep running
            pool.shutdown(wait=not leaving, cancel_futures=True)
        return self.results
