"""Render's data safety: nothing deleted that armgen did not write, nothing half-written, no temp files left."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from armgen.render import commit as commit_module
from armgen.render.manifest import MANIFEST, digest
from benchmarks.render_scale import datastore_text, spec_text
from tests.unit.spec.project import SAMPLE_SPEC, edited, render, tree, write_project

CHANGED = edited(SAMPLE_SPEC, (("      maxNodes: 4\n", "      maxNodes: 5\n"),))
ROOT = Path(__file__).resolve().parents[3]


def _rendered(folder: Path) -> Path:
    spec = write_project(folder)
    result = render(spec)
    assert result.exit_code == 0, result.output
    return spec


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if p.name.endswith((".tmp", ".bak")))


def _add_manifest_entry(folder: Path, rel: str, sha: str) -> None:
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["files"][rel] = sha
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")


# --- manifest entries outside the output folder --------------------------------------------------


@pytest.mark.parametrize("entry", ["../victim.txt", "ABSOLUTE", "parameters/../../victim.txt", "./../victim.txt"])
def test_a_manifest_entry_outside_the_folder_is_refused_and_deletes_nothing(tmp_path: Path, entry: str) -> None:
    out = tmp_path / "repo"
    spec = _rendered(out)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    rel = str(victim) if entry == "ABSOLUTE" else entry
    _add_manifest_entry(out, rel, digest(victim.read_bytes()))
    before = tree(out)
    for args in ((), ("--check",)):
        result = render(spec, *args)
        assert result.exit_code == 2, result.output
        assert victim.read_text() == "precious\n"
        assert tree(out) == before
        line = next(i for i, text in enumerate((out / MANIFEST).read_text().splitlines(), 1) if rel in text)
        assert result.stderr.startswith(f"Error: {out / MANIFEST}:{line}:")
        assert "remove the entry" in result.stderr and result.stderr.count("\n") == 1


def test_a_manifest_entry_through_a_symbolic_link_is_never_followed(tmp_path: Path) -> None:
    out = tmp_path / "repo"
    spec = _rendered(out)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "victim.json"
    victim.write_text("{}\n")
    (out / "linked").symlink_to(elsewhere)
    _add_manifest_entry(out, "linked/victim.json", digest(victim.read_bytes()))
    result = render(spec)
    assert result.exit_code == 2
    assert "passes through the symbolic link linked" in result.stderr
    assert victim.read_text() == "{}\n"


def test_a_symbolic_link_at_an_output_path_is_replaced_not_written_through(tmp_path: Path) -> None:
    out = tmp_path / "repo"
    spec = _rendered(out)
    victim = tmp_path / "victim.json"
    victim.write_text("keep\n")
    target = out / "templates" / "keyvault.json"
    target.unlink()
    target.symlink_to(victim)  # at a path armgen wrote before (it is in the manifest)
    result = render(spec)
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "keep\n"
    assert not target.is_symlink() and json.loads(target.read_text())["resources"]


# --- foreign files at new paths ------------------------------------------------------------------


def test_a_foreign_file_at_a_new_path_is_refused_unless_forced(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    write_project(tmp_path, edited(SAMPLE_SPEC, (("  - name: nlp\n", "  - name: audio\n    compute: {maxNodes: 1}\n"
                                                                      "  - name: nlp\n"),)), None)
    mine = tmp_path / "parameters" / "mlworkspace-audio.parameters.dev.json"
    mine.write_text('{"hand": "written"}\n')
    before = tree(tmp_path)
    refused = render(spec)
    assert refused.exit_code == 1
    assert refused.stderr == (f"Error: {mine} exists and armgen did not write it (not in {MANIFEST}); move it away, "
                              "or re-run with --force to overwrite it\n")
    assert tree(tmp_path) == before
    forced = render(spec, "--force")
    assert forced.exit_code == 0, forced.output
    assert json.loads(mine.read_text())["parameters"]["workspaceName"]["value"] == "mlw-mlp-audio-dev"
    assert "parameters/mlworkspace-audio.parameters.dev.json" in json.loads((tmp_path / MANIFEST).read_text())["files"]


def test_a_foreign_file_with_the_rendered_content_is_adopted(tmp_path: Path) -> None:
    first = tmp_path / "first"
    _rendered(first)
    second = write_project(tmp_path / "second")
    (tmp_path / "second" / "templates").mkdir()
    (tmp_path / "second" / "templates" / "keyvault.json").write_bytes((first / "templates" / "keyvault.json")
                                                                      .read_bytes())
    assert render(second).exit_code == 0


# --- failures in the middle of the swap ----------------------------------------------------------


def _failing_replace(monkeypatch: pytest.MonkeyPatch, fail: callable) -> list[str]:  # type: ignore[valid-type]
    real = os.replace
    calls: list[str] = []

    def replace(src, dst):
        calls.append(str(dst))
        if fail(len(calls), str(src), str(dst)):
            raise OSError(30, "Read-only file system", str(dst))
        return real(src, dst)

    monkeypatch.setattr(commit_module.os, "replace", replace)
    return calls


@pytest.mark.parametrize("nth", [1, 7, 40])
def test_a_failing_rename_restores_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nth: int) -> None:
    spec = _rendered(tmp_path)
    (tmp_path / "parameters" / "computecluster-nlp.parameters.dev.json").unlink()  # one file is new again
    write_project(tmp_path, edited(CHANGED, (("pattern: \"{kind}-{project}-{workload}-{env}\"",
                                              "pattern: \"{kind}-{project}-{workload}-{env}-x\""),)), None)
    before = tree(tmp_path)
    calls = _failing_replace(monkeypatch, lambda n, src, dst: n == nth)
    result = render(spec)
    assert len(calls) >= nth
    assert result.exit_code == 1
    assert "nothing was changed (the previous files were restored)" in result.stderr
    assert result.stderr.count("\n") == 1
    assert tree(tmp_path) == before
    assert _temp_files(tmp_path) == []


def test_a_failing_manifest_rename_restores_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _rendered(tmp_path)
    write_project(tmp_path, CHANGED, None)
    before = tree(tmp_path)
    _failing_replace(monkeypatch, lambda n, src, dst: dst.endswith(MANIFEST))
    result = render(spec)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot replace {tmp_path / MANIFEST}: Read-only file system; ")
    assert tree(tmp_path) == before and _temp_files(tmp_path) == []


def test_a_folder_at_the_manifest_path_changes_nothing(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    write_project(tmp_path, CHANGED, None)
    (tmp_path / MANIFEST).unlink()
    (tmp_path / MANIFEST).mkdir()
    before = tree(tmp_path)
    result = render(spec, "--force")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {tmp_path / MANIFEST}:1:1: the manifest is not a regular file; remove it and "
                             "render again\n")
    assert tree(tmp_path) == before and _temp_files(tmp_path) == []


def test_a_manifest_write_that_fails_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _rendered(tmp_path)
    write_project(tmp_path, CHANGED, None)
    before = tree(tmp_path)
    real = commit_module.Commit.stage

    def stage(self, target: Path, data: bytes) -> None:
        real(self, target, data[: len(data) // 2] if target.name == MANIFEST else data)
        if target.name == MANIFEST:
            raise OSError(28, "No space left on device", str(target))

    monkeypatch.setattr(commit_module.Commit, "stage", stage)
    result = render(spec)
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {tmp_path / MANIFEST}: No space left on device; nothing was changed\n"
    assert tree(tmp_path) == before and _temp_files(tmp_path) == []


def test_a_file_size_limit_mid_write_changes_nothing(tmp_path: Path) -> None:
    """A real failure of the OS: RLIMIT_FSIZE makes writing a large file fail with EFBIG."""
    spec = _rendered(tmp_path)
    write_project(tmp_path, CHANGED.replace("  - name: nlp\n", "  - name: nlp2\n    compute: {maxNodes: 1}\n"
                                                               "  - name: nlp\n"), None)
    before = tree(tmp_path)
    code = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            "resource.setrlimit(resource.RLIMIT_FSIZE, (4000, 4000)); from armgen.cli.main import cli; "
            f"sys.argv = ['armgen', 'render', '--spec', {str(spec)!r}]; cli()")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "File too large; nothing was changed" in proc.stderr and proc.stderr.count("\n") == 1
    assert tree(tmp_path) == before and _temp_files(tmp_path) == []


def test_a_concurrent_render_of_the_same_folder_is_refused(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = render(spec)
    finally:
        os.close(fd)
    assert result.exit_code == 1
    assert result.stderr == f"Error: another armgen render is writing to {tmp_path}; wait for it to finish\n"


# --- kill -9 -------------------------------------------------------------------------------------


def test_kill_9_mid_render_then_a_clean_render_leaves_no_temp_files(tmp_path: Path) -> None:
    """A render killed while its temp files exist; the next render removes them and writes the full set."""
    big = tmp_path / "big"
    spec = write_project(big, spec_text(60), datastore_text(60))
    hits = 0
    for _ in range(6):
        (big / "mlenv.yaml").write_text(spec_text(60).replace("maxNodes: {default: 2", f"maxNodes: {{default: {3 + hits}"))
        proc = subprocess.Popen([sys.executable, "-m", "armgen.cli.main", "render", "--spec", str(spec)], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline:
            if any(".armgen-" in name for d in (big, big / "parameters", big / "templates") if d.is_dir()
                   for name in os.listdir(d)):
                proc.send_signal(signal.SIGKILL)
                hits += 1
                break
        proc.wait()
        if hits >= 2:
            break
    assert hits >= 1, "no render was caught with temp files on disk"
    assert _temp_files(big) != []  # what kill -9 leaves behind
    result = render(spec)
    assert result.exit_code == 0, result.output
    assert "temporary file(s) left by an interrupted render" in result.stderr
    assert _temp_files(big) == []
    fresh = tmp_path / "fresh"
    write_project(fresh, (big / "mlenv.yaml").read_text(), datastore_text(60))
    assert render(fresh / "mlenv.yaml").exit_code == 0
    assert tree(big) == tree(fresh)
    assert render(spec, "--check").exit_code == 0


def test_leftovers_of_older_versions_are_recognised(tmp_path: Path) -> None:
    spec = _rendered(tmp_path)
    old = [tmp_path / "..armgen-manifest.json.k2j4_x9q.tmp", tmp_path / "templates" / ".keyvault.json.ab12cd34.tmp"]
    for path in old:
        path.write_text("{trunc")
    unrelated = tmp_path / "templates" / ".notes.ab12cd34.tmp"
    unrelated.write_text("mine")
    result = render(spec)
    assert result.exit_code == 0
    assert not any(p.exists() for p in old)
    assert unrelated.read_text() == "mine"
