"""Property test: expanding any template-shaped JSON raises nothing but ArmError."""

from __future__ import annotations

import contextlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armgen.arm import ArmError, DeploymentContext, expand

KEYS = ["type", "name", "apiVersion", "copy", "count", "input", "mode", "batchSize", "condition", "dependsOn",
        "properties", "resources", "scope", "existing", "template", "parameters", "value", "defaultValue",
        "expressionEvaluationOptions", "allowedValues", "minLength", "maxValue", "outputs", "variables",
        "resourceGroup", "subscriptionId", "members", "namespace", "output", "location"]
STRINGS = st.sampled_from([
    "A.B/c", "Microsoft.Resources/deployments", "Microsoft.Resources/resourceGroups", "n", "a/b", "inner",
    "outer", "serial", "string", "int", "array", "object", "[copyIndex()]", "[parameters('p')]",
    "[variables('v')]", "[reference('n').x]", "[resourceId('A.B/c', 'n')]", "[concat('a', 1)]", "[[x]",
    "[", "[bad(", "[x.f()]", "[length(variables('v'))]", "c", "p", "v", "[copyIndex('c')]", "2",
])
SCALARS = st.one_of(STRINGS, st.integers(-2, 3), st.booleans(), st.none())
JSON = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=3), st.dictionaries(st.sampled_from(KEYS), children, max_size=4)), max_leaves=20)
COPY = st.one_of(JSON, st.fixed_dictionaries({"name": STRINGS, "count": SCALARS},
                                             optional={"mode": STRINGS, "batchSize": SCALARS, "input": JSON}))
NESTED = st.fixed_dictionaries({}, optional={
    "template": st.deferred(lambda: TEMPLATES), "parameters": JSON, "mode": STRINGS,
    "expressionEvaluationOptions": st.one_of(JSON, st.fixed_dictionaries({"scope": STRINGS}))})
RESOURCE = st.fixed_dictionaries({"type": STRINGS, "name": STRINGS, "apiVersion": st.just("2020-01-01")},
                                 optional={"copy": COPY, "condition": JSON, "dependsOn": st.lists(STRINGS, max_size=2),
                                           "properties": st.one_of(JSON, NESTED), "resources": JSON, "scope": JSON,
                                           "existing": JSON, "resourceGroup": SCALARS})
TYPES = st.sampled_from(["string", "int", "bool", "array", "object", "securestring", "text"])
PARAMETER = st.one_of(JSON, st.fixed_dictionaries({"type": TYPES}, optional={
    k: st.one_of(SCALARS, JSON) for k in ("defaultValue", "allowedValues", "minLength", "maxLength", "minValue",
                                          "maxValue")}))
OUTPUT = st.one_of(JSON, st.fixed_dictionaries({"type": TYPES}, optional={"value": JSON, "copy": COPY,
                                                                               "condition": JSON}))
TEMPLATES = st.fixed_dictionaries({}, optional={
    "parameters": st.dictionaries(st.sampled_from(["p", "q"]), PARAMETER, max_size=2),
    "variables": st.dictionaries(st.sampled_from(["v", "w", "copy"]), JSON, max_size=2),
    "resources": st.one_of(st.lists(RESOURCE, max_size=3), st.dictionaries(st.sampled_from(["r", "s"]), RESOURCE)),
    "outputs": st.dictionaries(st.sampled_from(["o"]), OUTPUT, max_size=1),
    "functions": JSON,
    "languageVersion": st.sampled_from(["2.0", "1.0"]),
})


@settings(max_examples=int(os.environ.get("ARM_HYPO", "150")), deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(TEMPLATES, st.dictionaries(st.sampled_from(["p", "x"]), SCALARS, max_size=1),
       st.sampled_from(["resourceGroup", "subscription"]))
def test_expansion_raises_only_arm_error(template: dict, parameters: dict, scope: str) -> None:
    ctx = DeploymentContext(resource_group="rg" if scope == "resourceGroup" else None, scope=scope)
    with contextlib.suppress(ArmError):
        expand({"$schema": "x", "contentVersion": "1.0.0.0", **template}, parameters, ctx)
