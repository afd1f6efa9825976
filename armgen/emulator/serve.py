"""``python -m armgen.emulator.serve --state DIR [--port N]``: the background server process."""

from __future__ import annotations

import argparse
import errno
import os
import signal
import sys
import threading
from pathlib import Path

from armgen.emulator.certs import ensure_certificates
from armgen.emulator.endpoint import ENDPOINT_FILE, read_endpoint_file, write_endpoint_file
from armgen.emulator.http.server import ServerThread
from armgen.emulator.private import private_dir, write_private

PORT_IN_USE = 98  # exit code: the port is taken by another program
CANNOT_LISTEN = 97  # exit code: any other reason the socket cannot be bound (the reason is the log's last line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="armgen-emulator")
    parser.add_argument("--state", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    # many request and deployment threads wake at once when a parallel deploy starts a layer: a short
    # GIL switch interval keeps each one's latency low instead of queueing them 5 ms at a time
    sys.setswitchinterval(0.0005)
    state_dir = Path(args.state)
    private_dir(state_dir)
    ensure_certificates(state_dir)
    try:
        server = ServerThread(state_dir, args.port, args.verbose).start()
    except OSError as exc:  # one line in emulator.log, no traceback: ``process.start`` explains the exit code
        print(f"armgen-emulator: cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return PORT_IN_USE if exc.errno == errno.EADDRINUSE else CANNOT_LISTEN
    write_endpoint_file(state_dir, os.getpid(), server.url, server.httpd.port)
    write_private(state_dir / "port", f"{server.httpd.port}\n")
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    server.stop()
    try:
        current = read_endpoint_file(state_dir)
        if isinstance(current, dict) and current.get("pid") == os.getpid():
            (state_dir / ENDPOINT_FILE).unlink()
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
