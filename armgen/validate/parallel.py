"""Validate on two cores: a forked child checks every other parameter file of each pairing.

Parameter files are independent once their template is loaded, and those of one template cost about the same,
so interleaving them shares the work evenly whatever the templates cost: for the k-th pairing the parent checks
the files ``[k % 2::2]`` (and the template rules), the child the others. The parent then merges the child's
results into each pairing in file order, so the report is the serial one. Anything unusual makes it serial: no
``os.fork`` (Windows), one CPU, other threads in the process (forking them is unsafe), little work, or an error
on either side (the parent then checks everything serially, raising the very error a serial run raises first).
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from armgen.validate.discovery import Pairing
    from armgen.validate.runner import Checked, Runner

MIN_FILES = 200  # fewer parameter files are checked faster than a fork costs


def worth_forking(pairings: list[Pairing]) -> bool:
    """Two processes pay off: fork exists, two CPUs are ours, this is the only thread, there is enough work."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cpus > 1 and len(pairings) > 1 and sum(len(p.parameters) for p in pairings) >= MIN_FILES


def check_forked(runner: Runner, pairings: list[Pairing]) -> None:
    """Check ``pairings`` into ``runner.report``: half of each pairing's parameter files here, half in a child."""
    from armgen.validate.runner import Runner

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its share, sent whole, then leave without running the parent's exit code
        os.close(read)
        try:
            child = Runner(runner.rules, runner.spec)
            shares = [child.check_parameters(p, child.check_template(p)[0], 1 - k % 2, 2)
                      for k, p in enumerate(pairings)]
            data = pickle.dumps(shares)
        except BaseException:
            data = b""  # the parent checks everything itself
        try:
            with os.fdopen(write, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(write)
    try:
        mine = []
        for k, pairing in enumerate(pairings):
            base, found = runner.check_template(pairing)
            mine.append((base, found, runner.check_parameters(pairing, base, k % 2, 2)))
    except Exception:
        mine = None  # a serial run says which error comes first
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.close(read)
        os.waitpid(pid, 0)
        raise
    if mine is None:
        os.kill(pid, signal.SIGKILL)
    with os.fdopen(read, "rb") as source:
        data = source.read()
    os.waitpid(pid, 0)
    if mine is None or not data:
        for pairing in pairings:
            runner.check_pairing(pairing)
        return
    for k, (pairing, (base, found, own), theirs) in enumerate(zip(pairings, mine, pickle.loads(data), strict=True)):
        runner.add(pairing, base, found, _interleave(own, theirs) if k % 2 == 0 else _interleave(theirs, own))


def _interleave(first: list[Checked], second: list[Checked]) -> list[Checked]:
    """The files in pairing order: ``first`` holds indexes 0, 2, 4..., ``second`` 1, 3, 5..."""
    out = [item for pair in zip(first, second, strict=False) for item in pair]
    return out + first[len(second):]
