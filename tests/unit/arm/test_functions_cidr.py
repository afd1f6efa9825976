"""CIDR functions; values from Microsoft Learn (template-functions-cidr)."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError
from tests.unit.arm.conftest import evaluate


@pytest.mark.parametrize(("expr", "expected"), [
    ("parseCidr('10.144.0.0/20')", {"network": "10.144.0.0", "netmask": "255.255.240.0",
                                    "broadcast": "10.144.15.255", "firstUsable": "10.144.0.1",
                                    "lastUsable": "10.144.15.254", "cidr": 20}),
    ("parseCidr('fdad:3236:5555::/48')", {"network": "fdad:3236:5555::", "netmask": "ffff:ffff:ffff::",
                                          "firstUsable": "fdad:3236:5555::",
                                          "lastUsable": "fdad:3236:5555:ffff:ffff:ffff:ffff:ffff", "cidr": 48}),
    *[(f"cidrSubnet('10.144.0.0/20', 24, {i})", f"10.144.{i}.0/24") for i in range(5)],
    ("cidrSubnet('fdad:3236:5555::/48', 52, 0)", "fdad:3236:5555::/52"),
    ("cidrSubnet('fdad:3236:5555::/48', 52, 4)", "fdad:3236:5555:4000::/52"),
    *[(f"cidrHost('10.144.3.0/24', {i})", f"10.144.3.{i + 1}") for i in range(5)],
    ("cidrHost('fdad:3236:5555:3000::/52', 0)", "fdad:3236:5555:3000::1"),
    ("cidrHost('fdad:3236:5555:3000::/52', 4)", "fdad:3236:5555:3000::5"),
])
def test_cidr(expr: str, expected) -> None:
    assert evaluate(expr) == expected


@pytest.mark.parametrize(("expr", "fragment"), [
    ("parseCidr('10.0.0.300/24')", "is not valid"), ("cidrSubnet('10.0.0.0/24', 16, 0)", "must be between 24 and 32"),
    ("cidrSubnet('10.0.0.0/24', 25, 2)", "out of range"), ("cidrHost('10.0.0.0/30', 2)", "out of range"),
    ("parseCidr(1)", "of type 'String'"),
])
def test_cidr_errors(expr: str, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        evaluate(expr)
    assert fragment in info.value.message
