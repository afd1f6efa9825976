"""Property tests: for varied generated specs, render is deterministic and every parameter file fits its template.

A parameter file ``<unit>.parameters.<env>.json`` pairs with ``templates/<kind>.json`` where ``kind`` is the
unit name up to the first hyphen. It must provide exactly the parameters the template declares: no unknown
names, every parameter without a defaultValue present, each value of the declared ARM type and within the
declared allowedValues and length/value limits.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armgen.render.files import render_all
from armgen.spec import load_spec

ARM_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "securestring": (str,), "int": (int,), "bool": (bool,),
    "array": (list,), "object": (dict,), "secureobject": (dict,),
}
VM_SIZES = ["Standard_DS3_v2", "Standard_NC6s_v3", "Standard_D4s_v5", "Standard_ND40rs_v2"]
STORAGE_SKUS = ["Standard_LRS", "Standard_GRS", "Standard_ZRS", "Standard_RAGZRS", "Premium_LRS"]
REGISTRY_SKUS = ["Basic", "Standard", "Premium"]

short_name = st.from_regex(r"[a-z][a-z0-9]{1,5}", fullmatch=True)
workspace_name = st.from_regex(r"[a-z][a-z0-9]{2,9}", fullmatch=True)
container_name = st.from_regex(r"[a-z0-9]([a-z0-9]|-(?=[a-z0-9])){1,10}[a-z0-9]", fullmatch=True)


def per_env(draw: st.DrawFn, envs: list[str], values: st.SearchStrategy) -> Any:
    """Either one value, or a map {default: v, <env>: v} over some of the environments."""
    if draw(st.booleans()):
        return draw(values)
    chosen = draw(st.lists(st.sampled_from(envs), unique=True, max_size=len(envs)))
    out = {env: draw(values) for env in chosen}
    if len(chosen) < len(envs) or draw(st.booleans()):
        out["default"] = draw(values)
    return out


def value_in(value: Any, env: str) -> Any:
    if isinstance(value, dict):
        return value.get(env, value.get("default"))
    return value


@st.composite
def specs(draw: st.DrawFn) -> tuple[dict, dict]:
    envs = draw(st.lists(short_name.filter(lambda n: n != "default"), min_size=1, max_size=4, unique=True))
    names = draw(st.lists(workspace_name, min_size=1, max_size=4, unique=True))
    containers = draw(st.lists(container_name, max_size=3, unique=True))
    workspaces = []
    env_overrides: dict[str, dict] = {}
    for name in names:
        max_nodes = per_env(draw, envs, st.integers(1, 20))
        # minNodes stays at or below the smallest maxNodes of any environment
        low = min(value_in(max_nodes, e) if value_in(max_nodes, e) is not None else 2 for e in envs)
        ws: dict[str, Any] = {"name": name, "compute": {
            "vmSize": per_env(draw, envs, st.sampled_from(VM_SIZES)),
            "minNodes": per_env(draw, envs, st.integers(0, low)),
            "maxNodes": max_nodes,
            "vmPriority": draw(st.sampled_from(["Dedicated", "LowPriority"])),
            "idleSeconds": draw(st.integers(0, 3600)),
        }}
        if draw(st.booleans()):
            ws["batchEndpoints"] = draw(st.lists(st.from_regex(r"[a-z][a-z0-9]{1,4}", fullmatch=True),
                                                 max_size=2, unique=True))
        if draw(st.booleans()):
            ws["hbiWorkspace"] = draw(st.booleans())
        workspaces.append(ws)
    for env in envs:  # some environments override some workspaces' node limits and the data storage sku
        ws_patch = {}
        for ws in workspaces:
            if draw(st.integers(0, 3)) == 0:
                low = max(value_in(ws["compute"]["minNodes"], e) or 0 for e in envs)
                ws_patch[ws["name"]] = {"compute": {"maxNodes": draw(st.integers(max(low, 1), 20))}}
        override: dict[str, Any] = {"workspaces": ws_patch} if ws_patch else {}
        if draw(st.integers(0, 3)) == 0:
            override["shared"] = {"storage": {"data": {"sku": draw(st.sampled_from(STORAGE_SKUS))}}}
        if override:
            env_overrides[env] = override
    spec = {
        "project": draw(short_name),
        "environments": {e: {"subscriptionId": f"00000000-0000-0000-0000-{i:012d}", "location": "westeurope",
                             "tags": {"environment": e},
                             **({"overrides": env_overrides[e]} if e in env_overrides else {})}
                         for i, e in enumerate(envs)},
        "shared": {
            "logAnalytics": {"retentionDays": per_env(draw, envs, st.integers(30, 730))},
            "keyVault": {"sku": per_env(draw, envs, st.sampled_from(["standard", "premium"]))},
            "storage": {"workspace": {"sku": per_env(draw, envs, st.sampled_from(STORAGE_SKUS))},
                        "data": {"sku": per_env(draw, envs, st.sampled_from(STORAGE_SKUS)),
                                 "containers": containers}},
            "registries": {"staging": {"sku": per_env(draw, envs, st.sampled_from(REGISTRY_SKUS))},
                           "healthy": {"sku": per_env(draw, envs, st.sampled_from(REGISTRY_SKUS))}},
        },
        "workspaces": workspaces,
    }
    datastores = []
    for i in range(draw(st.integers(0, 3))):
        on_data = bool(containers) and draw(st.booleans())
        datastores.append({
            "name": f"store_{i}",
            "storageAccount": "data" if on_data else "workspace",
            "container": draw(st.sampled_from(containers if on_data else names)),
            "workspaces": draw(st.lists(st.sampled_from(names), min_size=1, unique=True)),
        })
    return spec, {"datastores": datastores}


def expected(spec: dict, env: str, path: list[Any]) -> Any:
    """The value at ``path`` (keys, workspace names) in ``env``: the override if any, else the top-level value."""
    def walk(node: Any, steps: list[Any]) -> Any:
        for step in steps:
            if not isinstance(node, dict) or step not in node:
                return None
            node = node[step]
        return node

    override = spec["environments"][env].get("overrides", {})
    if path[0] == "workspaces":
        found = walk(override.get("workspaces", {}), path[1:])
        base = walk({w["name"]: w for w in spec["workspaces"]}, path[1:])
    else:
        found, base = walk(override, path), walk(spec, path)
    return value_in(found if found is not None else base, env)


def _render(spec: dict, datastores: dict) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "mlenv.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
        (folder / "datastore_config.json").write_text(json.dumps(datastores, indent=2), encoding="utf-8")
        return render_all(load_spec(folder / "mlenv.yaml"))


def _problems(name: str, value: Any, declared: dict) -> list[str]:
    kind = declared["type"].lower()
    out = []
    if not isinstance(value, ARM_TYPES[kind]) or (kind == "int" and isinstance(value, bool)):
        return [f"{name}: {value!r} is not of ARM type {declared['type']}"]
    if "allowedValues" in declared and value not in declared["allowedValues"]:
        out.append(f"{name}: {value!r} is not one of {declared['allowedValues']}")
    size = len(value) if isinstance(value, str | list) else None
    if size is not None and not declared.get("minLength", 0) <= size <= declared.get("maxLength", size):
        out.append(f"{name}: length {size} outside the declared limits")
    if kind == "int" and not declared.get("minValue", value) <= value <= declared.get("maxValue", value):
        out.append(f"{name}: {value} outside the declared limits")
    return out


def check_pairing(files: dict[str, str]) -> None:
    templates = {rel.removeprefix("templates/").removesuffix(".json"): json.loads(text)
                 for rel, text in files.items() if rel.startswith("templates/")}
    params = {rel: json.loads(text) for rel, text in files.items() if rel.startswith("parameters/")}
    assert params
    for rel, doc in params.items():
        unit = Path(rel).name.split(".parameters.")[0]
        declared = templates[unit.split("-")[0]]["parameters"]
        given_params = doc["parameters"]
        assert set(given_params) <= set(declared), (rel, set(given_params) - set(declared))
        required = {n for n, d in declared.items() if "defaultValue" not in d}
        assert required <= set(given_params), (rel, required - set(given_params))
        problems = [p for n, entry in given_params.items() for p in _problems(n, entry["value"], declared[n])]
        assert problems == [], rel


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs())
def test_render_is_deterministic_and_parameters_fit_their_templates(generated: tuple[dict, dict]) -> None:
    spec, datastores = generated
    first = _render(spec, datastores)
    second = _render(spec, datastores)
    assert first == second
    check_pairing(first)

    envs = list(spec["environments"])
    for ws in spec["workspaces"]:
        for env in envs:
            compute = json.loads(first[f"parameters/computecluster-{ws['name']}.parameters.{env}.json"])
            values = {k: v["value"] for k, v in compute["parameters"].items()}
            for param, key in (("maxNodeCount", "maxNodes"), ("minNodeCount", "minNodes"), ("vmSize", "vmSize")):
                assert values[param] == expected(spec, env, ["workspaces", ws["name"], "compute", key])
            has_endpoints = bool(ws.get("batchEndpoints"))
            assert (f"parameters/batchendpoint-{ws['name']}.parameters.{env}.json" in first) == has_endpoints
    for env in envs:
        data = json.loads(first[f"parameters/storageaccount-data.parameters.{env}.json"])["parameters"]
        assert data["skuName"]["value"] == expected(spec, env, ["shared", "storage", "data", "sku"])
        assert data["containerNames"]["value"] == spec["shared"]["storage"]["data"]["containers"]
    per_env_files = [rel for rel in first if rel.startswith("parameters/")]
    assert len(per_env_files) % len(envs) == 0


def test_the_pairing_check_catches_a_mismatch() -> None:
    files = {"templates/thing.json": json.dumps({"parameters": {
        "name": {"type": "string", "maxLength": 5}, "count": {"type": "int", "defaultValue": 1},
        "sku": {"type": "string", "allowedValues": ["a", "b"], "defaultValue": "a"}}})}
    good = {"parameters": {"name": {"value": "ab"}, "sku": {"value": "b"}}}
    check_pairing({**files, "parameters/thing.parameters.dev.json": json.dumps(good)})
    bad_cases = [
        {"parameters": {"name": {"value": "ab"}, "extra": {"value": 1}}},  # unknown name
        {"parameters": {"count": {"value": 2}}},  # required 'name' missing
        {"parameters": {"name": {"value": "ab"}, "count": {"value": True}}},  # bool is not int
        {"parameters": {"name": {"value": "abcdefg"}}},  # too long
        {"parameters": {"name": {"value": "ab"}, "sku": {"value": "c"}}},  # not allowed
    ]
    for bad in bad_cases:
        try:
            check_pairing({**files, "parameters/thing-x.parameters.dev.json": json.dumps(bad)})
        except AssertionError:
            continue
        raise AssertionError(f"pairing check accepted {bad}")
