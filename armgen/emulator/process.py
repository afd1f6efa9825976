"""Start, stop and find the background emulator process; ``ensure_running`` for deploy/what-if."""

from __future__ import annotations

import os
import signal
import ssl
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from armgen.emulator.certs import CA_FILE
from armgen.emulator.config import load_config
from armgen.emulator.endpoint import ENDPOINT_FILE, EndpointInfo, read_endpoint_file, resolve_state_dir
from armgen.emulator.private import private_dir, touch_private
from armgen.errors import ArmgenError, InputError
from armgen.pids import pid_alive

LOG_FILE = "emulator.log"
_START_TIMEOUT = 20.0


def stop_hint(state_dir: str | os.PathLike[str]) -> str:
    """The command that stops the emulator of ``state_dir``: with ``--state`` unless it is the default one
    (``$ARMGEN_EMULATOR_STATE`` or ``~/.armgen/emulator``), which a plain ``armgen emulator stop`` finds."""
    sd = resolve_state_dir(state_dir)
    return "armgen emulator stop" + ("" if sd == resolve_state_dir(None) else f" --state {sd}")


@dataclass(frozen=True)
class Running:
    """A live emulator and whether this call started it (False: one was running already and is reused)."""

    endpoint: EndpointInfo
    started: bool

    def notice(self) -> str:
        """One line for stderr: where it runs, and that it outlives the command that started it."""
        ep = self.endpoint
        if self.started:
            return (f"started the local emulator at {ep.url} in the background (state {ep.state_dir}); "
                    f"it keeps running after this command: stop it with '{stop_hint(ep.state_dir)}'")
        return (f"using the local emulator already running at {ep.url} (state {ep.state_dir}; stop it with "
                f"'{stop_hint(ep.state_dir)}')")


def _healthy(url: str, ca_file: Path) -> bool:
    ctx = ssl.create_default_context(cafile=str(ca_file))
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=ctx))
    try:
        with opener.open(f"{url}/_emulator/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def info(state_dir: Path) -> EndpointInfo | None:
    """The endpoint of a live emulator for this state dir, or None."""
    record = read_endpoint_file(state_dir)
    if not record or not pid_alive(int(record.get("pid", 0))):
        return None
    ca = state_dir / CA_FILE
    if not _healthy(record["url"], ca):
        return None
    token = (state_dir / "token").read_text().strip()
    return EndpointInfo(url=record["url"], ca_file=str(ca), token=token,
                        subscription_id=load_config(state_dir).subscription_id, state_dir=str(state_dir))


def _default_port(state_dir: Path) -> int:
    try:
        return int((state_dir / "port").read_text().strip())
    except (OSError, ValueError):
        return 0


def _port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def start(state_dir: str | os.PathLike[str] | None = None, port: int | None = None) -> Running:
    """Start the server in the background (reused when already running) and wait until it answers.

    ``port`` None: the last port used, else any free one; 0: any free port. A running emulator on another
    port than an explicit ``port`` is refused rather than silently reused."""
    sd = resolve_state_dir(state_dir)
    running = info(sd)
    if running is not None:
        if port and _port_of(running.url) != port:
            raise InputError(f"the emulator of {sd} already runs at {running.url}, not on port {port}; "
                             f"stop it first ('{stop_hint(sd)}') to start it on port {port}, "
                             "or leave out --port to use it")
        return Running(running, started=False)
    try:
        private_dir(sd)
    except OSError as exc:
        raise InputError(f"{sd}: cannot use as the emulator's state folder ({exc.strerror or exc}); "
                         "pass --state or set ARMGEN_EMULATOR_STATE") from None
    try:
        load_config(sd)
    except ValueError as exc:
        raise InputError(f"{exc}; fix or delete the file") from None
    (sd / ENDPOINT_FILE).unlink(missing_ok=True)
    chosen = _default_port(sd) if port is None else port
    touch_private(sd / LOG_FILE)
    log = open(sd / LOG_FILE, "ab")  # noqa: SIM115 - handed to the child process
    proc = subprocess.Popen([sys.executable, "-m", "armgen.emulator.serve", "--state", str(sd),
                             "--port", str(chosen)], stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                            start_new_session=True, env={**os.environ, "NO_PROXY": "127.0.0.1,localhost"})
    log.close()
    deadline = time.time() + _START_TIMEOUT
    while time.time() < deadline:
        if proc.poll() is not None:
            if port is None and chosen:  # the remembered port is taken: let the OS choose
                (sd / "port").unlink(missing_ok=True)
                return start(sd, 0)
            raise _start_failure(proc.returncode, chosen, sd)
        found = info(sd)
        if found is not None:
            return Running(found, started=True)
        time.sleep(0.05)
    raise ArmgenError(f"the emulator did not answer within {_START_TIMEOUT:.0f} s; see {sd / LOG_FILE}")


def _start_failure(code: int, port: int, sd: Path) -> ArmgenError:
    """Why the server process exited at start, in one line."""
    from armgen.emulator.serve import CANNOT_LISTEN, PORT_IN_USE

    if code == PORT_IN_USE:
        return InputError(f"port {port} on 127.0.0.1 is already in use by another program; "
                          "choose another with --port N, or --port 0 for any free port")
    if code == CANNOT_LISTEN:
        lines = (sd / LOG_FILE).read_text(errors="replace").strip().splitlines()
        reason = lines[-1].removeprefix("armgen-emulator: ") if lines else f"cannot listen on port {port}"
        return InputError(f"the emulator {reason}; choose another port with --port N")
    return ArmgenError(f"the emulator exited at start (exit {code}); see {sd / LOG_FILE}")


def stop(state_dir: str | os.PathLike[str] | None = None, timeout: float = 10.0) -> bool:
    """Stop the background server of this state dir; False when none was running."""
    sd = resolve_state_dir(state_dir)
    record = read_endpoint_file(sd)
    if not record or not pid_alive(int(record.get("pid", 0))):
        (sd / ENDPOINT_FILE).unlink(missing_ok=True)
        return False
    pid = int(record["pid"])
    os.kill(pid, signal.SIGTERM)
    deadline = time.time() + timeout
    while time.time() < deadline and pid_alive(pid):
        time.sleep(0.05)
    if pid_alive(pid):
        os.kill(pid, signal.SIGKILL)
    (sd / ENDPOINT_FILE).unlink(missing_ok=True)
    return True


def reset(state_dir: str | os.PathLike[str] | None = None) -> bool:
    """Empty the state (keeping token and certificates). Returns True if a running server was reset."""
    sd = resolve_state_dir(state_dir)
    running = info(sd)
    if running is None:
        for name in ("state.sqlite3", "state.sqlite3-wal", "state.sqlite3-shm"):
            (sd / name).unlink(missing_ok=True)
        return False
    ctx = ssl.create_default_context(cafile=running.ca_file)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=ctx))
    req = urllib.request.Request(f"{running.url}/_emulator/reset", method="POST", data=b"",
                                 headers={"Authorization": f"Bearer {running.token}"})
    with opener.open(req, timeout=30):
        pass
    return True


def ensure_running(state_dir: str | os.PathLike[str] | None = None) -> EndpointInfo:
    """The endpoint of the emulator for ``state_dir`` (default state dir), starting it if needed."""
    return start(state_dir).endpoint

