"""Deploy DAG benchmark: 1 shared + N workspaces to the emulator, with provisioning latency and ARM's throttling.

Prints, for a deploy with every unit of the plan (emulator in its own process, ARM's documented token
buckets on unless --no-throttling, armgen pacing itself from the x-ms-ratelimit-remaining-* headers):
- wall time / critical path: target <= 1.10. Every unit takes what it took alone (a serial run of the
  plan's shared units and its first 2 workspaces' units, on an emptied emulator; every workspace's unit
  takes what the same unit of workspace ws0000 took). The critical path is the earliest end of the DAG
  with these durations, unlimited parallelism and ARM's buckets (simulated, ``throttled_path``): the
  requests a deploy cannot avoid are two lists first (the subscription's resource groups and its stacks:
  on a first deploy no group exists yet, so no group's stacks are listed), then per unit one PUT (a write token,
  when its dependencies are done) and one GET when it is done (a read token: the status, whose answer is
  the deployed stack); a request waits for its token, first come first served. Without throttling this
  is the longest chain; the difference is the unavoidable throttle time.
- whether the run was throttle-bound or latency-bound (the pacer's verdict), and 429s (target 0);
- where the rest goes: the CPU per unit of each process (client and emulator, each running Python one
  thread at a time), and a CPU-queue estimate (``cpu_queue_estimate``): the DAG again, with each unit
  first spending the CPU a unit took alone, the client's then the emulator's, in a queue per process;
  also with the client's CPU only. It is an estimate, not a bound (a unit's status polls really spend
  their CPU while it provisions), and it tells how much of the gap to the target is CPU per unit rather
  than scheduling: the benchmark prints the share of that CPU at which the estimate would meet the target
  (optimistic: the units' durations alone are kept as measured);
- the no-op re-deploy: wall time (target < 1 s), deployment PUTs (target 0) and requests (one list per
  scope: does not grow with the units).

Not a test: ``python benchmarks/deploy_dag.py [--workspaces 20] [--latency 0.2] [--parallel 100]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from render_scale import datastore_text, spec_text  # noqa: E402

from armgen.build import build_files  # noqa: E402
from armgen.deploy.pacing import Pacer, pacing_policy  # noqa: E402
from armgen.deploy.plan import Plan, build_plan  # noqa: E402
from armgen.deploy.runner import Runner  # noqa: E402
from armgen.deploy.target import Target  # noqa: E402
from armgen.deploy.target_emulator import deployments_client, resource_client, stacks_client  # noqa: E402
from armgen.deploy.transport import pooled_transport  # noqa: E402
from armgen.emulator import process  # noqa: E402
from armgen.emulator.endpoint import EndpointInfo  # noqa: E402
from armgen.rate_limits import ARM_LIMITS  # noqa: E402
from armgen.render.writer import write  # noqa: E402
from armgen.spec import load_spec  # noqa: E402


def target_for(ep: EndpointInfo, subscription: str, polling: float) -> Target:
    """The SDK clients `armgen deploy` builds (pooled connections, paced), for this emulator."""
    transport, pacer = pooled_transport(ep.ca_file, loopback=True), Pacer()
    kw = {"polling_interval": polling, "transport": transport}
    return Target("emulator", subscription,
                  resource_client(ep, subscription, **kw, per_retry_policies=[pacing_policy(pacer)]),
                  deployments_client(ep, subscription, **kw, per_retry_policies=[pacing_policy(pacer)]),
                  "bench", stacks=stacks_client(ep, subscription, **kw, per_retry_policies=[pacing_policy(pacer)]),
                  pacer=pacer, polling_interval=polling)


def workspace_kind(name: str) -> str:
    """``mlworkspace-ws0042`` -> ``mlworkspace-ws0000``: the same unit of the first workspace."""
    head, _, tail = name.rpartition("-ws")
    return f"{head}-ws0000" if head and tail.isdigit() else name


FIRST_LISTS = 2  # a first deploy starts with two reads: the subscription's resource groups and its stacks


def scopes(plan: Plan) -> int:
    """The subscription and every resource group of the plan: one stack list each."""
    return 1 + len({s.unit.resource_group for s in plan.steps if s.unit.resource_group})


class Bucket:
    """One of ARM's token buckets, taken from in time order."""

    def __init__(self, op: str) -> None:
        self.size, self.refill = ARM_LIMITS[op]
        self.tokens, self.at = self.size, 0.0

    def take(self, when: float) -> float:
        """When a request made at ``when`` gets its token."""
        level = min(self.size, self.tokens + (max(when, self.at) - self.at) * self.refill)
        when = max(when, self.at)
        if level < 1:
            when += (1 - level) / self.refill
            level = 1
        self.tokens, self.at = level - 1, when
        return when


def simulate(plan: Plan, start: float, provision: Callable[[str, float], float],
             seen_done: Callable[[float], float] = lambda when: when) -> float:
    """The end of a deploy of ``plan`` with unlimited parallelism, in time order: every unit is ready at
    ``start`` or when its last dependency is seen done; ``provision(unit, ready)`` is when it is done, and
    ``seen_done(done)`` when the deploy sees it."""
    import heapq

    names = set(plan.names)
    waiting = {s.name: set(s.unit.depends_on) & names for s in plan.steps}
    events = [(start, 0, name) for name, deps in waiting.items() if not deps]  # (time, 0 ready | 1 done, unit)
    heapq.heapify(events)
    end = 0.0
    while events:
        when, kind, name = heapq.heappop(events)
        if kind == 0:
            heapq.heappush(events, (provision(name, when), 1, name))
            continue
        done = seen_done(when)
        end = max(end, done)
        for other, deps in waiting.items():
            if name in deps:
                deps.discard(name)
                if not deps:
                    heapq.heappush(events, (done, 0, other))
    return end


def throttled_path(plan: Plan, durations: dict[str, float], throttled: bool = True) -> float:
    """The earliest end of a deploy of ``plan`` (unit durations as measured alone, unlimited parallelism)
    when each request waits for its token in ARM's buckets (see the module's docstring)."""
    if not throttled:
        return simulate(plan, 0.0, lambda name, ready: ready + durations[name])
    writes, reads = Bucket("writes"), Bucket("reads")
    start = max((reads.take(0.0) for _ in range(FIRST_LISTS)), default=0.0)
    return simulate(plan, start, lambda name, ready: writes.take(ready) + durations[name], reads.take)


def cpu_queue_estimate(plan: Plan, durations: dict[str, float], client: float, emulator: float) -> float:
    """The end of a deploy of ``plan`` when every unit, as it becomes ready, first needs ``client`` seconds of
    the client's CPU, then ``emulator`` seconds of the emulator's, each process serving one unit at a time
    (Python runs one thread at a time), and then the rest of its duration alone."""
    free = {"client": 0.0, "emulator": 0.0}  # when each process is next free

    def provision(name: str, ready: float) -> float:
        free["client"] = max(ready, free["client"]) + client
        free["emulator"] = max(free["client"], free["emulator"]) + emulator
        return free["emulator"] + max(0.0, durations[name] - client - emulator)

    return simulate(plan, 0.0, provision)


def cpu_scale_for(target: float, chain: float, estimate: Callable[[float], float]) -> float:
    """The largest share of the measured CPU per unit at which ``estimate(share)`` / ``chain`` <= ``target``
    (``estimate`` grows with the share). Optimistic: less CPU would shorten the units alone too, and with
    them the critical path the target is measured against."""
    low, high = 0.0, 1.0
    if estimate(high) <= target * chain:
        return high
    for _ in range(30):
        mid = (low + high) / 2
        low, high = (mid, high) if estimate(mid) <= target * chain else (low, mid)
    return low


def admin(ep: EndpointInfo, method: str, path: str, body: dict | None = None) -> dict | None:
    """The emulator's admin routes (configuration, reset, request log), as its CLI uses them."""
    import json
    import ssl
    import urllib.request

    ctx = ssl.create_default_context(cafile=ep.ca_file)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=ctx))
    data = json.dumps(body).encode() if body is not None else b""
    req = urllib.request.Request(f"{ep.url}{path}", method=method, data=data,
                                 headers={"Authorization": f"Bearer {ep.token}", "Content-Type": "application/json"})
    with opener.open(req, timeout=60) as answer:
        text = answer.read()
    return json.loads(text) if text else None


def deploy(target: Target, plan, parallel: int) -> tuple[float, Runner]:
    runner = Runner(target, plan, parallel=parallel)
    start = runner.started = time.monotonic()
    results = runner.run()
    wall = time.monotonic() - start
    bad = [r for r in results if r.status not in ("deployed", "skipped")]
    if bad:
        raise SystemExit(f"deploy failed: {bad[0].name}: {bad[0].error}")
    return wall, runner


def prepare(folder: Path, workspaces: int) -> tuple[Plan, str]:
    folder.mkdir()
    (folder / "mlenv.yaml").write_text(spec_text(workspaces))
    (folder / "datastore_config.json").write_text(datastore_text(workspaces))
    spec = load_spec(folder / "mlenv.yaml")
    write(folder, build_files(spec, ["int"]), ["int"])
    return build_plan(spec, "int", folder), spec.env("int").subscription_id


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workspaces", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.2, help="simulated provisioning seconds per resource")
    ap.add_argument("--parallel", type=int, default=100)
    ap.add_argument("--polling", type=float, default=0.1, help="SDK polling interval, seconds")
    ap.add_argument("--no-throttling", action="store_true", help="switch ARM's request limits off")
    args = ap.parse_args()
    cpu0 = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        plan, subscription = prepare(Path(tmp) / "work", args.workspaces)
        state = Path(tmp) / "state"
        ep = process.start(state).endpoint  # its own process, as `armgen deploy` runs it
        try:
            knobs = {"latency_seconds": {"*": args.latency}, "max_parallel_resources": 16,
                     "throttling": {"enabled": not args.no_throttling}}
            admin(ep, "PUT", "/_emulator/config?persist=false", knobs)
            target = target_for(ep, subscription, args.polling)
            emulator_cpu, client_cpu = admin(ep, "GET", "/_emulator/requests")["cpuSeconds"], time.process_time()
            wall, runner = deploy(target, plan, args.parallel)
            client_cpu = time.process_time() - client_cpu
            verdict = target.pacer.verdict(runner.started, runner.started + wall)
            throttled = target.pacer.throttled
            contended = plan.critical_path({r.name: r.duration for r in runner.results})
            served = admin(ep, "GET", "/_emulator/requests")
            emulator_cpu = served["cpuSeconds"] - emulator_cpu
            noop_wall, noop = deploy(target, plan, args.parallel)
            noop_requests = admin(ep, "GET", "/_emulator/requests")["total"] - served["total"]
            time.sleep(ARM_LIMITS["reads"][0] / ARM_LIMITS["reads"][1])  # the read bucket fills up again
            rested_wall, rested = deploy(target_for(ep, subscription, args.polling), plan, args.parallel)
            admin(ep, "POST", "/_emulator/reset")
            admin(ep, "PUT", "/_emulator/config?persist=false", knobs)
            serial_target = target_for(ep, subscription, args.polling)
            small = Plan(plan.env, [s for s in plan.steps if s.unit.workspace in (None, "ws0000", "ws0001")])
            serial_cpu = admin(ep, "GET", "/_emulator/requests")["cpuSeconds"], time.process_time()
            serial_wall, serial = deploy(serial_target, small, 1)
            alone_client = (time.process_time() - serial_cpu[1]) / len(small.steps)
            alone_emulator = (admin(ep, "GET", "/_emulator/requests")["cpuSeconds"] - serial_cpu[0]) / len(small.steps)
        finally:
            process.stop(state)
    alone = {r.name: r.duration for r in serial.results}
    durations = {s.name: alone[workspace_kind(s.name)] for s in plan.steps}
    chain = plan.critical_path(durations)
    critical = max(chain, throttled_path(plan, durations, not args.no_throttling))
    units = len(plan.steps)
    cpu = time.process_time() - cpu0
    def estimate_at(share: float) -> float:  # the estimate with this share of the CPU per unit measured alone
        return cpu_queue_estimate(plan, durations, share * alone_client, share * alone_emulator)
    estimate = estimate_at(1.0)
    share = cpu_scale_for(1.10, critical, estimate_at)
    print(f"units: {units} (1 shared + {args.workspaces} workspaces), {args.latency * 1000:.0f} ms per resource, "
          f"ARM throttling {'off' if args.no_throttling else 'on (ARM defaults)'}")
    print(f"parallel deploy wall time:     {wall:7.2f} s")
    print(f"longest chain of units alone:  {chain:7.2f} s  (serial run of the shared units + 2 workspaces)")
    print(f"  same chain, parallel run:    {contended:7.2f} s  (longer when units slow each other down)")
    print(f"critical path:                 {critical:7.2f} s  (the chain under ARM's buckets, simulated: "
          f"{FIRST_LISTS} lists, {units} PUTs, {units} status GETs; unavoidable throttle time "
          f"{critical - chain:.2f} s)")
    print(f"wall / critical path:          {wall / critical:7.2f}   (target <= 1.10)")
    print(f"pacing:                        {verdict}")
    print(f"CPU per unit, parallel run:    client {client_cpu / units * 1000:5.1f} ms, emulator "
          f"{emulator_cpu / units * 1000:5.1f} ms  (alone: {alone_client * 1000:.1f} ms, {alone_emulator * 1000:.1f} ms)")
    print(f"CPU-queue estimate:            {estimate:7.2f} s  ({estimate / critical:.2f} x the critical path; each "
          "unit first spends the CPU a unit took alone, the client's then the emulator's, one unit at a time per "
          "process: an estimate, not a bound)")
    client_estimate = cpu_queue_estimate(plan, durations, alone_client, 0.0)
    print(f"  with the client's CPU only:  {client_estimate:7.2f} s  ({client_estimate / critical:.2f} x the critical "
          "path: the emulator's CPU left out, as a real ARM serves units in parallel)")
    print(f"wall / max(critical path, CPU-queue estimate): {wall / max(critical, estimate):.2f}")
    if share < 1:
        print(f"  the CPU-queue estimate is <= 1.10 x the critical path with {share:.0%} of that CPU per unit "
              f"({share * alone_client * 1000:.1f} ms + {share * alone_emulator * 1000:.1f} ms; unit durations kept "
              "as measured, so this share is optimistic)")
    print(f"429 answers:                   {throttled:7d}   (target 0)")
    print("requests the deploy sent, as the emulator served them (per unit):")
    for route, n in sorted(served["byRoute"].items(), key=lambda kv: -kv[1]):
        print(f"  {route:<40} {n:6d}  {n / units:5.2f}")
    print(f"no-op re-deploy:               {noop_wall:7.2f} s, {noop.puts} deployment PUTs, {noop_requests} requests "
          f"(target < 1 s, 0 PUTs, one list per scope: {scopes(plan)} scopes) right after the deploy, which "
          "left the read bucket empty")
    print(f"  with the read bucket full:   {rested_wall:7.2f} s, {rested.puts} deployment PUTs  (target < 1 s)")
    print(f"benchmark client CPU (user+sys): {cpu:.1f} s; serial run of {len(small.steps)} units {serial_wall:.1f} s")


if __name__ == "__main__":
    main()
