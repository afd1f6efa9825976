"""Every command's and group's --help: examples that parse, and a description for every option."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from armgen.cli.main import cli


def walk(command: click.Command, path: tuple[str, ...] = ("armgen",)) -> Iterator[tuple[str, click.Command]]:
    """(command path, command) for the group and everything under it."""
    yield " ".join(path), command
    if isinstance(command, click.Group):
        ctx = click.Context(command, info_name=path[-1])
        for name in command.list_commands(ctx):
            yield from walk(command.get_command(ctx, name), (*path, name))


COMMANDS = dict(walk(cli))


def examples(command: click.Command) -> list[str]:
    """The command lines of a command's epilog, one per example (``a && b`` gives two)."""
    out = []
    for line in (command.epilog or "").split("Examples:", 1)[-1].splitlines():
        part: list[str] = []
        for word in [*shlex.split(line, comments=True), "&&"]:
            if word == "&&":
                out += [shlex.join(part)] if part else []
                part = []
            else:
                part.append(word)
    return out


def parse(line: str) -> click.Context:
    """Parse an example command line as armgen would (options, choices, required ones), running nothing."""
    words = shlex.split(line)
    assert words[0] == "armgen", line
    command: click.Command = cli
    parent = click.Context(cli, info_name="armgen")
    rest = words[1:]
    while isinstance(command, click.Group) and rest and rest[0] in command.list_commands(parent):
        command = command.get_command(parent, rest[0])
        parent = click.Context(command, info_name=rest[0], parent=parent)
        rest = rest[1:]
    return command.make_context(parent.info_name, rest, parent=parent.parent)


def test_the_tree_is_complete() -> None:
    assert {"armgen", "armgen plan", "armgen what-if", "armgen emulator status", "armgen roles test"} <= set(COMMANDS)


@pytest.mark.parametrize("path", list(COMMANDS))
def test_every_command_has_examples_that_parse(path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command = COMMANDS[path]
    found = examples(command)
    assert found, f"'{path} --help' has no example: add epilog=examples(...) to it"
    assert any(line.startswith(path) for line in found), f"'{path} --help': no example runs {path}"
    monkeypatch.chdir(tmp_path)  # in a project: the spec an example names exists (a missing --spec is refused)
    for line in found:
        words = shlex.split(line)
        for spec in (words[i + 1] for i, word in enumerate(words[:-1]) if word == "--spec"):
            (tmp_path / spec).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / spec).touch()
        try:
            parse(line)
        except click.exceptions.Exit:  # --help
            pass
        except click.UsageError as exc:
            pytest.fail(f"'{path} --help' example '{line}' does not parse: {exc.format_message()}")


@pytest.mark.parametrize("path", list(COMMANDS))
def test_every_option_has_a_description(path: str) -> None:
    missing = [p.opts[0] for p in COMMANDS[path].params if isinstance(p, click.Option) and not p.hidden
               and not (p.help or "").strip()]
    assert missing == [], f"'{path} --help': options without a description: {missing}"


@pytest.mark.parametrize("path", [p for p in COMMANDS if p != "armgen"])
def test_help_shows_the_examples(path: str) -> None:
    result = CliRunner().invoke(cli, [*path.split()[1:], "--help"])
    assert result.exit_code == 0
    assert "Examples:\n" in result.output and f"    {path}" in result.output


def test_plan_help_does_not_send_the_reader_to_plan() -> None:
    text = CliRunner().invoke(cli, ["plan", "--help"]).output
    assert "see 'armgen plan'" not in text and "'armgen plan" not in text.split("Examples:")[0]


@pytest.mark.parametrize("path", ["armgen plan", "armgen what-if", "armgen deploy", "armgen validate",
                                  "armgen verify", "armgen drift", "armgen roles test"])
def test_reports_take_the_same_output_option(path: str) -> None:
    option = next(p for p in COMMANDS[path].params if p.name == "output")
    reference = next(p for p in COMMANDS["armgen validate"].params if p.name == "output")
    assert sorted(option.opts) == ["--output", "-o"] and option.help == reference.help


@pytest.mark.parametrize("path", ["armgen plan", "armgen what-if", "armgen deploy", "armgen validate",
                                  "armgen verify", "armgen drift", "armgen destroy", "armgen render",
                                  "armgen pipeline"])
def test_commands_that_read_rendered_files_take_spec_and_out(path: str) -> None:
    names = {p.name for p in COMMANDS[path].params}
    assert {"spec_path", "out_dir"} <= names
