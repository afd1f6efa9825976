"""Deterministic JSON text: 2-space indent, authored key order kept, trailing newline."""

from __future__ import annotations

import json
from typing import Any


def dumps(value: Any) -> str:
    """The canonical text of a JSON value as armgen writes it."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
