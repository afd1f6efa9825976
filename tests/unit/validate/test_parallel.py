"""validate on two cores (a forked child shares the parameter files, the spec loaded in both) gives the serial
report: the same findings, units and expression count, and the same first error for broken files wherever they
fall and for a spec that does not load. Run in a fresh process, as the CLI runs: forking is only done with no
other thread around."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.unit.validate.test_caches import platform

SCRIPT = """
import os, sys
from pathlib import Path
from armgen.validate import parallel
from armgen.validate.discovery import discover
from armgen.validate.runner import validate
from armgen.rulebase.evaluation import SpecTargets
from armgen.rules import all_rules
from armgen.errors import SourceError

parallel.MIN_FILES = 1
PARENT = os.getpid()
if len(sys.argv) > 2 and sys.argv[2] == "cut":  # the child's results arrive cut short
    import pickle
    parallel.pickle = type("P", (), {"dumps": staticmethod(lambda x: pickle.dumps(x)[:200]),
                                     "loads": staticmethod(pickle.loads)})
if len(sys.argv) > 2 and sys.argv[2] == "killed":  # the child dies before it sends anything
    import signal
    claim = parallel._claim
    parallel._claim = lambda *a: os.kill(os.getpid(), signal.SIGKILL) if os.getpid() != PARENT else claim(*a)
forked = []
check_forked = parallel.check_forked
parallel.check_forked = lambda runner, pairings: forked.append(1) or check_forked(runner, pairings)
os.chdir(sys.argv[1])
def report(on):
    pairings, orphans = discover((), (), "templates", "parameters")
    try:
        r = validate(pairings, all_rules(), orphans, SpecTargets.at(Path("mlenv.yaml")), parallel=on)
    except SourceError as e:
        return ("error", str(e))
    return (r.findings, [(u.template, u.parameters, u.env, u.kind) for u in r.units], r.expressions)
serial, two = report(False), report(True)
print("forked" if forked else "serial", "same" if serial == two else "different",
      len(serial[0]) if serial[0] != "error" else serial[1].split(":")[0])
"""


def run(folder: Path, *how: str) -> list[str]:
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(folder), *how], capture_output=True, text=True,
                         cwd=root, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_two_processes_give_the_serial_report(tmp_path: Path) -> None:
    folder = platform(tmp_path, 4)
    how, same, count = run(folder)
    assert (how, same) == ("forked", "same") and int(count) > 10


def test_broken_files_fail_as_a_serial_run(tmp_path: Path) -> None:
    folder = platform(tmp_path, 2)
    files = sorted((folder / "parameters").glob("*.json"))
    for broken in ([files[-1]], [files[1]], [files[0]], [files[2], files[1]], [files[5], files[40]]):
        saved = [f.read_text() for f in broken]
        for f in broken:
            f.write_text("{ not json")
        how, same, first = run(folder)
        assert (how, same) == ("forked", "same"), broken
        assert Path(first).name in {f.name for f in broken}, (first, broken)  # the error names a broken file
        for f, text in zip(broken, saved, strict=True):
            f.write_text(text)


def test_a_spec_that_does_not_load_fails_as_a_serial_run(tmp_path: Path) -> None:
    folder = platform(tmp_path, 2)
    spec = folder / "mlenv.yaml"
    spec.write_text(spec.read_text().replace("workspaces:", "workspaces:\n  - nme: typo", 1))
    how, same, first = run(folder)
    assert (how, same, first) == ("forked", "same", "mlenv.yaml")


def test_a_child_that_dies_or_sends_its_results_cut_short_leaves_a_serial_run(tmp_path: Path) -> None:
    folder = platform(tmp_path, 2)
    for how in ("cut", "killed"):
        forked, same, count = run(folder, how)
        assert (forked, same) == ("forked", "same") and int(count) > 10, how


def test_the_files_are_cut_into_at_most_the_tokens_in_order() -> None:
    from armgen.validate.parallel import chunks

    class P:
        def __init__(self, n: int) -> None:
            self.parameters = [None] * n

    pairings = [P(3), P(0), P(2)]
    assert chunks(pairings) == [[(0, 0)], [(0, 1)], [(0, 2)], [(2, 0)], [(2, 1)]]
    assert chunks(pairings, tokens=2) == [[(0, 0), (0, 1), (0, 2)], [(2, 0), (2, 1)]]
    assert len(chunks([P(10_000)])) == 2000 and chunks([P(0)]) == []
