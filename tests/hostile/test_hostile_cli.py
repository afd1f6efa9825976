"""Every hostile input: the right exit code, one bounded line naming the file, bounded memory and time.

Each case runs ``armgen`` in a forked child process under an address-space limit (a regression
cannot take the machine down); the test process reads the child's peak memory from ``os.wait4``'s
rusage (``resource.struct_rusage``).
"""

from __future__ import annotations

import os
import resource
import signal
import sys
import time
from pathlib import Path

import pytest

from armgen.cli.main import cli
from tests.hostile.cases import ALL, Case

ADDRESS_SPACE = 2 * 1024**3  # the child's hard ceiling, above what it inherits
MAX_LINE = 600  # "Error: " + file:line:col + path + a message of at most limits.MESSAGE_CHARS
MAX_SECONDS = 30


def _rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024**2


def run_armgen(folder: Path, args: tuple[str, ...]) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, peak memory added in MiB, seconds) of ``armgen ARGS`` run in ``folder``.

    The command runs in a forked child (armgen already imported: no start-up cost) under an
    address-space limit; its peak RSS comes from ``os.wait4``'s rusage, less what it inherited.
    """
    out, err = folder / ".stdout", folder / ".stderr"
    inherited = _rss_mib()
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 70
        try:
            with open("/proc/self/statm") as fh:
                ceiling = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE") + ADDRESS_SPACE
            resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
            os.chdir(folder)
            for fd, path in ((1, out), (2, err)):
                target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(target, fd)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            os.environ["NO_COLOR"] = "1"
            try:
                cli.main(list(args), prog_name="armgen")
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = start + MAX_SECONDS
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            done, status, usage = os.wait4(pid, 0)
            break
        time.sleep(0.01)
    seconds = time.monotonic() - start
    return (os.waitstatus_to_exitcode(status), out.read_text("utf-8", "replace"), err.read_text("utf-8", "replace"),
            usage.ru_maxrss / 1024 - inherited, seconds)


@pytest.mark.parametrize("case", ALL, ids=[c.id for c in ALL])
def test_hostile_input(tmp_path: Path, case: Case) -> None:
    for name, data in case.files().items():
        (tmp_path / name).write_bytes(data)
    code, stdout, stderr, rss_mb, seconds = run_armgen(tmp_path, case.args)
    assert seconds < MAX_SECONDS, f"{case.id} ran {seconds:.0f} s"
    assert rss_mb < case.max_rss_mb, f"{case.id} added {rss_mb:.0f} MiB at its peak"
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr[:2000]
    assert code == case.exit_code, (stdout + stderr)[:2000]
    if case.file is None:
        return
    if case.stream == "stdout":  # validate: findings, each a bounded line naming the file, then a summary
        assert stderr == ""
        lines = stdout.splitlines()
        assert all(len(line) <= MAX_LINE for line in lines), max(lines, key=len)[:300]
        line = next((line for line in lines if case.says in line), stdout[:2000])
        assert line.startswith(f"{case.file}:"), line
        return
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr[:2000]
    line = lines[0]
    assert len(line) <= MAX_LINE, f"{len(line)} characters: {line[:300]}"
    assert line.startswith(f"Error: {case.file}") or f" {case.file}:" in line, line
    assert case.says in line, line
