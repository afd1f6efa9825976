"""Throughput of the local ARM emulator, driven by the real Azure SDK over HTTPS.

Deploys a 100-resource template (identities, storage accounts and their blob containers, with
dependsOn layers) through DeploymentsMgmtClient and prints deployments/s, resource PUTs/s, what-if/s
and peak memory. With --latency it also shows how layer-parallel apply compares to serial apply when
every resource takes that long to provision (the ratio approaches the layer width).
Usage: python benchmarks/emulator_throughput.py [--deployments 10] [--latency 0.02]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from armgen.deploy.target_emulator import deployments_client, resource_client  # noqa: E402
from armgen.emulator.config import EmulatorConfig  # noqa: E402
from armgen.emulator.endpoint import EndpointInfo  # noqa: E402
from armgen.emulator.http.server import ServerThread  # noqa: E402

RESOURCES = 100


def template() -> dict:
    """40 identities + 30 storage accounts + 30 containers (one per account) = 100 resources."""
    return {
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {"prefix": {"type": "string"}},
        "variables": {"suffix": "[take(uniqueString(resourceGroup().id), 8)]"},
        "resources": [
            {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
             "name": "[format('id-{0}-{1}', parameters('prefix'), copyIndex())]", "location": "westeurope",
             "copy": {"name": "ids", "count": 40}},
            {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01",
             "name": "[format('st{0}{1}{2}', parameters('prefix'), variables('suffix'), copyIndex())]",
             "location": "westeurope", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2",
             "copy": {"name": "accounts", "count": 30}, "properties": {"minimumTlsVersion": "TLS1_2"}},
            {"type": "Microsoft.Storage/storageAccounts/blobServices/containers", "apiVersion": "2023-05-01",
             "name": "[format('st{0}{1}{2}/default/data', parameters('prefix'), variables('suffix'), copyIndex())]",
             "copy": {"name": "containers", "count": 30},
             "dependsOn": ["[resourceId('Microsoft.Storage/storageAccounts', format('st{0}{1}{2}', "
                           "parameters('prefix'), variables('suffix'), copyIndex()))]"],
             "properties": {"publicAccess": "None"}},
        ],
        "outputs": {"first": {"type": "string", "value": "[reference(resourceId("
                              "'Microsoft.ManagedIdentity/userAssignedIdentities', format('id-{0}-0', "
                              "parameters('prefix'))), '2023-01-31').principalId]"}},
    }


def run(state: Path, deployments: int, latency: float, parallel: int) -> dict[str, float]:
    server = ServerThread(state).start()
    server.app.configure(EmulatorConfig(latency_seconds={"*": latency} if latency else {},
                                        max_parallel_resources=parallel), persist=False)
    ep = EndpointInfo(server.url, str(state / "ca.pem"), server.app.token, server.app.config.subscription_id,
                      str(state))
    rc = resource_client(ep, polling_interval=0.01)
    dc = deployments_client(ep, polling_interval=0.01)
    body = {"properties": {"mode": "Incremental", "template": template(),
                           "parameters": {"prefix": {"value": "bm"}}}}
    try:
        start = time.perf_counter()
        for i in range(deployments):
            group = f"rg-bench-{parallel}-{i}"
            rc.resource_groups.create_or_update(group, {"location": "westeurope"})
            result = dc.deployments.begin_create_or_update(group, "bench", body).result()
            assert result.properties.provisioning_state == "Succeeded", result.properties.error
        deploy_s = time.perf_counter() - start
        start = time.perf_counter()
        for i in range(deployments):
            changes = dc.deployments.begin_what_if(f"rg-bench-{parallel}-{i}", "bench", body).result().changes
            assert {c.change_type for c in changes} == {"NoChange"}
        what_if_s = time.perf_counter() - start
    finally:
        server.stop()
    return {"deploy_s": deploy_s, "what_if_s": what_if_s}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deployments", type=int, default=10)
    parser.add_argument("--latency", type=float, default=0.02, help="per-resource provisioning latency for "
                                                                    "the parallel-vs-serial comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fast = run(Path(tmp) / "a", args.deployments, 0.0, 8)
        puts = args.deployments * RESOURCES
        print(f"{RESOURCES}-resource template, {args.deployments} deployments, latency 0")
        print(f"  deployments/s      {args.deployments / fast['deploy_s']:8.2f}")
        print(f"  resource PUTs/s    {puts / fast['deploy_s']:8.1f}")
        print(f"  what-ifs/s         {args.deployments / fast['what_if_s']:8.2f}")
        if args.latency > 0:
            n = max(1, args.deployments // 5)
            par = run(Path(tmp) / "b", n, args.latency, 8)
            ser = run(Path(tmp) / "c", n, args.latency, 1)
            print(f"with {args.latency:.3f} s provisioning latency per resource ({n} deployments):")
            print(f"  serial / parallel(8) apply time ratio   {ser['deploy_s'] / par['deploy_s']:6.2f}x")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (client + server, one process)  {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
