"""The {unique} naming token: a deterministic suffix for globally unique names."""

from pathlib import Path

from armgen.arm.hashing import unique_string
from armgen.spec import load_spec

ROOT = Path(__file__).resolve().parents[3]


def _spec_with_unique(tmp_path: Path):
    text = (ROOT / "mlenv.yaml").read_text().replace(
        'compact: "{kind}{project}{workload}{env}"', 'compact: "{kind}{project}{workload}{unique}"')
    (tmp_path / "mlenv.yaml").write_text(text)
    (tmp_path / "datastore_config.json").write_text((ROOT / "datastore_config.json").read_text())
    return load_spec(tmp_path / "mlenv.yaml")


def test_unique_is_uniquestring_of_subscription_project_and_env(tmp_path: Path) -> None:
    spec = _spec_with_unique(tmp_path)
    dev, int_ = spec.env("dev"), spec.env("int")
    assert dev.subscription_id == int_.subscription_id
    expected = unique_string(dev.subscription_id, "mlp", "dev")[:6]
    assert dev.shared.storage["data"].name == f"stmlpdata{expected}"
    assert int_.shared.storage["data"].name != dev.shared.storage["data"].name  # one name per environment
    assert _spec_with_unique(tmp_path).env("dev").shared.storage["data"].name == dev.shared.storage["data"].name
