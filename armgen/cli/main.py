"""The ``armgen`` command group; subcommands are imported only when they run."""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from armgen import __version__
from armgen.cli.options import SuggestingGroup, examples
from armgen.errors import debug_enabled

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
    "drift": "armgen.cli.drift_cmd:drift",
    "roles": "armgen.cli.roles_cmd:roles",
    "pipeline": "armgen.cli.pipeline_cmd:pipeline",
}
# command name -> the first paragraph of its docstring, so that 'armgen --help' lists the commands without
# importing them (tests/unit/test_cli_imports.py checks that they match; a command missing here is imported)
SUMMARIES: dict[str, str] = {
    "init": "Write a sample mlenv.yaml and datastore_config.json into DIRECTORY (default: here).",
    "render": "Render ARM templates and per-environment parameter files from the spec.",
    "validate": "Check ARM templates offline: structure, parameters, expressions, resources, names, limits, "
                "security.",
    "expand": 'Print TEMPLATE fully evaluated offline as JSON: {"resources": [...], "outputs": {...}}.',
    "emulator": "Run the local ARM emulator (HTTPS on 127.0.0.1, spoken to by the real Azure SDK).",
    "plan": "Print the deployment units of an environment, layer by layer.",
    "what-if": "Show what deploying an environment would create, modify or delete.",
    "deploy": "Deploy an environment: shared infrastructure first, then every workspace in parallel.",
    "destroy": "Delete everything armgen manages in an environment (groups the spec no longer names too).",
    "verify": "Check a deployed environment: resources, key properties, links, datastores, role assignments.",
    "roles": "The platform's custom role (model developer).",
    "pipeline": "Write the staged release pipeline generated from the spec.",
    "drift": "Compare a deployed environment with the rendered templates (nothing is changed).",
}


class LazyGroup(SuggestingGroup):
    """A group whose subcommands live in their own modules, imported on use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    @staticmethod
    def _available(name: str) -> bool:
        module = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(module) is not None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Every failure is one ``Error: ...`` line and an exit code; tracebacks only with ARMGEN_DEBUG=1."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        debug = debug_enabled()
        try:
            rv = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as e:
            where = f" (see '{e.ctx.command_path} --help')" if e.ctx else ""
            click.echo(f"Error: {e.format_message()}{where}", err=True)
            sys.exit(e.exit_code)
        except click.ClickException as e:
            e.show()
            sys.exit(e.exit_code)
        except click.Abort:
            click.echo("Error: interrupted; re-run the command to finish", err=True)
            sys.exit(130)
        except Exception as e:  # the last line of defence against a traceback
            if debug:
                raise
            name = type(e).__name__
            if name == "ClientAuthenticationError":
                from armgen.deploy.signin import sign_in_error

                click.echo(f"Error: {sign_in_error(e)}", err=True)
                sys.exit(1)
            if "azure.core" in sys.modules:  # Azure's own answer (a persistent 5xx...): its code, not a bug
                from armgen.deploy.failures import failure_from, is_azure_error

                if is_azure_error(e):
                    failure = failure_from(e)
                    click.echo(f"Error: Azure refused the request: {failure.lines()[0]}", err=True)
                    sys.exit(1)
            first = str(e).splitlines()[0] if str(e) else ""
            click.echo(f"Error: internal error ({name}: {first}); re-run with ARMGEN_DEBUG=1 and report it",
                       err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context):  # click's signature
        """Ctrl-C anywhere is exit 130 with one line, not click's "Aborted!" with exit 1."""
        if not debug_enabled():  # azure-identity logs every credential it tries as a warning
            import logging  # here, not at the top: 'armgen --help' never needs it

            logging.getLogger("azure").setLevel(logging.ERROR)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            from armgen.errors import ArmgenError

            raise ArmgenError("interrupted; re-run the command to finish", exit_code=130) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Click's command list, from ``SUMMARIES`` instead of importing every command module."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = []
        for name in names:
            summary = SUMMARIES.get(name)
            if summary is None:
                command = self.get_command(ctx, name)
                rows.append((name, command.get_short_help_str(limit) if command else ""))
            else:
                rows.append((name, click.Command(name, help=summary).get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None or not self._available(name):
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=examples("armgen init && armgen render && armgen validate",
                             "armgen plan --env int", "armgen deploy --env int", "armgen deploy --help"))
@click.version_option(__version__, prog_name="armgen")
def cli() -> None:
    """Azure Machine Learning environments as code.

    \b
    Exit codes: 0 success, 1 a check failed or a command refused (findings,
    failed deploy), 2 unusable input (bad spec, bad flags, missing files),
    3 changes found (what-if --fail-on-change, render/pipeline --check, drift),
    130 interrupted.
    ARMGEN_DEBUG=1 shows tracebacks and the Azure SDK's log warnings (0, false,
    no, off or empty: off).
    """


if __name__ == "__main__":  # python -m armgen.cli.main
    cli()
