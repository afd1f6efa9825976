"""Live progress and the final table of a deploy (rich), kept apart from the runner."""

from __future__ import annotations

import threading
import time

from rich.console import Console
from rich.live import Live
from rich.table import Table

from armgen.deploy.plan import Plan, Step
from armgen.deploy.runner import UnitResult

STYLE = {"deployed": "green", "skipped": "bright_black", "failed": "red", "blocked": "yellow",
         "cancelled": "yellow", "left": "yellow", "running": "cyan", "waiting": "bright_black"}


class Progress:
    """Tracks unit states; renders a live table when the console is a terminal."""

    def __init__(self, plan: Plan, console: Console, live: bool) -> None:
        self.plan, self.console = plan, console
        self.state = {s.name: "waiting" for s in plan.steps}
        self.started: dict[str, float] = {}
        self.results: dict[str, UnitResult] = {}
        self.lock = threading.Lock()
        self.live = Live(self.table(), console=console, refresh_per_second=4, transient=True) if live else None

    def __enter__(self) -> Progress:
        if self.live:
            self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live:
            self.live.__exit__(*exc)

    def event(self, kind: str, step: Step, result: UnitResult | None) -> None:
        with self.lock:
            if kind == "start":
                self.state[step.name] = "running"
                self.started[step.name] = time.monotonic()
            elif result is not None:
                self.state[step.name] = result.status
                self.results[step.name] = result
                if not self.live:
                    self.console.print(f"{result.status:<9} {step.name} ({result.duration:.1f}s)")
            if self.live:
                self.live.update(self.table())

    def table(self) -> Table:
        t = Table(title=f"armgen deploy --env {self.plan.env.name}", expand=False)
        for col in ("unit", "state", "elapsed"):
            t.add_column(col)
        now = time.monotonic()
        for s in self.plan.steps:
            st = self.state[s.name]
            if s.name in self.results:
                elapsed = f"{self.results[s.name].duration:.1f}s"
            elif s.name in self.started:
                elapsed = f"{now - self.started[s.name]:.1f}s"
            else:
                elapsed = ""
            t.add_row(s.name, f"[{STYLE.get(st, 'white')}]{st}[/]", elapsed)
        return t


def summary_table(results: list[UnitResult], env: str) -> Table:
    t = Table(title=f"deploy {env}")
    for col in ("unit", "result", "duration", "changed resources"):
        t.add_column(col)
    for r in results:
        t.add_row(r.name, f"[{STYLE.get(r.status, 'white')}]{r.status}[/]", f"{r.duration:.1f}s",
                  str(r.changed) if r.status == "deployed" else "")
    return t


def table_text(table: Table) -> str:
    """``table`` as plain text (no colours), for a report file."""
    import io

    buffer = io.StringIO()
    Console(file=buffer, width=160, color_system=None, force_terminal=False).print(table)
    return buffer.getvalue()
