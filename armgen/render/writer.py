"""Write the rendered output set all at once, remove armgen's own stale files, and detect drift for --check."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from armgen.errors import ArmgenError
from armgen.render.commit import Commit, folder_lock, sweep
from armgen.render.jsonfmt import dumps
from armgen.render.manifest import MANIFEST, digest, outside_reason, read_manifest


def _env_of(path: str) -> str | None:
    parts = Path(path).name.split(".")
    if len(parts) >= 3 and parts[-1] == "bicepparam":  # bicep/<unit>.<env>.bicepparam
        return parts[-2]
    return parts[-2] if len(parts) >= 4 and parts[-3] == "parameters" else None


def _format_of(path: str) -> str:
    """The render format a file belongs to: ``bicep`` under bicep/, else ``arm``."""
    return "bicep" if path.startswith("bicep/") else "arm"


def _in_scope(path: str, envs: list[str] | None, formats: set[str] | None = None) -> bool:
    """Whether a previously written file is this render's to keep or remove: its environment is rendered, and
    so is its format (rendering one format leaves the other's files alone)."""
    env = _env_of(path)
    if formats is not None and _format_of(path) not in formats:
        return False
    return envs is None or env is None or env in envs


def _read(path: Path) -> bytes | None:
    """The bytes of a regular file (never through a symbolic link), None when it is absent or not one."""
    try:
        return path.read_bytes() if path.is_file() and not path.is_symlink() else None
    except OSError:
        return None


@dataclass
class Result:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # stale but edited by hand: left alone
    leftovers: int = 0  # temp files of an interrupted render, removed
    manifest_ignored: str | None = None  # why an unreadable manifest was ignored


def _stale(out: Path, manifest: dict[str, str], files: dict[str, str], envs: list[str] | None) -> list[str]:
    formats = {_format_of(p) for p in files}
    return sorted(p for p in manifest if p not in files and _in_scope(p, envs, formats) and _read(out / p) is not None)


def _why(exc: OSError, out: Path, target: Path) -> str:
    """A plain reason for a failed write: a folder in the way, a file where a folder belongs, or the OS's."""
    if target.is_dir() and not target.is_symlink():
        return "a folder of that name is in the way"
    for parent in target.parents:
        if parent == out.parent:
            break
        if parent.exists() and not parent.is_dir():
            return f"{parent} is a file, not a folder"
    return exc.strerror or str(exc)


def _refuse_foreign(out: Path, files: dict[str, str], manifest: dict[str, str], ignored: str | None) -> None:
    """A file armgen did not write, at a path render now produces, is never overwritten without --force."""
    foreign = [rel for rel, text in files.items() if rel not in manifest and os.path.lexists(out / rel)
               and not (out / rel).is_dir() and _read(out / rel) != text.encode("utf-8")]
    if foreign:
        more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
        why = f"{MANIFEST} is unusable: {ignored}" if ignored else f"not in {MANIFEST}"
        raise ArmgenError(f"{out / foreign[0]}{more} exists and armgen did not write it ({why}); move it away, "
                          "or re-run with --force to overwrite it")


def write(out: Path, files: dict[str, str], envs: list[str] | None = None, *, force: bool = False) -> Result:
    """Write ``files`` under ``out`` all at once: every file lands, stale armgen files go and the
    manifest is updated, or nothing changes at all. Raises ArmgenError (exit 1) or SourceError (exit 2,
    a manifest entry outside ``out``)."""
    for rel in files:
        reason = outside_reason(out, rel)
        if reason:
            raise ArmgenError(f"cannot write {out / rel}: it {reason}; nothing was changed")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ArmgenError(f"cannot write {out}: {_why(exc, out, out)}; nothing was changed") from None
    with folder_lock(out):
        return _write_locked(out, files, envs, force)


def _write_locked(out: Path, files: dict[str, str], envs: list[str] | None, force: bool) -> Result:
    old_manifest, ignored = read_manifest(out)
    result = Result(manifest_ignored=ignored)
    names = {Path(p).name for p in (*files, *old_manifest, MANIFEST)}
    result.leftovers = sweep({out, *((out / p).parent for p in (*files, *old_manifest))}, names)
    if not force:
        _refuse_foreign(out, files, old_manifest, ignored)
    commit = Commit()
    try:
        for rel, text in files.items():
            data = text.encode("utf-8")
            if _read(out / rel) == data:
                result.unchanged.append(rel)
                continue
            commit.failed = out / rel
            if (out / rel).is_dir() and not (out / rel).is_symlink():
                raise IsADirectoryError(21, "Is a directory", str(out / rel))
            commit.stage(out / rel, data)
            result.written.append(rel)
        for rel in _stale(out, old_manifest, files, envs):
            if digest(_read(out / rel) or b"") == old_manifest[rel]:
                commit.remove(out / rel)
                result.removed.append(rel)
            else:
                result.kept.append(rel)
        formats = {_format_of(p) for p in files}
        manifest = {p: h for p, h in old_manifest.items()
                    if not _in_scope(p, envs, formats) and _read(out / p) is not None}
        manifest.update({rel: digest(text) for rel, text in files.items()})
        text = dumps({"generator": "armgen", "files": dict(sorted(manifest.items()))}).encode("utf-8")
        if _read(out / MANIFEST) != text:
            commit.stage(out / MANIFEST, text)
    except OSError as exc:
        commit.discard()
        target = commit.failed or out
        raise ArmgenError(f"cannot write {target}: {_why(exc, out, target)}; nothing was changed") from None
    try:
        commit.apply()
    except OSError as exc:
        target = commit.failed or out
        raise ArmgenError(f"cannot replace {target}: {_why(exc, out, target)}; nothing was changed (the previous "
                          "files were restored)") from None
    return result


def atomic_write(target: Path, text: str) -> None:
    """Replace ``target`` with ``text`` in one step (a temp file beside it, then a rename)."""
    commit = Commit()
    try:
        commit.stage(target, text.encode("utf-8"))
    except OSError:
        commit.discard()
        raise
    commit.apply()


@dataclass(frozen=True)
class Drift:
    path: str
    kind: str  # "missing", "changed", "stale" (render removes it), "orphan" (render keeps it: delete it by hand)
    diff: str


def _unit_file(rel: str) -> tuple[str, str] | None:
    """(template kind, environment) of ``parameters/<unit>.parameters.<env>.json`` or
    ``bicep/<unit>.<env>.bicepparam``; None for any other path."""
    folder, _, name = rel.rpartition("/")
    parts = name.split(".")
    if folder == "parameters" and len(parts) == 4 and parts[1] == "parameters" and parts[3] == "json":
        return parts[0].split("-", 1)[0], parts[2]
    if folder == "bicep" and len(parts) == 3 and parts[2] == "bicepparam":
        return parts[0].split("-", 1)[0], parts[1]
    return None


def _orphans(out: Path, files: dict[str, str], envs: list[str] | None, known: set[str]) -> list[str]:
    """Files in the rendered folders that render does not write and would keep: any ``templates/*.json``
    (validate checks every one), and parameter and .bicepparam files of armgen's template kinds (a unit the
    spec no longer has, kept because it was edited by hand, or written by hand). Parameter files of other
    names are not armgen's (validate warns that no template pairs with them)."""
    kinds = {Path(p).stem for p in files if p.startswith("templates/") or (p.startswith("bicep/")
                                                                           and p.endswith(".bicep"))}
    formats = {_format_of(p) for p in files}
    found = []
    for folder in ("templates", "parameters", "bicep"):
        if not (out / folder).is_dir() or (out / folder).is_symlink():
            continue
        for entry in sorted((out / folder).iterdir()):
            rel = f"{folder}/{entry.name}"
            unit = _unit_file(rel)
            ours = entry.suffix == ".json" if folder == "templates" else bool(unit and unit[0] in kinds)
            if (ours and rel not in files and rel not in known
                    and _in_scope(rel, envs, formats) and _read(entry) is not None):
                found.append(rel)
    return found


def check(out: Path, files: dict[str, str], envs: list[str] | None = None) -> list[Drift]:
    """What differs between the committed output under ``out`` and ``files``; writes nothing. A file render
    would keep although it does not write it (edited by hand, or never armgen's) is an ``orphan``."""
    drifts: list[Drift] = []
    for rel, text in files.items():
        current = _read(out / rel)
        if current is None:
            drifts.append(Drift(rel, "missing", _diff("", text, rel)))
        elif current != text.encode("utf-8"):
            drifts.append(Drift(rel, "changed", _diff(current.decode("utf-8", "replace"), text, rel)))
    manifest = read_manifest(out)[0]
    stale = _stale(out, manifest, files, envs)
    for rel in stale:
        current = _read(out / rel) or b""
        if digest(current) == manifest[rel]:
            drifts.append(Drift(rel, "stale", _diff(current.decode("utf-8", "replace"), "", rel)))
        else:
            drifts.append(Drift(rel, "orphan", ""))
    drifts += [Drift(rel, "orphan", "") for rel in _orphans(out, files, envs, set(stale))]
    return drifts


def _diff(before: str, after: str, rel: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{rel}", tofile=f"b/{rel}")
    return "".join(lines)
