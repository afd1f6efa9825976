"""Write rendered files atomically, remove armgen's own stale files, and detect drift for --check."""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from armgen.errors import ArmgenError
from armgen.render.jsonfmt import dumps

MANIFEST = ".armgen-manifest.json"


def _digest(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


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
    """The bytes of a regular file, None when it is absent (or not a file)."""
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def read_manifest(out: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file armgen wrote last time (empty when none)."""
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
        return {str(k): str(v) for k, v in dict(data.get("files", {})).items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


@dataclass
class Result:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # stale but edited by hand: left alone


def _stale(out: Path, files: dict[str, str], envs: list[str] | None) -> list[str]:
    formats = {_format_of(p) for p in files}
    return sorted(p for p in read_manifest(out) if p not in files and _in_scope(p, envs, formats) and (out / p).is_file())


def _why(exc: OSError, out: Path, target: Path) -> str:
    """A plain reason for a failed write: a folder in the way, a file where a folder belongs, or the OS's."""
    if target.is_dir():
        return "a folder of that name is in the way"
    for parent in target.parents:
        if parent == out.parent:
            break
        if parent.exists() and not parent.is_dir():
            return f"{parent} is a file, not a folder"
    return exc.strerror or str(exc)


def write(out: Path, files: dict[str, str], envs: list[str] | None = None) -> Result:
    """Write ``files`` under ``out``: all new content lands or none does; stale armgen files go."""
    result = Result()
    old_manifest = read_manifest(out)
    pending: list[tuple[Path, Path]] = []
    target = out
    try:
        for rel, text in files.items():
            target = out / rel
            data = text.encode("utf-8")
            if _read(target) == data:
                result.unchanged.append(rel)
                continue
            if target.is_dir():
                raise IsADirectoryError(21, "Is a directory", str(target))
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            pending.append((Path(tmp), target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            result.written.append(rel)
    except OSError as exc:
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)
        raise ArmgenError(f"cannot write {target}: {_why(exc, out, target)}; nothing was changed") from None
    try:
        for tmp, target in pending:
            os.replace(tmp, target)
        for rel in _stale(out, files, envs):
            if _digest(_read(out / rel) or b"") == old_manifest[rel]:
                (out / rel).unlink()
                result.removed.append(rel)
            else:
                result.kept.append(rel)
        formats = {_format_of(p) for p in files}
        manifest = {p: h for p, h in old_manifest.items() if not _in_scope(p, envs, formats) and (out / p).is_file()}
        manifest.update({rel: _digest(text) for rel, text in files.items()})
        atomic_write(out / MANIFEST, dumps({"generator": "armgen", "files": dict(sorted(manifest.items()))}))
    except OSError as exc:  # pragma: no cover - a disk failing between the checks above and here
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)
        raise ArmgenError(f"cannot finish writing {out}: {exc.strerror or exc}; run 'armgen render' again") from None
    return result


def atomic_write(target: Path, text: str) -> None:
    """Replace ``target`` with ``text`` in one step (a temp file in the same folder, then rename)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.replace(tmp, target)


@dataclass(frozen=True)
class Drift:
    path: str
    kind: str  # "missing", "changed", "stale"
    diff: str


def check(out: Path, files: dict[str, str], envs: list[str] | None = None) -> list[Drift]:
    """What differs between the committed output under ``out`` and ``files``; writes nothing."""
    drifts: list[Drift] = []
    for rel, text in files.items():
        current = _read(out / rel)
        if current is None:
            drifts.append(Drift(rel, "missing", _diff("", text, rel)))
        elif current != text.encode("utf-8"):
            drifts.append(Drift(rel, "changed", _diff(current.decode("utf-8", "replace"), text, rel)))
    for rel in _stale(out, files, envs):
        drifts.append(Drift(rel, "stale", _diff((_read(out / rel) or b"").decode("utf-8", "replace"), "", rel)))
    return drifts


def _diff(before: str, after: str, rel: str) -> str:
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{rel}", tofile=f"b/{rel}")
    return "".join(lines)
