"""Environment locations must be Azure regions (typos fail at load time, not in ARM)."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli

ROOT = Path(__file__).resolve().parents[3]


def _spec(tmp_path: Path, old: str, new: str) -> Path:
    text = (ROOT / "mlenv.yaml").read_text()
    assert old in text
    (tmp_path / "mlenv.yaml").write_text(text.replace(old, new, 1))
    (tmp_path / "datastore_config.json").write_text((ROOT / "datastore_config.json").read_text())
    return tmp_path / "mlenv.yaml"


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.mark.parametrize(("location", "hint"), [
    ("westeurop", "did you mean 'westeurope'?"),
    ("mars", "use a region name such as westeurope"),
])
def test_an_unknown_location_is_a_located_error(tmp_path: Path, location: str, hint: str) -> None:
    spec = _spec(tmp_path, "location: westeurope", f"location: {location}")
    result = CliRunner().invoke(cli, ["render", "--spec", str(spec)])
    assert result.exit_code == 2
    line = _line_of(spec, f"location: {location}")
    assert result.stderr.strip() == (
        f"Error: mlenv.yaml:{line}:15: environments.dev.location: '{location}' is not an Azure region ({hint}); "
        "for a region armgen does not know yet, set allowUnknownLocation: true")


def test_allow_unknown_location_accepts_a_new_region(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "location: westeurope", "location: newregion1\n    allowUnknownLocation: true")
    result = CliRunner().invoke(cli, ["render", "--spec", str(spec)])
    assert result.exit_code == 0, result.output
    assert '"newregion1"' in (tmp_path / "parameters" / "keyvault.parameters.dev.json").read_text()
