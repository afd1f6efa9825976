"""``armgen emulator start|stop|status|reset``: the local ARM-compatible endpoint."""

from __future__ import annotations

import json

import click

from armgen.cli.options import examples, format_option
from armgen.emulator.endpoint import resolve_state_dir
from armgen.errors import ArmgenError

state_option = click.option("--state", "state_dir", type=click.Path(file_okay=False), default=None,
                            help="State directory (default $ARMGEN_EMULATOR_STATE or ~/.armgen/emulator).")


@click.group(epilog=examples("armgen emulator start", "armgen emulator status",
                             "armgen emulator reset", "armgen emulator stop"))
def emulator() -> None:
    """Run the local ARM emulator (HTTPS on 127.0.0.1, spoken to by the real Azure SDK)."""


@emulator.command(epilog=examples("armgen emulator start", "armgen emulator start --port 8443 --state /tmp/emu"))
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port to listen on (default: the last one used, else any free port).")
@state_option
def start(port: int | None, state_dir: str | None) -> None:
    """Start the emulator in the background (no-op when it is already running)."""
    from armgen.emulator import process

    info = process.start(state_dir, port)
    click.echo(f"emulator running at {info.url} (state {info.state_dir})")


@emulator.command(epilog=examples("armgen emulator stop"))
@state_option
def stop(state_dir: str | None) -> None:
    """Stop the background emulator."""
    from armgen.emulator import process

    stopped = process.stop(state_dir)
    click.echo("emulator stopped" if stopped else "emulator was not running")


@emulator.command(epilog=examples("armgen emulator status", "armgen emulator status --format json"))
@format_option("text", "json", help="Output format: text (one key and value a line) or json (an object).")
@state_option
def status(fmt: str, state_dir: str | None) -> None:
    """Show the endpoint: url, ca_file, token, subscription_id, state_dir (exit 1 when not running)."""
    from armgen.emulator import process

    info = process.info(resolve_state_dir(state_dir))
    if info is None:
        raise ArmgenError(f"the emulator is not running (state {resolve_state_dir(state_dir)}); "
                          "start it with: armgen emulator start")
    if fmt == "json":
        click.echo(json.dumps(info.as_dict(), indent=2))
        return
    for key, value in info.as_dict().items():
        click.echo(f"{key:<16} {value}")


@emulator.command(epilog=examples("armgen emulator reset"))
@state_option
def reset(state_dir: str | None) -> None:
    """Delete every resource group, deployment and resource (token and certificates are kept)."""
    from armgen.emulator import process

    live = process.reset(state_dir)
    click.echo("emulator state reset" + ("" if live else " (it was not running)"))
