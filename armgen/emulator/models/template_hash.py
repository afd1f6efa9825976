"""calculateTemplateHash: ARM's minified (upper-cased, key order kept) template and a 64-bit hash.

The minified form matches ARM's published example; the hash is a stable 64-bit value of it (ARM's own
hash function is not public, so values differ from Azure's but are stable and change with the template).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def minify(template: Any) -> str:
    return json.dumps(template, separators=(",", ":"), ensure_ascii=False).upper()


def template_hash(template: Any) -> str:
    digest = hashlib.sha256(minify(template).encode()).digest()
    return str(int.from_bytes(digest[:8], "big") >> 1)


def calculate(template: Any) -> dict[str, str]:
    return {"minifiedTemplate": minify(template), "templateHash": template_hash(template)}
