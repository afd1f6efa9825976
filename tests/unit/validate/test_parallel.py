"""validate on two cores (a forked child checks the second half of the pairings) gives the serial report: the
same findings, units and expression count, and the same first error for a broken file. Run in a fresh
process, as the CLI runs: forking is only done with no other thread around."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from armgen.validate.parallel import split
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
print("forked" if forked else "serial", "same" if serial == two else "different", len(serial[0]))
"""


def run(folder: Path) -> str:
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(folder)], capture_output=True, text=True, cwd=root,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_two_processes_give_the_serial_report(tmp_path: Path) -> None:
    folder = platform(tmp_path, 4)
    how, same, count = run(folder)
    assert (how, same) == ("forked", "same") and int(count) > 10


def test_a_broken_file_in_the_childs_half_fails_as_a_serial_run(tmp_path: Path) -> None:
    folder = platform(tmp_path, 2)
    files = sorted((folder / "parameters").glob("*.json"))
    files[-1].write_text("{ not json")  # the last template's: the child's half
    how, same, _ = run(folder)
    assert (how, same) == ("forked", "same")


def test_the_cut_balances_the_parameter_files() -> None:
    class P:
        def __init__(self, n: int) -> None:
            self.parameters = [None] * n

    assert split([P(3), P(300), P(6), P(300), P(0)]) == 2
    assert split([P(0), P(0)]) == 1
    assert split([P(900), P(3), P(3)]) == 1
