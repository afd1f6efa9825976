"""Validate on two cores: a forked child and the parent share the parameter files, each claiming the next one.

Parameter files are independent once their template is loaded, so the two processes take them one by one (in
chunks beyond 2,048 files) from a pipe filled before the fork: whoever is free takes the next, and the shares
come out even whatever each file costs. The spec, when there is one, is loaded after the fork in both processes
at once: the parent checks it against the JSON schemas, the child trusts the parent with that and starts sooner.
The parent runs the template rules before it claims files, and at the end merges the child's results into each
pairing in file order, so the report is the serial one. Anything unusual makes it serial: no ``os.fork``
(Windows), one CPU, other threads in the process (forking them is unsafe), little work, or an error on either
side (the parent then checks everything serially, raising the very error a serial run raises first: a spec that
does not load, else the first bad file).
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from armgen.rulebase.context import RuleContext
    from armgen.validate.discovery import Pairing
    from armgen.validate.runner import Checked, Runner

MIN_FILES = 200  # fewer parameter files are checked faster than a fork costs
TOKENS = 2048  # chunks in the pipe at most: 8 KiB, well inside its buffer, so filling it never blocks

Item = tuple[int, int]  # (pairing, parameter file) indexes


def worth_forking(pairings: list[Pairing]) -> bool:
    """Two processes pay off: fork exists, two CPUs are ours, this is the only thread, there is enough work."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cpus > 1 and len(pairings) > 1 and sum(len(p.parameters) for p in pairings) >= MIN_FILES


def chunks(pairings: list[Pairing], tokens: int = TOKENS) -> list[list[Item]]:
    """Every parameter file, in order, cut into at most ``tokens`` chunks of equal size."""
    items = [(k, i) for k, p in enumerate(pairings) for i in range(len(p.parameters))]
    size = max(1, -(-len(items) // tokens))
    return [items[n:n + size] for n in range(0, len(items), size)]


def check_forked(runner: Runner, pairings: list[Pairing]) -> None:
    """Check ``pairings`` into ``runner.report``, the parameter files shared with a forked child."""
    work = chunks(pairings)
    tokens, fill = os.pipe()
    os.write(fill, b"".join(n.to_bytes(4, "little") for n in range(len(work))))
    os.close(fill)  # empty and closed: a claim returns nothing once every chunk is taken
    results, send = os.pipe()
    gc.freeze()  # what both processes share stays out of the collector's way: its passes would copy every page
    pid = os.fork()
    if pid == 0:  # the child: claim chunks, send its results, leave without running the parent's exit code
        os.close(results)
        try:
            if runner.spec is not None:
                runner.spec.load(schema_checked=False)  # the parent checks the same files against the schemas
            data = pickle.dumps(_claim(runner, pairings, work, tokens, {}))
        except BaseException:
            data = b""  # the parent checks everything itself
        try:
            with os.fdopen(send, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(send)
    try:
        _share_and_merge(runner, pairings, work, pid, tokens, results)
    finally:
        gc.unfreeze()


def _share_and_merge(runner: Runner, pairings: list[Pairing], work: list[list[Item]], pid: int, tokens: int,
                     results: int) -> None:
    """The parent's side: the spec checked, the template rules, its claims, then the child's results merged
    (or everything checked serially after an error on either side)."""
    try:
        if runner.spec is not None:
            runner.spec.load()
        templates = [runner.check_template(p) for p in pairings]  # while the child starts on the files
        contexts = {k: base for k, (base, _) in enumerate(templates)}
        mine = _claim(runner, pairings, work, tokens, contexts)
    except Exception:
        mine = None  # a serial run says which error comes first
    except BaseException:
        _stop(pid, tokens, results)
        raise
    if mine is None:
        _stop(pid, tokens, results)
        runner.check_serially(pairings)
        return
    os.close(tokens)
    with os.fdopen(results, "rb") as source:
        data = source.read()
    _, status = os.waitpid(pid, 0)
    theirs = _results(data) if os.waitstatus_to_exitcode(status) == 0 else None
    if theirs is None:  # the child failed, or was killed (sending, say: its results cut short)
        runner.check_serially(pairings)
        return
    done = {**mine, **theirs}
    for k, (pairing, (base, found)) in enumerate(zip(pairings, templates, strict=True)):
        runner.add(pairing, base, found, [done[(k, i)] for i in range(len(pairing.parameters))])


def _results(data: bytes) -> dict[Item, Checked] | None:
    """The child's results, or None when it sent none or they were cut short."""
    try:
        return pickle.loads(data) if data else None
    except Exception:  # a cut pickle fails in many ways (UnpicklingError, EOFError, struct errors...)
        return None


def _claim(runner: Runner, pairings: list[Pairing], work: list[list[Item]], tokens: int,
           contexts: dict[int, RuleContext]) -> dict[Item, Checked]:
    """Check the chunks this process claims until none is left (each template's context made once)."""
    out: dict[Item, Checked] = {}
    while token := os.read(tokens, 4):
        for k, i in work[int.from_bytes(token, "little")]:
            base = contexts.get(k)
            if base is None:
                base = contexts[k] = runner.context(pairings[k])
            out[(k, i)] = runner.check_parameters(pairings[k], base, (i,))[0]
    return out


def _stop(pid: int, *fds: int) -> None:
    os.kill(pid, signal.SIGKILL)
    for fd in fds:
        os.close(fd)
    os.waitpid(pid, 0)
