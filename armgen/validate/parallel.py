"""Validate on two cores: a forked child checks the second half of the pairings while the parent checks the first.

Pairings are independent (each template with its own parameter files), so the report is the serial one: the
parent checks a prefix of the pairings, the child the rest, and the child's units, findings and expression
count are appended after the parent's. Anything unusual makes it serial: no ``os.fork`` (Windows), one CPU,
other threads in the process (forking them is unsafe), little work, or a child that fails (the parent then
checks the child's pairings itself, raising the very error a serial run raises first).
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from armgen.validate.discovery import Pairing
    from armgen.validate.runner import Runner

MIN_FILES = 200  # fewer parameter files are checked faster than a fork costs


def worth_forking(pairings: list[Pairing]) -> bool:
    """Two processes pay off: fork exists, two CPUs are ours, this is the only thread, there is enough work."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cpus > 1 and len(pairings) > 1 and sum(len(p.parameters) for p in pairings) >= MIN_FILES


def split(pairings: list[Pairing]) -> int:
    """Where to cut the pairings into two parts of about equal work (a template plus its parameter files):
    the cut with the smaller larger part, both parts non-empty."""
    work = [1 + len(p.parameters) for p in pairings]
    total, done, best = sum(work), 0, (float("inf"), 1)
    for cut in range(1, len(work)):
        done += work[cut - 1]
        best = min(best, (max(done, total - done), cut))
    return best[1]


def check_forked(runner: Runner, pairings: list[Pairing]) -> None:
    """Check ``pairings`` into ``runner.report``: the first part here, the rest in a forked child."""
    from armgen.validate.runner import Runner

    cut = split(pairings)
    head, tail = pairings[:cut], pairings[cut:]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: check the tail, send the result, leave without running the parent's exit code
        os.close(read)
        try:
            child = Runner(runner.rules, runner.spec)
            for pairing in tail:
                child.check_pairing(pairing)
            data = pickle.dumps((child.report.units, child.report.findings, child.report.expressions))
        except BaseException:
            data = b""  # the parent checks the tail itself
        try:
            with os.fdopen(write, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(write)
    try:
        for pairing in head:
            runner.check_pairing(pairing)
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.close(read)
        os.waitpid(pid, 0)
        raise
    with os.fdopen(read, "rb") as source:
        data = source.read()
    os.waitpid(pid, 0)
    if not data:
        for pairing in tail:
            runner.check_pairing(pairing)
        return
    units, findings, expressions = pickle.loads(data)
    runner.report.units += units
    runner.report.findings += findings
    runner.report.expressions += expressions
