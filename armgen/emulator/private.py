"""The state directory is private: the folder 0700, every file in it 0600 (it holds a CA key and a token)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

DIR_MODE, FILE_MODE = 0o700, 0o600


def private_dir(state_dir: Path) -> None:
    """Create ``state_dir`` (0700) or tighten it, and every regular file in it to 0600."""
    state_dir.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if stat.S_IMODE(state_dir.stat().st_mode) != DIR_MODE:
        state_dir.chmod(DIR_MODE)
    for entry in os.scandir(state_dir):
        if entry.is_file(follow_symlinks=False) and stat.S_IMODE(entry.stat().st_mode) != FILE_MODE:
            os.chmod(entry.path, FILE_MODE)


def write_private(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically, the file 0600 from its first byte."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def touch_private(path: Path) -> None:
    """Create ``path`` empty with mode 0600 unless it exists (SQLite gives its WAL the database's mode)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
