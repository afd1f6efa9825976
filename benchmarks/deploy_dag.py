"""Deploy DAG benchmark: 1 shared + N workspaces to the emulator with simulated provisioning latency.

Prints, for a deploy with every unit of the plan:
- wall time / DAG critical path (the longest chain of measured unit durations): target <= 1.15;
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
from armgen.deploy.target import Target  # noqa: E402
from armgen.emulator.config import EmulatorConfig  # noqa: E402
from armgen.emulator.endpoint import EndpointInfo  # noqa: E402
from armgen.emulator.http.server import ServerThread  # noqa: E402
from armgen.render.outputs import render_all  # noqa: E402
from armgen.render.writer import write  # noqa: E402
from armgen.spec import load_spec  # noqa: E402
from armgen.targets.emulator import deployments_client, resource_client  # noqa: E402


def target_for(server: ServerThread, state: Path, subscription: str) -> Target:
    ep = EndpointInfo(server.url, str(state / "ca.pem"), server.app.token, subscription, str(state))
    return Target("emulator", subscription, resource_client(ep, subscription, polling_interval=0.05),
                  deployments_client(ep, subscription, polling_interval=0.05), "bench")


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
    ap.add_argument("--parallel", type=int, default=32)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work, state = Path(tmp) / "work", Path(tmp) / "state"
        work.mkdir()
        (work / "mlenv.yaml").write_text(spec_text(args.workspaces))
        (work / "datastore_config.json").write_text(datastore_text(args.workspaces))
        spec = load_spec(work / "mlenv.yaml")
        write(work, render_all(spec, ["int"]), ["int"])
        plan = build_plan(spec, "int", work)
        server = ServerThread(state).start()
        try:
            server.app.configure(EmulatorConfig(latency_seconds={"*": args.latency}, max_parallel_resources=16),
                                 persist=False)
            target = target_for(server, state, spec.env("int").subscription_id)
            wall, runner = deploy(target, plan, args.parallel)
            durations = {r.name: r.duration for r in runner.results}
            critical = plan.critical_path(durations)
            noop_wall, noop = deploy(target, plan, args.parallel)
            server.app.reset()
            server.app.configure(EmulatorConfig(latency_seconds={"*": args.latency}, max_parallel_resources=16),
                                 persist=False)
            serial_wall, _ = deploy(target, plan, 1)
        finally:
            server.stop()
    units = len(plan.steps)
    print(f"units: {units} (1 shared + {args.workspaces} workspaces), {args.latency * 1000:.0f} ms per resource")
    print(f"parallel deploy wall time:     {wall:7.2f} s")
    print(f"DAG critical path (measured):  {critical:7.2f} s")
    print(f"wall / critical path:          {wall / critical:7.2f}   (target <= 1.15)")
    print(f"serial deploy wall time:       {serial_wall:7.2f} s")
    print(f"serial / parallel:             {serial_wall / wall:7.2f}x  (target >= 5x)")
    print(f"no-op re-deploy:               {noop_wall:7.2f} s, {noop.puts} deployment PUTs  (target < 2 s, 0 PUTs)")


if __name__ == "__main__":
    main()
