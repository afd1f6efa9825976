"""``armgen emulator start|stop|status|reset``: the local ARM-compatible endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import click

from armgen.cli.options import SuggestingGroup, examples, format_option
from armgen.emulator.endpoint import resolve_state_dir
from armgen.errors import ArmgenError

state_option = click.option("--state", "state_dir", type=click.Path(file_okay=False), default=None,
                            help="State directory (default $ARMGEN_EMULATOR_STATE or ~/.armgen/emulator).")


@click.group(cls=SuggestingGroup, epilog=examples("armgen emulator start", "armgen emulator status",
                             "armgen emulator reset", "armgen emulator stop"))
def emulator() -> None:
    """Run the local ARM emulator (HTTPS on 127.0.0.1, spoken to by the real Azure SDK)."""


@emulator.command(epilog=examples("armgen emulator start", "armgen emulator start --port 8443 --state /tmp/emu"))
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port to listen on (default: the last one used, else any free port; 0: any free port). "
                   "A busy port, or an emulator already running on another port, is refused (exit 2).")
@state_option
def start(port: int | None, state_dir: str | None) -> None:
    """Start the emulator in the background (reused when it is already running)."""
    from armgen.emulator import process

    running = process.start(state_dir, port)
    ep = running.endpoint
    if running.started:
        click.echo(f"emulator started at {ep.url} (state {ep.state_dir}); stop it with: {process.stop_hint(ep.state_dir)}")
    else:
        click.echo(f"emulator already running at {ep.url} (state {ep.state_dir}); stop it with: {process.stop_hint(ep.state_dir)}")


@emulator.command(epilog=examples("armgen emulator stop"))
@state_option
def stop(state_dir: str | None) -> None:
    """Stop the background emulator."""
    from armgen.emulator import process

    stopped = process.stop(state_dir)
    click.echo("emulator stopped" if stopped else "emulator was not running")


@emulator.command(epilog=examples("armgen emulator status", "armgen emulator status --format json",
                                  "armgen emulator status --show-token"))
@format_option("text", "json", help="text: one 'key value' line each; json: one object.")
@click.option("--show-token", is_flag=True, help="Also print the bearer token (a secret: kept out of logs by default).")
@state_option
def status(fmt: str, show_token: bool, state_dir: str | None) -> None:
    """Show the endpoint: url, ca_file, token_file, subscription_id, state_dir (exit 1 when not running)."""
    from armgen.emulator import process

    info = process.info(resolve_state_dir(state_dir))
    if info is None:
        raise ArmgenError(f"the emulator is not running (state {resolve_state_dir(state_dir)}); "
                          "start it with: armgen emulator start")
    shown = {k: v for k, v in info.as_dict().items() if k != "token"}
    shown["token_file"] = str(Path(info.state_dir) / "token")
    if show_token:
        shown["token"] = info.token
    if fmt == "json":
        click.echo(json.dumps(shown, indent=2))
        return
    for key, value in shown.items():
        click.echo(f"{key:<16} {value}")


@emulator.command(epilog=examples("armgen emulator reset"))
@state_option
def reset(state_dir: str | None) -> None:
    """Delete every resource group, deployment and resource (token and certificates are kept)."""
    from armgen.emulator import process

    live = process.reset(state_dir)
    click.echo("emulator state reset" + ("" if live else " (it was not running)"))
