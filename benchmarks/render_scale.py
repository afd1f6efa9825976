"""Render scale: a generated spec of N workspaces x 3 environments, loaded, rendered and written.

Prints, per size, the time of each phase (best of --repeat runs), files/s, peak traced memory, and the
ratios that show whether render stays linear in the number of workspaces:

- time per workspace at N relative to the smallest size (about 1.0 or falling: linear, fixed costs amortised);
- the marginal cost of a workspace between consecutive sizes (flat: linear).

Not a test: ``python benchmarks/render_scale.py [--sizes 25 50 100] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from armgen.build import build_files  # noqa: E402
from armgen.render.writer import write  # noqa: E402
from armgen.spec import load_spec  # noqa: E402

ENVS = ("dev", "int", "pro")
VM_SIZES = ("Standard_DS3_v2", "Standard_NC6s_v3", "Standard_D4s_v5")


def spec_text(workspaces: int) -> str:
    """A spec in the sample's shape with ``workspaces`` work packages (YAML flow style, one line each)."""
    lines = [
        "project: mlp",
        "environments:",
        *(f"  {env}: {{subscriptionId: 00000000-0000-0000-0000-00000000000{i + 1}, location: westeurope, "
          f"tags: {{environment: {env}}}}}" for i, env in enumerate(ENVS)),
        "shared:",
        "  logAnalytics: {retentionDays: {default: 30, pro: 90}}",
        "  storage:",
        "    workspace: {sku: {default: Standard_LRS, pro: Standard_ZRS}}",
        "    data: {sku: Standard_LRS, containers: [datasets, results, metrics]}",
        "  registries: {staging: {sku: Standard}, healthy: {sku: {default: Standard, pro: Premium}}}",
        "workspaces:",
    ]
    for i in range(workspaces):
        endpoints = "[scoring]" if i % 2 == 0 else "[]"
        lines.append(f"  - {{name: ws{i:04d}, compute: {{vmSize: {VM_SIZES[i % 3]}, minNodes: 0, "
                     f"maxNodes: {{default: 2, pro: {4 + i % 5}}}}}, batchEndpoints: {endpoints}}}")
    return "\n".join(lines) + "\n"


def datastore_text(workspaces: int) -> str:
    names = [f"ws{i:04d}" for i in range(workspaces)]
    return json.dumps({"datastores": [
        {"name": "datasets", "storageAccount": "data", "container": "datasets", "workspaces": names},
        {"name": "results", "storageAccount": "data", "container": "results", "workspaces": names[::2]},
    ]}, indent=2) + "\n"


def measure(workspaces: int, repeat: int, tmp_root: Path | None = None) -> dict:
    """Best-of-``repeat`` phase times, file count and peak memory for one size."""
    best = {"load": float("inf"), "render": float("inf"), "write": float("inf")}
    files = 0
    peak = 0
    for run in range(repeat):
        with tempfile.TemporaryDirectory(dir=tmp_root) as tmp:
            folder = Path(tmp)
            (folder / "mlenv.yaml").write_text(spec_text(workspaces), encoding="utf-8")
            (folder / "datastore_config.json").write_text(datastore_text(workspaces), encoding="utf-8")
            traced = run == 0  # memory on the first run only: tracing slows everything down
            if traced:
                tracemalloc.start()
            t0 = time.perf_counter()
            spec = load_spec(folder / "mlenv.yaml")
            t1 = time.perf_counter()
            rendered = build_files(spec)
            t2 = time.perf_counter()
            write(folder, rendered)
            t3 = time.perf_counter()
            if traced:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                continue
            files = len(rendered)
            for phase, seconds in (("load", t1 - t0), ("render", t2 - t1), ("write", t3 - t2)):
                best[phase] = min(best[phase], seconds)
    total = sum(best.values())
    return {"workspaces": workspaces, "files": files, **best, "total": total, "peak_mib": peak / 2**20}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 50, 100])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size (plus one traced run)")
    parser.add_argument("--tmp", type=Path, default=None,
                        help="where to write (default: the system temp folder; /dev/shm takes the disk out)")
    args = parser.parse_args(argv)
    sizes = sorted(args.sizes)
    rows = [measure(n, max(1, args.repeat), args.tmp) for n in sizes]

    print(f"render scale: N workspaces x {len(ENVS)} environments, best of {args.repeat} (load+render+write)")
    print(f"{'N':>5} {'files':>6} {'load s':>8} {'render s':>9} {'write s':>8} {'total s':>8} "
          f"{'files/s':>8} {'peak MiB':>9} {'ms/ws':>7}")
    for r in rows:
        print(f"{r['workspaces']:>5} {r['files']:>6} {r['load']:>8.3f} {r['render']:>9.3f} {r['write']:>8.3f} "
              f"{r['total']:>8.3f} {r['files'] / r['total']:>8.0f} {r['peak_mib']:>9.1f} "
              f"{1000 * r['total'] / r['workspaces']:>7.2f}")

    for r in rows:
        r["compute"] = r["load"] + r["render"]
    base = rows[0]
    print(f"\nlinearity: time per workspace relative to N={base['workspaces']} (about 1.0 or below is linear);"
          " compute = load + render, total adds the disk writes")
    for r in rows[1:]:
        scale = r["workspaces"] / base["workspaces"]
        ratios = {k: (r[k] / r["workspaces"]) / (base[k] / base["workspaces"]) for k in ("compute", "total")}
        print(f"  N={r['workspaces']:>4}: x{scale:.1f} workspaces, x{r['files'] / base['files']:.2f} files -> "
              f"x{r['compute'] / base['compute']:.2f} compute, x{r['total'] / base['total']:.2f} total; "
              f"per-workspace ratio compute {ratios['compute']:.2f}, total {ratios['total']:.2f}")
    print("marginal cost of one workspace between consecutive sizes (flat is linear)")
    for a, b in zip(rows, rows[1:], strict=False):
        step = b["workspaces"] - a["workspaces"]
        print(f"  N={a['workspaces']}->{b['workspaces']}: compute {1000 * (b['compute'] - a['compute']) / step:.2f} ms, "
              f"total {1000 * (b['total'] - a['total']) / step:.2f} ms per workspace")


if __name__ == "__main__":
    main()
