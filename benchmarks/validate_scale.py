"""How fast `armgen validate` is on a large rendered platform, and how that compares to checkov.

Renders the sample spec (mlenv.yaml) grown to N workspaces x its 3 environments with armgen's
own render API, validates every template with every parameter file in-process, and prints
templates/s, parameter files/s, expressions/s and peak memory, for several N to show the time
grows linearly with the number of workspaces. If checkov (3.x) is installed in its own virtual
environment (default /tmp/checkov-venv, or $CHECKOV), it times
`checkov -d templates --framework arm --skip-download -o json` on the same files and prints the
ratio. Usage: python benchmarks/validate_scale.py [--workspaces 100] [--steps 25,50,100]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from armgen.build import build_files  # noqa: E402
from armgen.rulebase.evaluation import SpecTargets  # noqa: E402
from armgen.rules import all_rules  # noqa: E402
from armgen.spec.loader import load_spec  # noqa: E402
from armgen.validate.discovery import discover  # noqa: E402
from armgen.validate.runner import validate  # noqa: E402


def grow_spec(folder: Path, workspaces: int) -> Path:
    """The sample spec with ``workspaces`` work packages (and datastores attached to all of them)."""
    doc = yaml.safe_load((REPO / "mlenv.yaml").read_text())
    base = doc["workspaces"]
    doc["workspaces"] = []
    for i in range(workspaces):
        ws = copy.deepcopy(base[i % len(base)])
        ws["name"] = f"wp{i:03d}"
        doc["workspaces"].append(ws)
    for env in doc["environments"].values():
        env.pop("overrides", None)
    datastores = json.loads((REPO / "datastore_config.json").read_text())
    names = [ws["name"] for ws in doc["workspaces"]]
    for ds in datastores["datastores"]:
        ds["workspaces"] = names
    (folder / "datastore_config.json").write_text(json.dumps(datastores))
    spec = folder / "mlenv.yaml"
    spec.write_text(yaml.safe_dump(doc, sort_keys=False))
    return spec


def render(folder: Path, workspaces: int) -> Path:
    out = folder / f"ws{workspaces}"
    out.mkdir()
    spec = load_spec(grow_spec(out, workspaces))
    for rel, text in build_files(spec).items():
        if rel.startswith(("templates/", "parameters/")):
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_text(text)
    return out


def run_validate(root: Path):
    cwd = os.getcwd()
    os.chdir(root)
    try:
        pairings, orphans = discover((), (), "templates", "parameters")
        return validate(pairings, all_rules(), orphans, SpecTargets(load_spec("mlenv.yaml")))  # as the CLI does
    finally:
        os.chdir(cwd)


def timed(root: Path, repeat: int = 3):
    best, report = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        report = run_validate(root)
        best = min(best, time.perf_counter() - start)
    return best, report


def command_time(args: list[str], root: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU (user+sys) seconds of a whole command run in ``root`` (start-up and imports included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def checkov_time(root: Path) -> tuple[float, float] | None:
    exe = os.environ.get("CHECKOV") or "/tmp/checkov-venv/bin/checkov"
    if not Path(exe).exists() and not shutil.which(exe):
        return None
    return command_time([exe, "-d", "templates", "--framework", "arm", "--skip-download", "-o", "json", "--quiet"],
                        root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workspaces", type=int, default=100)
    parser.add_argument("--steps", default="25,50,100", help="workspace counts for the linearity check")
    args = parser.parse_args()
    steps = sorted({int(s) for s in args.steps.split(",") if s} | {args.workspaces})
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'workspaces':>10} {'templates':>9} {'param files':>11} {'seconds':>8} {'templates/s':>11} "
              f"{'param files/s':>13} {'expressions/s':>13} {'ms/workspace':>12}")
        results = {}
        for n in steps:
            root = render(Path(tmp), n)
            seconds, report = timed(root)
            templates = sum(1 for u in report.units if u.kind == "template")
            pairs = sum(1 for u in report.units if u.kind == "pairing")
            errors = report.count("E")
            results[n] = (root, seconds, report)
            print(f"{n:>10} {templates:>9} {pairs:>11} {seconds:>8.3f} {templates / seconds:>11.1f} "
                  f"{pairs / seconds:>13.1f} {report.expressions / seconds:>13.0f} {1000 * seconds / n:>12.2f}"
                  + (f"  ({errors} error findings!)" if errors else ""))
        lo, hi = steps[0], steps[-1]
        if lo != hi:
            ratio = (results[hi][1] / results[lo][1]) / (hi / lo)
            print(f"linearity: time x{results[hi][1] / results[lo][1]:.2f} for workspaces x{hi / lo:.2f} "
                  f"(1.00 = linear; {ratio:.2f})")
        root = results[args.workspaces][0]
        tracemalloc.start()
        run_validate(root)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory ({args.workspaces} workspaces): {peak / 2**20:.1f} MiB traced by tracemalloc, "
              f"process max RSS {rss:.0f} MiB")
        armgen = [sys.executable, "-m", "armgen.cli.main", "validate", "-f", "json", "-o", os.devnull]
        # as installed: Python's compiled bytecode cached (a first run writes it; PYTHONDONTWRITEBYTECODE in
        # the environment would otherwise compile every module from source on every run)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        command_time(armgen, root, env)
        wall, cpu = min(command_time(armgen, root, env) for _ in range(5))
        cold = command_time(armgen, root, {**env, "PYTHONPYCACHEPREFIX": str(Path(tmp) / "cold")})
        print(f"armgen validate as a whole command: {wall:.2f} s wall, {cpu:.2f} s CPU (user+sys), best of 5 "
              f"(target <= 1.0 s wall); {cold[0]:.2f} s wall with no bytecode cached (a first run)")
        release = [*armgen[:-4], "--format", "junit", "--output", str(Path(tmp) / "validate.xml")]
        junit = min(command_time(release, root, env) for _ in range(3))
        size = (Path(tmp) / "validate.xml").stat().st_size
        print(f"armgen validate --format junit --output validate.xml (as the release runs it): {junit[0]:.2f} s "
              f"wall, {junit[1]:.2f} s CPU, best of 3 ({size / 2**20:.1f} MiB of JUnit XML)")
        checkov = checkov_time(root)
        if checkov is None:
            print("checkov: not found (install it in its own venv: python3 -m venv /tmp/checkov-venv && "
                  "/tmp/checkov-venv/bin/pip install checkov; or set CHECKOV=/path/to/checkov)")
        else:
            print(f"checkov -d templates --framework arm --skip-download: {checkov[0]:.2f} s wall, {checkov[1]:.2f} s "
                  f"CPU; armgen validate (templates + every parameter file), both whole commands: armgen is "
                  f"{checkov[0] / wall:.1f}x faster (wall), {checkov[1] / cpu:.1f}x (CPU)")


if __name__ == "__main__":
    main()
