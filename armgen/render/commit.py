"""Commit a set of files all at once: stage every file beside its target, swap them in, roll back on failure.

Staged files and backups are named ``.<name>.armgen-<8 hex>.tmp`` / ``.bak`` next to their target, so
a render killed at any moment leaves only names the next render recognises and removes
(:func:`sweep`). Renders of one folder are serialised by a lock on the folder itself.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from armgen.errors import ArmgenError

_OWN = re.compile(r"^\..+\.armgen-[0-9a-f]{8}\.(?:tmp|bak)$")
_LEGACY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")  # tempfile names of armgen before 0.3


def _sibling(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.armgen-{secrets.token_hex(4)}.{kind}")


def sweep(folders: Iterable[Path], names: set[str]) -> int:
    """Remove leftovers of interrupted renders in ``folders``: armgen's own temp and backup files, and
    the temp files older armgen versions made for a file called one of ``names``. Returns how many."""
    removed = 0
    for folder in sorted(set(folders)):
        if folder.is_symlink() or not folder.is_dir():
            continue
        with os.scandir(folder) as entries:
            for entry in entries:
                legacy = _LEGACY.match(entry.name)
                if (_OWN.match(entry.name) or legacy and legacy["name"] in names) and not entry.is_dir(
                        follow_symlinks=False):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)
                        removed += 1
    return removed


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (released when the process ends, even by kill -9)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory locks on folders
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ArmgenError(f"another armgen render is writing to {folder}; wait for it to finish") from None
        yield
    finally:
        os.close(fd)


class Commit:
    """Files staged for one all-or-nothing replacement, and files to remove with it."""

    def __init__(self) -> None:
        self.staged: list[tuple[Path, Path]] = []  # (temp file, target)
        self.removals: list[Path] = []
        self.created: list[Path] = []  # folders made for new files (removed again on rollback)
        self.journal: list[tuple[Path, Path | None]] = []  # (target, its backup; None: target is new)
        self.failed: Path | None = None  # the target whose step failed

    def stage(self, target: Path, data: bytes) -> None:
        """Write ``data`` to a temp file beside ``target``; raises OSError (the caller discards)."""
        self.failed = target
        self._make_folders(target.parent)
        tmp = _sibling(target, "tmp")
        self.staged.append((tmp, target))
        with open(tmp, "xb") as fh:
            fh.write(data)

    def remove(self, target: Path) -> None:
        self.removals.append(target)

    def _make_folders(self, folder: Path) -> None:
        missing = []
        while not folder.exists() and not folder.is_symlink() and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            path.mkdir()
            self.created.append(path)

    def apply(self) -> None:
        """Swap every staged file in and remove the removals; on any failure restore everything, re-raise."""
        try:
            for tmp, target in self.staged:
                self.failed = target
                backup = self._backup(target) if os.path.lexists(target) else None
                try:
                    os.replace(tmp, target)
                except BaseException:
                    if backup is not None:  # the target was not touched
                        backup.unlink(missing_ok=True)
                    raise
                self.journal.append((target, backup))
            for target in self.removals:
                self.failed = target
                backup = _sibling(target, "bak")
                os.replace(target, backup)
                self.journal.append((target, backup))
        except BaseException:
            self.rollback()
            raise
        for _, backup in self.journal:
            if backup is not None:
                with contextlib.suppress(OSError):
                    backup.unlink()

    @staticmethod
    def _backup(target: Path) -> Path:
        backup = _sibling(target, "bak")
        try:
            os.link(target, backup, follow_symlinks=False)
        except OSError:  # a file system without hard links
            shutil.copy2(target, backup, follow_symlinks=False)
        return backup

    def rollback(self) -> None:
        """Put every replaced or removed file back, delete new ones and temp files; raises ArmgenError
        naming what could not be restored."""
        lost = []
        for target, backup in reversed(self.journal):
            try:
                if backup is None:
                    target.unlink(missing_ok=True)
                else:
                    os.replace(backup, target)
                    backup.unlink(missing_ok=True)  # rename(2) between two links of one file does nothing
            except OSError as exc:
                lost.append(f"{target} ({exc.strerror or exc})")
        self.journal.clear()
        self.discard()
        if lost:
            raise ArmgenError(f"could not restore {len(lost)} file(s) after a failed write, e.g. {lost[0]}; "
                              "run 'armgen render' again")

    def discard(self) -> None:
        """Delete the staged temp files and the folders made for them."""
        for tmp, _ in self.staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        for folder in reversed(self.created):
            with contextlib.suppress(OSError):
                folder.rmdir()
