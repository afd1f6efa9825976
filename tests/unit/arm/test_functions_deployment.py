"""Deployment functions: parameters, variables, environment (AzureCloud values from Microsoft Learn)."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError
from tests.unit.arm.conftest import evaluate


@pytest.mark.parametrize(("expr", "expected"), [
    ("parameters('p')", "pv"), ("variables('v').x", 1),
    ("environment().name", "AzureCloud"),
    ("environment().resourceManager", "https://management.azure.com/"),
    ("environment().authentication.loginEndpoint", "https://login.microsoftonline.com/"),
    ("environment().suffixes.keyvaultDns", ".vault.azure.net"),
    ("environment().suffixes.storage", "core.windows.net"),
    ("environment().suffixes.acrLoginServer", ".azurecr.io"),
    ("environment().portal", "https://portal.azure.com"),
    ("deployer().tenantId", "00000000-0000-0000-0000-000000000000"),
])
def test_deployment_functions(expr: str, expected) -> None:
    assert evaluate(expr, parameters={"p": "pv"}, variables={"v": {"x": 1}}) == expected


@pytest.mark.parametrize(("expr", "fragment"), [
    ("parameters('missing')", "The template parameter 'missing' is not found"),
    ("variables('missing')", "The template variable 'missing' is not found"),
    ("parameters(1)", "of type 'String'"), ("environment(1)", "requires 0 argument(s) while 1"),
    ("deployment()", "'deployment' is not expected at this location"),
])
def test_deployment_errors(expr: str, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        evaluate(expr)
    assert fragment in info.value.message
