"""The ``armgen`` command group; subcommands are imported only when they run."""

from __future__ import annotations

import importlib
import importlib.util

import click

from armgen import __version__

# command name -> "module:attribute"; keep sorted by the order a user meets them
COMMANDS: dict[str, str] = {
    "init": "armgen.cli.init_cmd:init",
    "render": "armgen.cli.render_cmd:render",
    "validate": "armgen.cli.validate_cmd:validate",
    "expand": "armgen.cli.expand_cmd:expand",
    "emulator": "armgen.cli.emulator_cmd:emulator",
    "plan": "armgen.cli.plan_cmd:plan",
    "what-if": "armgen.cli.whatif_cmd:what_if_cmd",
    "deploy": "armgen.cli.deploy_cmd:deploy",
    "destroy": "armgen.cli.destroy_cmd:destroy",
    "verify": "armgen.cli.verify_cmd:verify",
    "roles": "armgen.cli.roles_cmd:roles",
    "pipeline": "armgen.cli.pipeline_cmd:pipeline",
}


class LazyGroup(click.Group):
    """A group whose subcommands live in their own modules, imported on use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    @staticmethod
    def _available(name: str) -> bool:
        module = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(module) is not None

    def invoke(self, ctx: click.Context):  # noqa: ANN201 - click's signature
        """Ctrl-C anywhere is exit 130 with one line, not click's "Aborted!" with exit 1."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            from armgen.errors import ArmgenError

            raise ArmgenError("interrupted; re-run the command to finish", exit_code=130) from None

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None or not self._available(name):
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="armgen")
def cli() -> None:
    """Azure Machine Learning environments as code.

    \b
    Exit codes: 0 success, 1 a check failed (drift, findings, failed deploy),
    2 unusable input (bad spec, bad flags, missing files).
    """


if __name__ == "__main__":  # python -m armgen.cli.main
    cli()
