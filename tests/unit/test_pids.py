"""pid_alive: the one check of whether the emulator's or a release's process still runs."""

import subprocess
import sys

from armgen.pids import pid_alive


def test_running_child_is_alive_and_exited_child_is_not() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        assert pid_alive(child.pid)
    finally:
        child.stdin.close()
        child.wait(timeout=10)
    assert not pid_alive(child.pid)


def test_unknown_pid_is_not_alive() -> None:
    assert not pid_alive(2**22 + 12345)  # above Linux's pid_max
