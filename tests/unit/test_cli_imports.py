"""``armgen --help`` and every ``armgen <command> --help`` import only what a help text needs.

The rule (how to write a command module so this test passes):

* At the top of ``armgen/cli/<command>_cmd.py`` import only the standard library, ``click``,
  ``armgen.errors``, ``armgen.defaults`` (default file names, targets), ``armgen.cli.options`` and
  ``armgen.cli.deploy_common`` (shared options; their heavy work imports lazily).
* Everything else -- the spec loader (jsonschema, yaml), the renderer (jinja2), the ARM engine,
  rules, deploy, the Azure SDK, rich, the emulator's server -- is imported *inside* the command
  function (or the helper that needs it), under the docstring::

      def drift(spec_path: Path, env: str) -> None:
          \"\"\"...\"\"\"
          from armgen.deploy.target import connect   # heavy: only when the command runs

* Type hints of heavy classes go under ``if TYPE_CHECKING:`` (modules use
  ``from __future__ import annotations``). A constant needed by an option (``click.Choice``) comes
  from ``armgen.defaults`` or another stdlib-only module listed in ``LIGHT_ARMGEN`` below.
* Register the command in ``COMMANDS`` of ``armgen/cli/main.py`` (``"name": "module:attribute"``) and
  the first paragraph of its docstring in ``SUMMARIES`` there: ``armgen --help`` lists commands from it
  without importing any command module.

The test runs each ``--help`` in a fresh interpreter, records which module imported which, and on
failure prints the chain from the command module to the heavy import. It asserts the import graph,
never a time (``python -X importtime -m armgen.cli.main deploy --help`` shows the cost).
"""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest

from armgen.cli.main import COMMANDS, SUMMARIES, cli

# armgen modules that import nothing but the standard library and click
LIGHT_ARMGEN = {"armgen", "armgen.errors", "armgen.defaults", "armgen.exitcodes", "armgen.emulator",
                "armgen.emulator.endpoint", "armgen.deploy", "armgen.deploy.whatif_format"}
# standard-library packages too heavy for a help text (TLS, databases, event loops, HTTP, threads pools)
HEAVY_STDLIB = {"ssl", "sqlite3", "asyncio", "concurrent", "http", "email", "xml", "multiprocessing", "ctypes"}
THIRD_PARTY_ALLOWED = {"click", "colorama"}  # colorama: click's dependency on Windows

PROBE = r"""
import builtins, importlib, json, sys
before = set(sys.modules)
importer = {}
real_import, real_import_module = builtins.__import__, importlib.import_module

def traced(name, globals=None, locals=None, fromlist=(), level=0):
    who = (globals or {}).get("__name__", "?")
    seen = set(sys.modules)
    try:
        return real_import(name, globals, locals, fromlist, level)
    finally:
        for m in set(sys.modules) - seen:
            importer.setdefault(m, who)

def traced_module(name, package=None):
    seen = set(sys.modules)
    try:
        return real_import_module(name, package)
    finally:
        for m in set(sys.modules) - seen:
            importer.setdefault(m, "armgen.cli.main (lazy command)")

builtins.__import__, importlib.import_module = traced, traced_module
from armgen.cli.main import cli
try:
    cli.main(sys.argv[1:], prog_name="armgen", standalone_mode=False)
except SystemExit:
    pass
print(json.dumps({"modules": sorted(set(sys.modules) - before), "importer": importer}), file=sys.stderr)
"""


def help_invocations() -> list[tuple[str, ...]]:
    """``()`` and every command and subcommand path, e.g. ``("emulator", "start")``."""
    paths: list[tuple[str, ...]] = [()]
    ctx = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        paths.append((name,))
        if isinstance(command, click.Group):
            paths.extend((name, sub) for sub in command.list_commands(ctx))
    return paths


def heavy(module: str) -> bool:
    top = module.split(".")[0]
    if top == "armgen":
        return not (module in LIGHT_ARMGEN or module == "armgen.cli" or module.startswith("armgen.cli."))
    if top in sys.stdlib_module_names or top.startswith("_") or top == "encodings":
        return top in HEAVY_STDLIB
    return top not in THIRD_PARTY_ALLOWED


def chain(module: str, importer: dict[str, str]) -> str:
    steps = [module]
    while steps[-1] in importer and len(steps) < 30 and importer[steps[-1]] not in steps:
        steps.append(importer[steps[-1]])
    return " <- ".join(steps)


def run_help(path: tuple[str, ...]) -> dict:
    """The modules ``armgen <path> --help`` imports, and which module imported each."""
    done = subprocess.run([sys.executable, "-c", PROBE, *path, "--help"], capture_output=True, text=True,
                          timeout=120)
    assert "Usage:" in done.stdout, done.stderr
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("path", help_invocations(), ids=lambda p: " ".join(p) or "armgen")
def test_help_imports_no_heavy_module(path: tuple[str, ...]) -> None:
    graph = run_help(path)
    offenders = [m for m in graph["modules"] if heavy(m)]
    # report only the first heavy module of each chain (its own imports follow from it)
    roots = [m for m in offenders if graph["importer"].get(m) not in offenders]
    command = " ".join(("armgen", *path, "--help"))
    assert not roots, (f"'{command}' imports heavy modules; move these imports inside the command function "
                       "(see the docstring of tests/unit/test_cli_imports.py):\n  "
                       + "\n  ".join(chain(m, graph["importer"]) for m in roots))


def test_the_rule_catches_a_heavy_import() -> None:
    """The classification itself: what a help text may and may not pull in."""
    assert heavy("jsonschema") and heavy("rich.console") and heavy("azure.core") and heavy("yaml")
    assert heavy("armgen.spec.loader") and heavy("armgen.arm.template") and heavy("ssl")
    assert not heavy("click.core") and not heavy("armgen.cli.deploy_cmd") and not heavy("json")


def test_top_level_help_imports_no_command_module() -> None:
    shared = {"armgen.cli.main", "armgen.cli.options"}  # the group and the shared options (its epilog's examples)
    imported = [m for m in run_help(())["modules"] if m.startswith("armgen.cli.") and m not in shared]
    assert imported == [], f"'armgen --help' imported {imported}: add the command to SUMMARIES in armgen/cli/main.py"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_summaries_match_the_commands_docstrings(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    expected = command.get_short_help_str(1000)
    assert name in SUMMARIES, f"add {name!r}: {expected!r} to SUMMARIES in armgen/cli/main.py"
    assert click.Command(name, help=SUMMARIES[name]).get_short_help_str(1000) == expected, (
        f"SUMMARIES[{name!r}] in armgen/cli/main.py differs from the command's docstring: {expected!r}")
