"""Bad specs and datastore configs, each a small edit of the sample, through ``armgen render``.

Every case asserts the exact ``Error: FILE:LINE:COL: PATH: message`` lines, exit code 2 and no
traceback. Line numbers refer to the shipped sample (armgen/spec/sample/).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.unit.spec.project import (
    SAMPLE_DATASTORES,
    SAMPLE_SPEC,
    Edit,
    armgen,
    edited,
    render,
    write_project,
)

YAML_BOOL_HINT = "(YAML reads yes/no/on/off/true/false/null unquoted; put the value in quotes)"
TOKENS = "use {kind} {project} {workload} {env} {unique}"


@dataclass(frozen=True)
class Bad:
    id: str
    expected: tuple[str, ...]  # the error lines, without the "Error: " prefix
    spec: tuple[Edit, ...] = ()
    datastores: tuple[Edit, ...] = ()
    spec_text: str | None = None  # the whole spec file instead of edits
    datastores_text: str | None = None  # the whole datastore_config.json instead of edits


def spec_case(id: str, *expected: str, edits: tuple[Edit, ...] = (), text: str | None = None) -> Bad:
    return Bad(id, expected, spec=edits, spec_text=text)


def ds_case(id: str, *expected: str, edits: tuple[Edit, ...] = (), text: str | None = None) -> Bad:
    return Bad(id, expected, datastores=edits, datastores_text=text)


STORAGE_PRO_OVERRIDE = (
    "          compute: {vmSize: Standard_NC12s_v3}\n",
    "          compute: {vmSize: Standard_NC12s_v3}\n"
    "      shared:\n"
    "        storage:\n"
    '          data: {name: "{kind}{project}{workload}{env}geoarchive2026"}\n',
)
STAGING_ENV = (
    "  pro:\n    subscriptionId: 00000000-0000-0000-0000-000000000002\n",
    "  staging:\n    subscriptionId: 00000000-0000-0000-0000-000000000002\n    location: westeurope\n"
    "  pro:\n    subscriptionId: 00000000-0000-0000-0000-000000000002\n",
)
PROJECT = "project: mlp\n\nnaming:\n"
LONG_GROUP = "rg-{project}-shared-{env}-" + "0123456789" * 7 + "012345"

SPEC_CASES = [
    # wrong types
    spec_case("integer-as-word",
              "mlenv.yaml:133:17: workspaces[1].compute.maxNodes: \"four\" is not of type 'integer'",
              edits=(("      maxNodes: 4\n", "      maxNodes: four\n"),)),
    spec_case("negative-max-nodes",
              "mlenv.yaml:133:17: workspaces[1].compute.maxNodes: -1 is less than the minimum of 0",
              edits=(("      maxNodes: 4\n", "      maxNodes: -1\n"),)),
    spec_case("yaml-boolean-for-string",
              f"mlenv.yaml:34:15: environments.pro.location: true is not of type 'string' {YAML_BOOL_HINT}",
              edits=(("    location: northeurope\n", "    location: yes\n"),)),
    spec_case("list-for-mapping",
              "mlenv.yaml:87:5: shared.identity: [\"compute\"] is not of type 'object'",
              edits=(("  identity:\n    name: compute", "  identity:\n    - compute"),)),
    spec_case("per-env-value-of-wrong-type",
              "mlenv.yaml:126:35: workspaces[0].compute.maxNodes.int: \"one\" is not of type 'integer'",
              edits=(("{default: 2, int: 1, pro: 8}", "{default: 2, int: one, pro: 8}"),)),
    # unknown keys
    spec_case("unknown-key-did-you-mean",
              "mlenv.yaml:132:7: workspaces[1].compute.vmsize: unknown key 'vmsize' (did you mean 'vmSize'?)",
              edits=(("      vmSize: Standard_DS3_v2\n", "      vmsize: Standard_DS3_v2\n"),)),
    spec_case("unknown-top-level-key",
              "mlenv.yaml:5:1: projct: unknown key 'projct' (did you mean 'project'?)",
              edits=((PROJECT, "project: mlp\nprojct: mlp\n\nnaming:\n"),)),
    spec_case("unknown-key-lists-allowed-keys",
              "mlenv.yaml:74:5: shared.keyVault.colour: unknown key 'colour'; "
              "allowed keys: name, sku, softDeleteRetentionDays",
              edits=(("    sku: standard\n", "    colour: blue\n    sku: standard\n"),)),
    spec_case("unknown-environment-key",
              "mlenv.yaml:21:5: environments.dev.subscription: unknown key 'subscription' "
              "(did you mean 'subscriptionId'?)",
              edits=(("    tags: {environment: dev}\n",
                      "    tags: {environment: dev}\n    subscription: 00000000-0000-0000-0000-000000000001\n"),)),
    # required keys and allowed values
    spec_case("missing-project",
              "mlenv.yaml:5:1: missing required key 'project'",
              edits=((PROJECT, "\nnaming:\n"),)),
    spec_case("missing-subscription-id",
              "mlenv.yaml:33:5: environments.pro: missing required key 'subscriptionId'",
              edits=(("    subscriptionId: 00000000-0000-0000-0000-000000000002\n", ""),)),
    spec_case("registry-sku-not-allowed",
              "mlenv.yaml:84:20: shared.registries.staging.sku: 'Standrd' is not one of "
              "['Basic', 'Standard', 'Premium']",
              edits=(("staging: {sku: {default: Standard, int: Premium, pro: Premium}}", "staging: {sku: Standrd}"),)),
    spec_case("principal-type-not-allowed",
              "mlenv.yaml:92:26: shared.roles.modelDeveloper.assignTo[0].principalType: 'Team' is not one of "
              "['Group', 'User', 'ServicePrincipal']",
              edits=(("principalType: Group", "principalType: Team"),)),
    spec_case("sku-not-allowed-in-one-environment",
              "mlenv.yaml:80:41: shared.storage.data.sku.pro: 'Standard_GRSS' is not one of ['Standard_LRS', "
              "'Standard_GRS', 'Standard_RAGRS', 'Standard_ZRS', 'Standard_GZRS', 'Standard_RAGZRS', "
              "'Premium_LRS', 'Premium_ZRS']",
              edits=(("sku: {default: Standard_LRS, pro: Standard_GRS}",
                      "sku: {default: Standard_LRS, pro: Standard_GRSS}"),)),
    spec_case("invalid-subscription-id",
              "mlenv.yaml:33:21: environments.pro.subscriptionId: 'not-a-guid' is not a GUID "
              "(8-4-4-4-12 hexadecimal digits, e.g. 00000000-0000-0000-0000-000000000001)",
              edits=(("    subscriptionId: 00000000-0000-0000-0000-000000000002\n",
                      "    subscriptionId: not-a-guid\n"),)),
    spec_case("invalid-location",
              "mlenv.yaml:34:15: environments.pro.location: 'North Europe' is not an Azure region name such as "
              "westeurope (lowercase letters and digits, no spaces)",
              edits=(("    location: northeurope\n", "    location: North Europe\n"),)),
    spec_case("invalid-environment-name",
              "mlenv.yaml:21:3: environments.Int: 'Int' is not a valid environment name: 2-10 lowercase letters "
              "and digits, starting with a letter, not 'default' (the key of per-environment defaults)",
              edits=(("  int:\n", "  Int:\n"),)),
    spec_case("numeric-environment-name",
              "mlenv.yaml:21:3: environments.12: '12' is not a valid environment name: 2-10 lowercase letters "
              "and digits, starting with a letter, not 'default' (the key of per-environment defaults)",
              edits=(("  int:\n", "  12:\n"),)),
    spec_case("environment-named-default",
              "mlenv.yaml:21:3: environments.default: 'default' is not a valid environment name: 2-10 lowercase "
              "letters and digits, starting with a letter, not 'default' (the key of per-environment defaults)",
              edits=(("  int:\n", "  default:\n"),)),
    spec_case("invalid-container-name",
              "mlenv.yaml:82:48: shared.storage.data.containers[3]: 'Init_Networks' is not a valid blob container "
              "name: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit",
              edits=(("metrics, init-networks,", "metrics, Init_Networks,"),)),
    spec_case("duplicate-batch-endpoints",
              "mlenv.yaml:128:21: workspaces[0].batchEndpoints: ['scoring', 'scoring'] has non-unique elements",
              edits=(("    batchEndpoints: [scoring]\n  - name: nlp",
                      "    batchEndpoints: [scoring, scoring]\n  - name: nlp"),)),
    spec_case("batch-endpoint-name-too-long-in-one-environment",
              "mlenv.yaml:131:22: workspaces[0].batchEndpoints[0]: batch endpoint name "
              "'forecasting-long-mlp-vision-staging' (environment staging) is 35 characters; batch endpoint names "
              "must be 3-32; shorten it, or name the endpoint yourself: {name: forecasting-long, endpointName: <name>}",
              edits=(STAGING_ENV, ("    batchEndpoints: [scoring]\n  - name: nlp",
                                   "    batchEndpoints: [forecasting-long]\n  - name: nlp"))),
    spec_case("batch-endpoint-explicit-name-invalid",
              "mlenv.yaml:128:52: workspaces[0].batchEndpoints[0].endpointName: batch endpoint name '1score' "
              "(environments dev, int, pro) is invalid: batch endpoint names allow letters, digits and hyphens, "
              "starting with a letter and ending with a letter or digit; change the name",
              edits=(("    batchEndpoints: [scoring]\n  - name: nlp",
                      "    batchEndpoints: [{name: scoring, endpointName: 1score}]\n  - name: nlp"),)),
    spec_case("batch-endpoint-names-clash-in-a-region",
              "mlenv.yaml:128:52: workspaces[0].batchEndpoints[0].endpointName: batch endpoint name 'score-mlp' "
              "(environment int) is also the name of workspaces[0].batchEndpoints[0].endpointName in environment "
              "dev, in region westeurope; batch endpoint names are unique per region: change endpointName (e.g. add "
              "{env} or {workload})",
              edits=(("    batchEndpoints: [scoring]\n  - name: nlp",
                      '    batchEndpoints: [{name: scoring, endpointName: "score-{project}"}]\n  - name: nlp'),)),
    spec_case("batch-endpoint-object-without-name",
              "mlenv.yaml:128:22: workspaces[0].batchEndpoints[0]: missing required key 'name'",
              edits=(("    batchEndpoints: [scoring]\n  - name: nlp",
                      "    batchEndpoints: [{endpointName: \"fc-{env}\"}]\n  - name: nlp"),)),
    spec_case("invalid-tag-name",
              "mlenv.yaml:13:3: tags.managed/by: 'managed/by' is not a valid tag name: at most 512 characters, "
              "none of < > % & \\ ? /",
              edits=(("  managedBy: armgen\n", "  managed/by: armgen\n"),)),
    # per-environment maps {default: ..., <env>: ...}
    spec_case("per-env-unknown-env-did-you-mean",
              "mlenv.yaml:70:34: shared.logAnalytics.retentionDays.prod: 'prod' is not an environment of this spec "
              "(did you mean 'pro'?)",
              edits=(("retentionDays: {default: 30, pro: 90}", "retentionDays: {default: 30, prod: 90}"),)),
    spec_case("per-env-unknown-env",
              "mlenv.yaml:70:34: shared.logAnalytics.retentionDays.qa: 'qa' is not an environment of this spec; "
              "use one of: dev, int, pro, default",
              edits=(("retentionDays: {default: 30, pro: 90}", "retentionDays: {default: 30, qa: 90}"),)),
    spec_case("per-env-key-not-a-name",
              "mlenv.yaml:70:21: shared.logAnalytics.retentionDays.Default: 'Default' is not 'default' or an "
              "environment name (2-10 lowercase letters and digits, starting with a letter)",
              edits=(("retentionDays: {default: 30, pro: 90}", "retentionDays: {Default: 30, pro: 90}"),)),
    spec_case("per-env-empty-map",
              "mlenv.yaml:70:20: shared.logAnalytics.retentionDays: {} should be non-empty",
              edits=(("retentionDays: {default: 30, pro: 90}", "retentionDays: {}"),)),
    spec_case("per-env-value-out-of-range-in-pro",
              "mlenv.yaml:70:39: shared.logAnalytics.retentionDays.pro: 10 is less than the minimum of 30",
              edits=(("retentionDays: {default: 30, pro: 90}", "retentionDays: {default: 30, pro: 10}"),)),
    # computed names, per environment
    spec_case("storage-name-too-long-in-pro-only",
              "mlenv.yaml:49:24: environments.pro.overrides.shared.storage.data.name: storage account name 'stmlpdataprogeoarchive2026' "
              "(environment pro) is 26 characters; storage account names must be 3-24; change the name",
              edits=(STORAGE_PRO_OVERRIDE,)),
    spec_case("compact-pattern-too-long-for-one-environment",
              "mlenv.yaml:8:12: naming.compact: storage account name 'stmlplatdatastagingarchive' "
              "(environment staging) is 26 characters; storage account names must be 3-24; "
              "shorten the naming pattern or set an explicit name",
              edits=((PROJECT, "project: mlplat\n\nnaming:\n"),
                     ('"{kind}{project}{workload}{env}"  ', '"{kind}{project}{workload}{env}archive"  '),
                     STAGING_ENV)),
    spec_case("explicit-name-invalid-in-every-environment",
              "mlenv.yaml:74:11: shared.keyVault.name: key vault name 'my_vault' (environments dev, int, pro) "
              "is invalid: key vault names allow letters, digits and single hyphens, starting with a letter and "
              "ending with a letter or digit; change the name",
              edits=(("    sku: standard\n", "    name: my_vault\n    sku: standard\n"),)),
    spec_case("global-name-repeated-across-environments",
              "mlenv.yaml:74:11: shared.keyVault.name: key vault name 'kv-mlp-fixed' (environments int, pro) is "
              "also its name in environment dev; key vault names are globally unique: put {env} in the pattern "
              "or name",
              edits=(("    sku: standard\n", "    name: kv-mlp-fixed\n    sku: standard\n"),)),
    spec_case("global-name-repeated-across-instances",
              *(f"mlenv.yaml:8:12: naming.compact: {label} name '{kind}mlp{env}' (environment {env}) is also the "
                f"name of shared.{owner} in environment {env}; {label} names are globally unique: put {{workload}} "
                "in the pattern or name"
                for label, kind, owner in (("container registry", "cr", "registries.staging"),
                                           ("storage account", "st", "storage.workspace"))
                for env in ("dev", "int", "pro")),
              edits=(('"{kind}{project}{workload}{env}"  ', '"{kind}{project}{env}"  '),)),
    spec_case("resource-group-name-too-long",
              f"mlenv.yaml:21:30: environments.dev.resourceGroups.shared: resource group name "
              f"'rg-mlp-shared-dev-{'0123456789' * 7}012345' (environment dev) is 94 characters; "
              "resource group names must be 1-90; change the name",
              edits=(("    tags: {environment: dev}\n",
                      f'    tags: {{environment: dev}}\n    resourceGroups: {{shared: "{LONG_GROUP}"}}\n'),)),
    spec_case("workspace-name-too-short-for-its-container",
              "mlenv.yaml:129:11: workspaces[1].name: 'cv' is not a valid work-package name: 3-20 lowercase letters "
              "and digits, starting with a letter (it also names the workspace's blob container)",
              edits=(("  - name: nlp\n", "  - name: cv\n"),)),
    spec_case("duplicate-workspace",
              "mlenv.yaml:129:11: workspaces[1].name: duplicate workspace 'vision' (also workspaces[0]); "
              "workspace names must be unique",
              edits=(("  - name: nlp\n", "  - name: vision\n"),)),
    # naming tokens
    spec_case("unknown-naming-token",
              f"mlenv.yaml:9:18: naming.resourceGroup: unknown token {{envv}}; {TOKENS}",
              edits=(("-{workload}-{env}\"   #", "-{workload}-{envv}\"   #"),)),
    spec_case("naming-pattern-broken-brace",
              "mlenv.yaml:9:18: naming.resourceGroup: 'rg-{project-{workload}-{env}' is not a valid pattern "
              "(unexpected '{' in field name); write tokens as {kind} {project} {workload} {env} {unique}",
              edits=(('"rg-{project}-{workload}-{env}"', '"rg-{project-{workload}-{env}"'),)),
    spec_case("naming-token-with-format-spec",
              f"mlenv.yaml:9:18: naming.resourceGroup: unknown token {{project:>40}}; {TOKENS}",
              edits=(('"rg-{project}-{workload}-{env}"', '"rg-{project:>40}-{workload}-{env}"'),)),
    spec_case("unknown-token-in-explicit-name",
              f"mlenv.yaml:74:11: shared.keyVault.name: unknown token {{foo}}; {TOKENS}",
              edits=(("    sku: standard\n", "    name: kv-{foo}-{env}\n    sku: standard\n"),)),
    spec_case("unknown-token-in-role-name",
              f"mlenv.yaml:90:17: shared.roles.modelDeveloper.roleName: unknown token {{stage}}; {TOKENS}",
              edits=(("    modelDeveloper:\n", '    modelDeveloper:\n      roleName: "{project} dev {stage}"\n'),)),
    # overrides
    spec_case("override-names-unknown-workspace",
              "mlenv.yaml:45:9: environments.pro.overrides.workspaces.visoin: no workspace named 'visoin' "
              "(did you mean 'vision'?)",
              edits=(("        vision:\n          compute", "        visoin:\n          compute"),)),
    spec_case("override-unknown-key",
              "mlenv.yaml:46:21: environments.pro.overrides.workspaces.vision.compute.vmSise: unknown key 'vmSise' "
              "(did you mean 'vmSize'?)",
              edits=(("compute: {vmSize: Standard_NC12s_v3}", "compute: {vmSise: Standard_NC12s_v3}"),)),
    spec_case("override-value-out-of-range",
              "mlenv.yaml:46:31: environments.pro.overrides.workspaces.vision.compute.maxNodes: -3 is less than "
              "the minimum of 0",
              edits=(("compute: {vmSize: Standard_NC12s_v3}", "compute: {maxNodes: -3}"),)),
    spec_case("per-env-map-in-override-names-unknown-env",
              "mlenv.yaml:46:32: environments.pro.overrides.workspaces.vision.compute.maxNodes.prod: 'prod' is not "
              "an environment of this spec (did you mean 'pro'?)",
              edits=(("compute: {vmSize: Standard_NC12s_v3}", "compute: {maxNodes: {prod: 5}}"),)),
    spec_case("shared-override-unknown-key",
              "mlenv.yaml:48:20: environments.pro.overrides.shared.keyVault.skuu: unknown key 'skuu' "
              "(did you mean 'sku'?)",
              edits=((STORAGE_PRO_OVERRIDE[0],
                      STORAGE_PRO_OVERRIDE[0] + "      shared:\n        keyVault: {skuu: premium}\n"),)),
    spec_case("unknown-token-in-override",
              f"mlenv.yaml:46:26: environments.pro.overrides.workspaces.vision.workspaceName: unknown token "
              f"{{wrkload}}; {TOKENS}",
              edits=(("compute: {vmSize: Standard_NC12s_v3}", 'workspaceName: "mlw-{wrkload}"'),)),
    # node counts
    spec_case("min-nodes-above-max-nodes-in-int",
              "mlenv.yaml:125:17: workspaces[0].compute.minNodes: minNodes 2 is greater than maxNodes 1 "
              "in environment int; lower minNodes or raise maxNodes",
              edits=(("      minNodes: 0\n", "      minNodes: {default: 0, int: 2}\n"),)),
    spec_case("min-nodes-above-max-nodes-via-override",
              "mlenv.yaml:46:31: environments.pro.overrides.workspaces.vision.compute.minNodes: minNodes 9 is "
              "greater than maxNodes 8 in environment pro; lower minNodes or raise maxNodes",
              edits=(("compute: {vmSize: Standard_NC12s_v3}", "compute: {minNodes: 9}"),)),
    spec_case("min-nodes-above-max-nodes-everywhere",
              "mlenv.yaml:133:17: workspaces[1].compute.minNodes: minNodes 5 is greater than maxNodes 4 "
              "in environments dev, int, pro; lower minNodes or raise maxNodes",
              edits=(("      vmSize: Standard_DS3_v2\n", "      vmSize: Standard_DS3_v2\n      minNodes: 5\n"),)),
    # release
    spec_case("release-order-names-unknown-environment",
              "mlenv.yaml:143:21: release.order[2]: 'prod' is not an environment of this spec (did you mean 'pro'?)",
              edits=(("  serviceConnection: armgen-workload-identity\n",
                      "  serviceConnection: armgen-workload-identity\n  order: [int, dev, prod]\n"),)),
    spec_case("release-order-puts-int-later",
              "mlenv.yaml:143:16: release.order[1]: 'int' is listed after 'dev', but the release deploys, verifies "
              "and tears down int before any other environment; move it to the front",
              edits=(("  serviceConnection: armgen-workload-identity\n",
                      "  serviceConnection: armgen-workload-identity\n  order: [dev, int, pro]\n"),)),
    spec_case("release-order-leaves-out-an-environment",
              "mlenv.yaml:143:10: release.order: environment 'dev' is not listed, so the release would never deploy "
              "it; the release deploys every environment of the spec, int first: e.g. order: [int, pro, dev]",
              edits=(("  serviceConnection: armgen-workload-identity\n",
                      "  serviceConnection: armgen-workload-identity\n  order: [int, pro]\n"),)),
    spec_case("release-order-leaves-out-int",
              "mlenv.yaml:143:10: release.order: environment 'int' is not listed, so the release would never deploy "
              "it; the release deploys every environment of the spec, int first: e.g. order: [int, dev, pro]",
              edits=(("  serviceConnection: armgen-workload-identity\n",
                      "  serviceConnection: armgen-workload-identity\n  order: [dev, pro]\n"),)),
    spec_case("release-order-repeats-an-environment",
              "mlenv.yaml:143:21: release.order[2]: 'int' is listed twice",
              edits=(("  serviceConnection: armgen-workload-identity\n",
                      "  serviceConnection: armgen-workload-identity\n  order: [int, dev, int, pro]\n"),)),
    # YAML itself
    spec_case("yaml-unclosed-flow-sequence",
              "mlenv.yaml:135:8: invalid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence "
              "started on line 134); fix the syntax",
              edits=(("    batchEndpoints: [scoring]\n    sql:", "    batchEndpoints: [scoring\n    sql:"),)),
    spec_case("yaml-tab-indentation",
              "mlenv.yaml:5:1: invalid YAML: found character '\\t' that cannot start any token; fix the syntax",
              edits=((PROJECT, "project: mlp\n\tfoo: 1\n\nnaming:\n"),)),
    spec_case("yaml-bad-indentation",
              "mlenv.yaml:34:15: invalid YAML: mapping values are not allowed here; fix the syntax",
              edits=(("    location: northeurope\n", "      location: northeurope\n"),)),
    spec_case("yaml-duplicate-key",
              "mlenv.yaml:19:5: environments.dev.location: duplicate key 'location' (first defined on line 18); "
              "remove one",
              edits=(("    location: westeurope\n    target: emulator\n    tags: {environment: dev}",
                      "    location: westeurope\n    location: westus\n    target: emulator\n"
                      "    tags: {environment: dev}"),)),
    spec_case("yaml-undefined-alias",
              "mlenv.yaml:4:10: invalid YAML: found undefined alias 'nope'; fix the syntax",
              edits=((PROJECT, "project: *nope\n\nnaming:\n"),)),
    spec_case("empty-file", "mlenv.yaml:1:1: the file is empty; run 'armgen init' for a sample", text=""),
    spec_case("comments-only-file", "mlenv.yaml:1:1: the file is empty; run 'armgen init' for a sample",
              text="# nothing here yet\n"),
    spec_case("not-a-mapping",
              "mlenv.yaml:1:1: the spec must be a mapping with project, environments, workspaces",
              text="- project: mlp\n"),
]

DS_CASES = [
    ds_case("datastore-bad-json",
            "datastore_config.json:6:7: invalid JSON: Expecting ',' delimiter; fix the syntax",
            edits=(('"storageAccount": "data",\n      "container": "datasets"',
                    '"storageAccount": "data"\n      "container": "datasets"'),)),
    ds_case("datastore-trailing-comma",
            "datastore_config.json:9:5: invalid JSON: Expecting property name enclosed in double quotes; "
            "fix the syntax",
            edits=(('"description": "Shared datasets"\n', '"description": "Shared datasets",\n'),)),
    ds_case("datastore-empty-file", "datastore_config.json:1:1: the file is empty; expected a JSON object",
            text=""),
    ds_case("datastore-top-level-array", "datastore_config.json:1:1: [] is not of type 'object'", text="[]\n"),
    ds_case("datastores-not-a-list",
            "datastore_config.json:1:16: datastores: {\"a\": 1} is not of type 'array'",
            text='{"datastores": {"a": 1}}\n'),
    ds_case("datastore-unknown-workspace-did-you-mean",
            "datastore_config.json:21:22: datastores[2].workspaces[0]: unknown workspace 'visio' "
            "(did you mean 'vision'?)",
            edits=(('"workspaces": ["vision"],\n      "description": "Init', '"workspaces": ["visio"],\n      "description": "Init'),)),
    ds_case("datastore-unknown-workspace",
            "datastore_config.json:21:22: datastores[2].workspaces[0]: unknown workspace 'finance'; "
            "mlenv.yaml has: vision, nlp",
            edits=(('"workspaces": ["vision"],\n      "description": "Init', '"workspaces": ["finance"],\n      "description": "Init'),)),
    ds_case("datastore-unknown-container-did-you-mean",
            "datastore_config.json:13:20: datastores[1].container: storage account 'data' has no container "
            "'resluts' (did you mean 'results'?)",
            edits=(('"container": "results"', '"container": "resluts"'),)),
    ds_case("datastore-unknown-container",
            "datastore_config.json:13:20: datastores[1].container: storage account 'data' has no container "
            "'archive'; add it to shared.storage.data.containers in mlenv.yaml",
            edits=(('"container": "results"', '"container": "archive"'),)),
    ds_case("datastore-container-of-the-other-account",
            "datastore_config.json:13:20: datastores[1].container: storage account 'workspace' has no container "
            "'results'; add it to shared.storage.workspace.containers in mlenv.yaml",
            edits=(('"storageAccount": "data",\n      "container": "results"',
                    '"storageAccount": "workspace",\n      "container": "results"'),)),
    ds_case("datastore-unknown-storage-account",
            "datastore_config.json:12:25: datastores[1].storageAccount: 'dta' is not one of ['data', 'workspace']",
            edits=(('"storageAccount": "data",\n      "container": "results"',
                    '"storageAccount": "dta",\n      "container": "results"'),)),
    ds_case("datastore-unknown-key",
            "datastore_config.json:8:7: datastores[0].descripton: unknown key 'descripton' "
            "(did you mean 'description'?)",
            edits=(('"description": "Shared datasets"', '"descripton": "Shared datasets"'),)),
    ds_case("datastore-missing-container",
            "datastore_config.json:3:5: datastores[0]: missing required key 'container'",
            edits=(('"storageAccount": "data",\n      "container": "datasets",', '"storageAccount": "data",'),)),
    ds_case("datastore-duplicate-name",
            "datastore_config.json:11:15: datastores[1].name: duplicate datastore 'datasets' (also datastores[0])",
            edits=(('"name": "results"', '"name": "datasets"'),)),
    ds_case("datastore-duplicate-json-key",
            "datastore_config.json:11:26: datastores[1].name: duplicate key 'name' (first defined on line 11); "
            "remove one",
            edits=(('"name": "results",', '"name": "results", "name": "results2",'),)),
    ds_case("datastore-invalid-name",
            "datastore_config.json:18:15: datastores[2].name: 'init-networks' is not a valid datastore name: "
            "1-255 lowercase letters, digits and underscores",
            edits=(('"name": "init_networks"', '"name": "init-networks"'),)),
    ds_case("datastore-without-workspaces",
            "datastore_config.json:21:21: datastores[2].workspaces: [] should be non-empty",
            edits=(('"workspaces": ["vision"],\n      "description": "Init', '"workspaces": [],\n      "description": "Init'),)),
]

DANGLING_AFTER_SPEC_EDIT = Bad(
    "datastore-names-a-workspace-dropped-from-the-spec",
    ("datastore_config.json:7:32: datastores[0].workspaces[1]: unknown workspace 'nlp'; mlenv.yaml has: vision",
     "datastore_config.json:14:32: datastores[1].workspaces[1]: unknown workspace 'nlp'; mlenv.yaml has: vision",
     "datastore_config.json:38:22: datastores[4].workspaces[0]: unknown workspace 'nlp'; mlenv.yaml has: vision",
     "datastore_config.json:50:22: datastores[5].workspaces[0]: unknown workspace 'nlp'; mlenv.yaml has: vision"),
    spec=(("  - name: nlp\n    description: Natural language work package\n    compute:\n"
           "      vmSize: Standard_DS3_v2\n      maxNodes: 4\n    batchEndpoints: [scoring]\n"
           "    sql:                                             # an Azure SQL database next to the workspace, in pro\n"
           "      enabled: {default: false, pro: true}\n"
           "      adminGroup: {name: ml-nlp-sql-admins, objectId: 22222222-3333-4444-5555-666666666666}\n"
           "      sku: {default: Basic, pro: S1}\n"
           "      backupRedundancy: {default: Local, pro: Geo}\n", ""),),
)

ALL = SPEC_CASES + DS_CASES + [DANGLING_AFTER_SPEC_EDIT]


def _project(tmp_path: Path, case: Bad) -> Path:
    spec = case.spec_text if case.spec_text is not None else edited(SAMPLE_SPEC, case.spec)
    datastores = case.datastores_text
    if datastores is None:
        datastores = edited(SAMPLE_DATASTORES, case.datastores)
    return write_project(tmp_path, spec, datastores)


def test_there_are_enough_distinct_cases() -> None:
    assert len(ALL) >= 25
    assert len({c.id for c in ALL}) == len(ALL)


@pytest.mark.parametrize("case", ALL, ids=[c.id for c in ALL])
def test_bad_input_is_one_located_line_per_problem(tmp_path: Path, case: Bad) -> None:
    spec = _project(tmp_path, case)
    result = render(spec)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"Error: {line}" for line in case.expected]
    assert not (tmp_path / "templates").exists() and not (tmp_path / "parameters").exists()


def test_missing_spec_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = render(tmp_path / "nothere.yaml")  # no line to point at, and --spec was passed already
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'nothere.yaml'}: file not found; check the path given with --spec\n"
    monkeypatch.setenv("ARMGEN_SPEC", str(tmp_path / "nothere.yaml"))
    from_env = armgen("render")
    assert from_env.exit_code == 2
    assert from_env.stderr == (f"Error: {tmp_path / 'nothere.yaml'}: file not found; check the path given with "
                               "ARMGEN_SPEC\n")


def test_unknown_environment_on_the_command_line(tmp_path: Path) -> None:
    result = render(write_project(tmp_path), "--env", "prod")
    assert result.exit_code == 2
    assert result.stderr == "Error: mlenv.yaml: no environment 'prod' (did you mean 'pro'?); the spec has: dev, int, pro\n"
    assert not (tmp_path / "templates").exists()


def test_several_problems_are_all_reported_in_file_order(tmp_path: Path) -> None:
    spec = edited(SAMPLE_SPEC, (("      maxNodes: 4\n", "      maxNodes: -1\n"),
                                ("staging: {sku: {default: Standard, int: Premium, pro: Premium}}", "staging: {sku: Standrd}"),
                                (PROJECT, "project: mlp\nprojct: mlp\n\nnaming:\n")))
    result = render(write_project(tmp_path, spec))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: mlenv.yaml:5:1: projct: unknown key 'projct' (did you mean 'project'?)",
        "Error: mlenv.yaml:85:20: shared.registries.staging.sku: 'Standrd' is not one of "
        "['Basic', 'Standard', 'Premium']",
        "Error: mlenv.yaml:134:17: workspaces[1].compute.maxNodes: -1 is less than the minimum of 0",
    ]


def test_a_real_process_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    spec = write_project(tmp_path, edited(SAMPLE_SPEC, (("      maxNodes: 4\n", "      maxNodes: -1\n"),)))
    proc = subprocess.run([sys.executable, "-c", "from armgen.cli.main import cli; cli()", "render", "--spec",
                           str(spec)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == "Error: mlenv.yaml:133:17: workspaces[1].compute.maxNodes: -1 is less than the minimum of 0\n"
