"""One exit-code table: README, the group's --help and every command's --help say the same."""

import re
from pathlib import Path

import click
from click.testing import CliRunner

from armgen import exitcodes
from armgen.cli.main import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]
MEANING = {0: "success", 1: "check failed", 2: "unusable input", 3: "changes found", 130: "interrupted"}
# commands that report "changes found" and must say so in their --help
CHANGE_REPORTERS = {("what-if",), ("render",), ("pipeline",), ("drift",)}


def _helps() -> dict[tuple[str, ...], str]:
    """--help of every command and subcommand."""
    out: dict[tuple[str, ...], str] = {}
    runner = CliRunner()

    def walk(path: tuple[str, ...], command: click.Command) -> None:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, result.output
        out[path] = " ".join(result.output.split())
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                walk((*path, name), command.get_command(ctx, name))

    ctx = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        if command is not None:
            walk((name,), command)
    return out


def test_the_constants_are_distinct():
    codes = [exitcodes.OK, exitcodes.FAILED, exitcodes.INPUT, exitcodes.CHANGES, exitcodes.INTERRUPTED]
    assert codes == [0, 1, 2, 3, 130]


def test_readme_table_lists_every_code_with_its_meaning():
    text = (ROOT / "README.md").read_text()
    rows = dict(re.findall(r"^\| `(\d+)` \| ([^|]+) \|$", text, re.M))
    assert sorted(int(c) for c in rows) == sorted(MEANING)
    assert rows["3"].startswith("changes found")
    assert "unusable input" in rows["2"] and rows["0"].strip() == "success"
    for flag in ("what-if --fail-on-change", "render --check", "pipeline --check", "drift"):
        assert flag in rows["3"]


def test_every_help_agrees_with_the_table():
    helps = _helps()
    group = " ".join(CliRunner().invoke(cli, ["--help"]).output.split())
    assert "3 changes found" in group and "2 unusable input" in group and "130 interrupted" in group
    stated = 0
    for path, text in helps.items():
        for code, meaning in re.findall(r"\b(0|1|2|3|130) ([a-z][a-z -]+)", text.split("Exit codes:", 1)[-1]
                                        if "Exit codes:" in text else ""):
            stated += 1
            if code == "3":
                assert meaning.startswith("changes found"), (path, meaning)
            if code == "2":
                assert not meaning.startswith("changes"), (path, meaning)
        if path in CHANGE_REPORTERS and path in helps:
            assert "3 changes found" in text, path
    assert stated > 10
    assert ("what-if",) in helps and ("render",) in helps and ("pipeline",) in helps
