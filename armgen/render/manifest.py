"""``.armgen-manifest.json``: what render wrote last time, every entry confined to the output folder.

The manifest is committed, so it is input like any other: an entry that points outside the output
folder (``../x``, an absolute path) or through a symbolic link would let a pull request make render
delete files elsewhere. Such entries are refused before anything is written.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from armgen import jsonmarks, limits
from armgen.errors import InputError, SourceError

MANIFEST = ".armgen-manifest.json"


def digest(data: str | bytes) -> str:
    """sha256 of a file's text or bytes, as the manifest records it."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def outside_reason(out: Path, rel: str) -> str | None:
    """Why ``rel`` is not a plain path inside ``out`` (None when it is one)."""
    parts = PurePosixPath(rel).parts
    if not rel or rel.startswith(("/", "\\")) or "\\" in rel or (parts and ":" in parts[0]):
        return "is not a relative path inside the output folder"
    if any(p in ("..", ".") for p in parts) or rel.endswith("/"):
        return "leaves the output folder"
    node = out
    for part in parts[:-1]:  # a link as the file itself is replaced by a write and never deleted
        node = node / part
        if node.is_symlink():
            return f"passes through the symbolic link {node.relative_to(out).as_posix()}"
    return None


def read_manifest(out: Path) -> tuple[dict[str, str], str | None]:
    """(relative path -> sha256 of every file armgen wrote last time, why an unusable manifest was ignored).

    An entry outside ``out`` raises SourceError (exit 2) naming its line: armgen never deletes or
    overwrites outside the folder it renders into.
    """
    path = out / MANIFEST
    if not path.exists() and not path.is_symlink():
        return {}, None
    if path.is_symlink() or not path.is_file():
        raise SourceError(str(path), 1, 1, "", "the manifest is not a regular file; remove it and render again")
    try:
        doc = jsonmarks.load(path)
    except InputError as exc:  # a corrupt manifest only forgets what armgen wrote
        return {}, limits.elide(getattr(exc, "detail", None) or "it is not UTF-8 JSON", 120)
    files = doc.data.get("files") if isinstance(doc.data, dict) else None
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        return {}, "it has no \"files\" object of path -> sha256"
    for rel in files:
        reason = outside_reason(out, rel)
        if reason:
            line, col = doc.position(("files", rel))
            raise SourceError(str(path), line, col, "", f"entry {limits.short_repr(rel)} {reason}; armgen only "
                                                        f"manages files inside {out}: remove the entry")
    return dict(files), None
