"""Which release is deploying an environment, read from Azure itself: every unit's deployment stack armgen
puts carries an ``armgenRelease`` tag, so a second release sees the first one's running stacks."""

from __future__ import annotations

import getpass
import os
import socket

from armgen.deploy.stacks import TERMINAL, Stack, state
from armgen.pids import pid_alive

RELEASE_TAG = "armgenRelease"


def release_id() -> str:
    """This run: ``ARMGEN_RELEASE``, else the pipeline run (Azure DevOps, GitHub), plus user, host and pid.

    Read afresh on each call: two runs in one process (tests, a notebook) are two releases."""
    named = (os.environ.get("ARMGEN_RELEASE") or os.environ.get("BUILD_BUILDNUMBER")
             or os.environ.get("GITHUB_RUN_ID") or "")
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    where = f"{user}@{socket.gethostname()} pid {os.getpid()}"
    return f"{named} ({where})"[:250] if named else where[:250]


def _pid_on_this_host(release: str) -> int | None:
    head = release.rsplit("(", 1)[-1].rstrip(")")
    host_part, _, pid = head.partition(" pid ")
    if "@" not in host_part or not pid.isdigit():
        return None
    return int(pid) if host_part.split("@", 1)[1] == socket.gethostname() else None


def is_other_live_release(release: str | None) -> bool:
    """Whether ``release`` (a deployment's tag) is another run still going: not this one, and not a run on
    this machine that has ended (a killed run's deployments are its own leftovers, waited for as before)."""
    if not release or release == release_id():
        return False
    pid = _pid_on_this_host(release)
    if pid is None:
        return True  # another machine (a pipeline agent): assume it runs
    return pid_alive(pid)


def running_holders(records: dict[str, Stack | None]) -> list[tuple[str, str, str]]:
    """(name, state, release) of each listed stack that another live release is running."""
    out = []
    for name, stack in records.items():
        if stack is None:
            continue
        release = stack.tag(RELEASE_TAG)
        if state(stack) and state(stack) not in TERMINAL and is_other_live_release(release):
            out.append((stack.name or name, stack.state, release))
    return sorted(out)
