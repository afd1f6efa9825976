"""The committed worked example at the top level is exactly what the spec renders."""

from pathlib import Path

from click.testing import CliRunner

from armgen.cli.init_cmd import sample_text
from armgen.cli.main import cli

ROOT = Path(__file__).resolve().parents[3]


def test_committed_output_matches_render_check() -> None:
    result = CliRunner().invoke(cli, ["render", "--check", "--spec", str(ROOT / "mlenv.yaml")])
    assert result.exit_code == 0, result.output
    assert "files up to date" in result.output


def test_top_level_example_is_the_shipped_sample() -> None:
    for name in ("mlenv.yaml", "datastore_config.json"):
        assert (ROOT / name).read_text("utf-8") == sample_text(name)
