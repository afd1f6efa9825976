"""validate on two cores (a forked child checks every other parameter file) gives the serial report: the same
findings, units and expression count, and the same first error for broken files in either process's share. Run
in a fresh process, as the CLI runs: forking is only done with no other thread around."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.unit.validate.test_caches import platform

SCRIPT = """
import os, sys
from armgen.validate import parallel
from armgen.validate.discovery import discover
from armgen.validate.runner import validate
from armgen.rulebase.evaluation import SpecTargets
from armgen.rules import all_rules
from armgen.spec import load_spec
from armgen.errors import SourceError

parallel.MIN_FILES = 1
forked = []
check_forked = parallel.check_forked
parallel.check_forked = lambda runner, pairings: forked.append(1) or check_forked(runner, pairings)
os.chdir(sys.argv[1])
spec = SpecTargets(load_spec("mlenv.yaml"))
def report(on):
    pairings, orphans = discover((), (), "templates", "parameters")
    try:
        r = validate(pairings, all_rules(), orphans, spec, parallel=on)
    except SourceError as e:
        return ("error", str(e))
    return (r.findings, [(u.template, u.parameters, u.env, u.kind) for u in r.units], r.expressions)
serial, two = report(False), report(True)
print("forked" if forked else "serial", "same" if serial == two else "different",
      len(serial[0]) if serial[0] != "error" else serial[1].split(":")[0])
"""


def run(folder: Path) -> list[str]:
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(folder)], capture_output=True, text=True, cwd=root,
                         timeout=300)
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


def test_an_uneven_share_keeps_the_files_in_order() -> None:
    from armgen.validate.parallel import _interleave

    assert _interleave([0, 2, 4], [1, 3]) == [0, 1, 2, 3, 4]
    assert _interleave([0, 2], [1, 3]) == [0, 1, 2, 3]
    assert _interleave([0], []) == [0]
    assert _interleave([], []) == []
