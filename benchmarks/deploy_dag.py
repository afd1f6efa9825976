"""Deploy DAG benchmark: 1 shared + N workspaces to the emulator with simulated provisioning latency.

Prints, for a deploy with every unit of the plan:
- wall time / DAG critical path (the longest chain of unit durations, each measured alone in the serial
  run, so contention in the parallel run counts against the ratio): target <= 1.15;
- serial time (one unit at a time) / parallel wall time: target >= 5x;
- the no-op re-deploy: wall time (target < 2 s) and deployment PUTs sent (target 0).

Not a test: ``python benchmarks/deploy_dag.py [--workspaces 20] [--latency 0.2] [--parallel 32]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from render_scale import datastore_text, spec_text  # noqa: E402

from armgen.deploy.plan import build_plan  # noqa: E402
from armgen.deploy.runner import Runner  # noqa: E402
from armgen.deploy.target import Target, pooled_transport  # noqa: E402
from armgen.emulator import process  # noqa: E402
from armgen.emulator.endpoint import EndpointInfo  # noqa: E402
from armgen.render.outputs import render_all  # noqa: E402
from armgen.render.writer import write  # noqa: E402
from armgen.spec import load_spec  # noqa: E402
from armgen.targets.emulator import deployments_client, resource_client, stacks_client  # noqa: E402


def target_for(ep: EndpointInfo, subscription: str, polling: float) -> Target:
    """The SDK clients `armgen deploy` builds (pooled connections), for this emulator."""
    transport = pooled_transport(ep.ca_file)
    kw = {"polling_interval": polling, "transport": transport}
    return Target("emulator", subscription, resource_client(ep, subscription, **kw),
                  deployments_client(ep, subscription, **kw), "bench", stacks_client(ep, subscription, **kw))


def admin(ep: EndpointInfo, method: str, path: str, body: dict | None = None) -> None:
    """The emulator's admin routes (configuration, reset), as its CLI uses them."""
    import json
    import ssl
    import urllib.request

    ctx = ssl.create_default_context(cafile=ep.ca_file)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=ctx))
    data = json.dumps(body).encode() if body is not None else b""
    req = urllib.request.Request(f"{ep.url}{path}", method=method, data=data,
                                 headers={"Authorization": f"Bearer {ep.token}", "Content-Type": "application/json"})
    with opener.open(req, timeout=60):
        pass


def deploy(target: Target, plan, parallel: int) -> tuple[float, Runner]:  # noqa: ANN001
    runner = Runner(target, plan, parallel=parallel)
    start = time.perf_counter()
    results = runner.run()
    wall = time.perf_counter() - start
    bad = [r for r in results if r.status not in ("deployed", "skipped")]
    if bad:
        raise SystemExit(f"deploy failed: {bad[0].name}: {bad[0].error}")
    return wall, runner


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workspaces", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.2, help="simulated provisioning seconds per resource")
    ap.add_argument("--parallel", type=int, default=100)
    ap.add_argument("--polling", type=float, default=0.1, help="SDK polling interval, seconds")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work, state = Path(tmp) / "work", Path(tmp) / "state"
        work.mkdir()
        (work / "mlenv.yaml").write_text(spec_text(args.workspaces))
        (work / "datastore_config.json").write_text(datastore_text(args.workspaces))
        spec = load_spec(work / "mlenv.yaml")
        write(work, render_all(spec, ["int"]), ["int"])
        plan = build_plan(spec, "int", work)
        ep = process.start(state)  # its own process, as `armgen deploy` runs it
        try:
            knobs = {"latency_seconds": {"*": args.latency}, "max_parallel_resources": 16}
            admin(ep, "PUT", "/_emulator/config?persist=false", knobs)
            target = target_for(ep, spec.env("int").subscription_id, args.polling)
            wall, runner = deploy(target, plan, args.parallel)
            contended = plan.critical_path({r.name: r.duration for r in runner.results})
            noop_wall, noop = deploy(target, plan, args.parallel)
            admin(ep, "POST", "/_emulator/reset")
            admin(ep, "PUT", "/_emulator/config?persist=false", knobs)
            serial_wall, serial = deploy(target, plan, 1)
            # each unit's duration alone (no other unit running): the DAG's true critical path
            critical = plan.critical_path({r.name: r.duration for r in serial.results})
        finally:
            process.stop(state)
    units = len(plan.steps)
    print(f"units: {units} (1 shared + {args.workspaces} workspaces), {args.latency * 1000:.0f} ms per resource")
    print(f"parallel deploy wall time:     {wall:7.2f} s")
    print(f"DAG critical path:             {critical:7.2f} s  (unit durations from the serial run)")
    print(f"  same path, parallel run:     {contended:7.2f} s  (longer when units slow each other down)")
    print(f"wall / critical path:          {wall / critical:7.2f}   (target <= 1.15)")
    print(f"serial deploy wall time:       {serial_wall:7.2f} s")
    print(f"serial / parallel:             {serial_wall / wall:7.2f}x  (target >= 5x)")
    print(f"no-op re-deploy:               {noop_wall:7.2f} s, {noop.puts} deployment PUTs  (target < 2 s, 0 PUTs)")


if __name__ == "__main__":
    main()
