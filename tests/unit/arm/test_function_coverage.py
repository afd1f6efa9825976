"""Every registered ARM function is called somewhere in the per-family tests."""

from __future__ import annotations

import re
from pathlib import Path

from armgen.arm import known_functions


def test_every_registered_function_is_exercised_by_a_family_test() -> None:
    text = "\n".join(p.read_text() for p in Path(__file__).parent.glob("test_functions_*.py"))
    missing = [spec.name for spec in known_functions().values()
               if not re.search(rf"\b{re.escape(spec.name)}\(", text, re.I)]
    assert missing == []


def test_every_documented_family_is_registered() -> None:
    families = {spec.family for spec in known_functions().values()}
    assert families == {"array", "cidr", "comparison", "date", "deployment", "lambda", "logical", "numeric",
                        "object", "resource", "scope", "string"}
