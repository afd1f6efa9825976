"""Knobs: config parsing and deterministic fault injection."""

from __future__ import annotations

import pytest

from armgen.emulator.config import EmulatorConfig, load_config, save_config
from armgen.emulator.faults import FaultInjector


def _fires(seed: int, n: int = 40) -> list[bool]:
    config = EmulatorConfig.from_dict({"seed": seed, "faults": [{"kind": "error", "probability": 0.5}]})
    injector = FaultInjector(config)
    return [injector.http_fault("GET", "/subscriptions/s/resourcegroups/g") is not None for _ in range(n)]


def test_same_seed_same_faults_other_seed_other_faults() -> None:
    assert _fires(7) == _fires(7)
    assert _fires(7) != _fires(8)
    assert 5 < sum(_fires(7)) < 35


def test_times_and_matching() -> None:
    config = EmulatorConfig.from_dict({"faults": [
        {"kind": "throttle", "method": "PUT", "path_contains": "/resourceGroups/rg-a", "times": 2},
        {"kind": "provision", "resource_type": "Microsoft.KeyVault/vaults", "name": "kv1"}]})
    inj = FaultInjector(config)
    assert inj.http_fault("GET", "/subscriptions/s/resourcegroups/rg-a") is None
    assert inj.http_fault("PUT", "/subscriptions/s/resourcegroups/rg-b") is None
    fired = [inj.http_fault("PUT", "/subscriptions/s/resourcegroups/RG-A") for _ in range(3)]
    assert [f is not None for f in fired] == [True, True, False]
    assert inj.provision_fault("microsoft.keyvault/vaults", "KV1") is not None
    assert inj.provision_fault("Microsoft.KeyVault/vaults", "kv2") is None


def test_latency_by_type_with_wildcard() -> None:
    config = EmulatorConfig(latency_seconds={"*": 0.5, "Microsoft.Storage/storageAccounts": 2})
    assert config.latency_for("microsoft.storage/storageaccounts") == 2
    assert config.latency_for("Microsoft.KeyVault/vaults") == 0.5


@pytest.mark.parametrize("bad", [{"no_such_knob": 1}, {"faults": [{"kind": "explode"}]},
                                 {"faults": [{"kind": "drop", "when": "always"}]}])
def test_unknown_keys_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        EmulatorConfig.from_dict(bad)


def test_config_file_round_trip(tmp_path) -> None:
    config = EmulatorConfig.from_dict({"seed": 3, "principal_delay_seconds": 30,
                                       "faults": [{"kind": "drop", "times": 1}]})
    save_config(tmp_path, config)
    loaded = load_config(tmp_path)
    assert loaded.to_dict() == config.to_dict()
    assert load_config(tmp_path / "missing").seed == 0
