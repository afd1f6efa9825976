"""The emulator evaluates resources of one engine concurrently: no cross-thread interference."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

from armgen.arm import DeploymentContext, TemplateEngine


def test_concurrent_evaluation_of_shared_variables_gives_consistent_bodies() -> None:
    variables = {f"v{i}": f"[concat(variables('v{i - 1}'), '-{i}')]" for i in range(1, 40)}
    variables["v0"] = "[uniqueString(resourceGroup().id)]"
    resources = [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": f"sa{i}",
                  "properties": {"chain": "[variables('v39')]", "index": i}} for i in range(32)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible to provoke interleavings
    try:
        _evaluate_concurrently(variables, resources)
    finally:
        sys.setswitchinterval(interval)


def _evaluate_concurrently(variables: dict, resources: list) -> None:
    for _ in range(5):  # fresh engines: the variable cache starts empty each time
        engine = TemplateEngine({"$schema": "x", "contentVersion": "1.0.0.0", "variables": variables,
                                 "resources": resources}, {}, DeploymentContext())
        with ThreadPoolExecutor(max_workers=8) as pool:
            bodies = list(pool.map(engine.evaluate_resource, engine.instances))
        chains = {b["properties"]["chain"] for b in bodies}
        assert len(chains) == 1 and next(iter(chains)).endswith("-38-39")
        assert [b["properties"]["index"] for b in bodies] == list(range(32))
