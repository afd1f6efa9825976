"""A custom role name is unique per tenant: two environments must not share one (pitfall 16)."""

from pathlib import Path

from click.testing import CliRunner

from armgen.cli.main import cli

ROOT = Path(__file__).resolve().parents[3]


def test_a_role_name_without_env_is_refused(tmp_path: Path) -> None:
    text = (ROOT / "mlenv.yaml").read_text().replace(
        "    modelDeveloper:\n", "    modelDeveloper:\n      roleName: ML model developer\n", 1)
    (tmp_path / "mlenv.yaml").write_text(text)
    (tmp_path / "datastore_config.json").write_text((ROOT / "datastore_config.json").read_text())
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "roleName: ML model developer" in t)
    result = CliRunner().invoke(cli, ["render", "--spec", str(tmp_path / "mlenv.yaml")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"Error: mlenv.yaml:{line}:17: shared.roles.modelDeveloper.roleName: custom role name 'ML model developer' "
        "(environments int, pro) is also the role name of environment dev; role names are unique per tenant: "
        "put {env} in roleName")
