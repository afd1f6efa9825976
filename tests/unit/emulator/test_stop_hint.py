"""Every "stop it with" hint names the state folder when it is not the default one."""

from __future__ import annotations

from pathlib import Path

import pytest

from armgen.emulator.endpoint import EndpointInfo
from armgen.emulator.process import Running, stop_hint


def _running(state_dir: Path, started: bool) -> Running:
    return Running(EndpointInfo("https://127.0.0.1:1", "ca.pem", "t", "sub", str(state_dir)), started)


@pytest.mark.parametrize("started", [True, False])
def test_a_non_default_state_folder_is_in_the_stop_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        started: bool) -> None:
    monkeypatch.setenv("ARMGEN_EMULATOR_STATE", str(tmp_path / "default"))
    other = (tmp_path / "other").resolve()
    assert stop_hint(other) == f"armgen emulator stop --state {other}"
    assert f"stop it with 'armgen emulator stop --state {other}'" in _running(other, started).notice()


def test_the_default_state_folder_needs_no_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMGEN_EMULATOR_STATE", str(tmp_path / "default"))
    assert stop_hint(tmp_path / "default") == "armgen emulator stop"
    assert "stop it with 'armgen emulator stop'" in _running((tmp_path / "default").resolve(), True).notice()
