"""SQLite persistence: documents in collections, keyed by a lower-cased id, listed by parent.

Collections used by the models: ``rg`` (resource groups), ``res`` (resources), ``dep``
(deployments), ``depop`` (deployment operations), ``op`` (async operation status),
``deleted`` (soft-deleted vaults and workspaces), ``template`` (deployment templates).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

DB_FILE = "state.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    coll TEXT NOT NULL,
    key TEXT NOT NULL,
    parent TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL,
    UNIQUE (coll, key)
);
CREATE INDEX IF NOT EXISTS docs_parent ON docs (coll, parent);
"""


class Store:
    """Thread-safe document store; ``path=None`` keeps everything in memory."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False,
                                   isolation_level=None)
        if path:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    @property
    def lock(self) -> threading.RLock:
        """Held by models around check-then-write sequences (e.g. uniqueness checks)."""
        return self._lock

    @staticmethod
    def dumps(data: Any) -> str:
        """A document as ``put`` stores it: serialise big ones before taking the lock, pass ``text``."""
        return json.dumps(data, separators=(",", ":"))

    def put(self, coll: str, key: str, data: Any, parent: str = "", text: str | None = None) -> None:
        text = self.dumps(data) if text is None else text
        with self._lock:
            self._db.execute(
                "INSERT INTO docs (coll, key, parent, data) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (coll, key) DO UPDATE SET data = excluded.data, parent = excluded.parent",
                (coll, key.lower(), parent.lower(), text))

    def get(self, coll: str, key: str) -> Any | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM docs WHERE coll = ? AND key = ?",
                                   (coll, key.lower())).fetchone()
        return json.loads(row[0]) if row else None

    def delete(self, coll: str, key: str) -> bool:
        with self._lock:
            cur = self._db.execute("DELETE FROM docs WHERE coll = ? AND key = ?", (coll, key.lower()))
        return cur.rowcount > 0

    def children(self, coll: str, parent: str) -> list[Any]:
        """Documents whose parent is exactly ``parent``, in insertion order."""
        with self._lock:
            rows = self._db.execute("SELECT data FROM docs WHERE coll = ? AND parent = ? ORDER BY seq",
                                    (coll, parent.lower())).fetchall()
        return [json.loads(r[0]) for r in rows]

    def count_children(self, coll: str, parent: str) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM docs WHERE coll = ? AND parent = ?",
                                    (coll, parent.lower())).fetchone()[0]

    def with_prefix(self, coll: str, prefix: str) -> list[Any]:
        """Documents whose key starts with ``prefix`` (case-insensitive), in insertion order."""
        low = prefix.lower()
        with self._lock:
            rows = self._db.execute(
                "SELECT data FROM docs WHERE coll = ? AND substr(key, 1, ?) = ? ORDER BY seq",
                (coll, len(low), low)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def key_contains(self, coll: str, fragment: str) -> list[Any]:
        """Documents whose key contains ``fragment`` (case-insensitive), in insertion order."""
        with self._lock:
            rows = self._db.execute("SELECT data FROM docs WHERE coll = ? AND instr(key, ?) > 0 ORDER BY seq",
                                    (coll, fragment.lower())).fetchall()
        return [json.loads(r[0]) for r in rows]

    def all(self, coll: str) -> list[Any]:
        with self._lock:
            rows = self._db.execute("SELECT data FROM docs WHERE coll = ? ORDER BY seq", (coll,)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def delete_prefix(self, coll: str, prefix: str) -> int:
        low = prefix.lower()
        with self._lock:
            cur = self._db.execute("DELETE FROM docs WHERE coll = ? AND substr(key, 1, ?) = ?",
                                   (coll, len(low), low))
        return cur.rowcount

    def clear(self) -> None:
        with self._lock:
            self._db.execute("DELETE FROM docs")

    def close(self) -> None:
        with self._lock:
            self._db.close()
