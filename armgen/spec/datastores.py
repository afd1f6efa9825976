"""datastore_config.json: loaded, schema-checked and cross-checked against the spec, with file:line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from armgen.errors import SourceError
from armgen.jsonmarks import path_text
from armgen.spec import schema as schemas
from armgen.spec.model import Datastore, StorageAccount
from armgen.spec.yaml_loader import load_json, mark_of
from armgen.suggest import closest

SHARED_KINDS = ("blob", "dfs", "file")
# kind -> the key naming what the datastore points at inside its account
TARGET_KEY = {"blob": "container", "dfs": "filesystem", "file": "fileShare", "planetaryComputer": "container",
              "external": "container"}
KEY_VAULT_SHAPE = '{"keyVaultSecret": "<secret name>"}'


class _Checker:
    """Cross-checks of one datastore_config.json against the spec document, collecting located errors."""

    def __init__(self, file: str, config: Any, doc: Any, spec_file: str) -> None:
        self.file, self.config, self.doc, self.spec_file = file, config, doc, spec_file
        self.errors: list[SourceError] = []
        self.workspaces = [w["name"] for w in doc["workspaces"]]
        self.storage = (doc.get("shared") or {}).get("storage") or {}

    def error(self, where: list, message: str, key: bool = False) -> None:
        line, col = mark_of(self.config, where, key=key)
        self.errors.append(SourceError(self.file, line, col, path_text(where), message))

    def account(self, key: str) -> dict:
        return self.storage.get(key) or {}

    def containers(self, key: str) -> set[str]:
        declared = set(self.account(key).get("containers") or [])
        return declared | (set(self.workspaces) if key == "workspace" else set())

    def check_all(self) -> list[SourceError]:
        seen: dict[str, int] = {}
        defaults: dict[str, int] = {}
        for i, ds in enumerate(self.config["datastores"]):
            where = ["datastores", i]
            if ds["name"] in seen:
                self.error([*where, "name"], f"duplicate datastore '{ds['name']}' (also datastores[{seen[ds['name']]}])")
            seen.setdefault(ds["name"], i)
            kind = ds.get("kind", "blob")
            if kind in SHARED_KINDS:
                self.shared_target(ds, where, kind)
            elif kind == "external":
                self.external(ds, where)
            self.placement(ds, where, defaults, i)
        return self.errors

    def shared_target(self, ds: dict, where: list, kind: str) -> None:
        key, target = ds["storageAccount"], TARGET_KEY[kind]
        name = ds[target]
        if kind == "dfs" and not self.account(key).get("hierarchicalNamespace"):
            self.error([*where, "kind"] if "kind" in ds else where,
                       f"kind dfs (Data Lake Gen2) needs a hierarchical namespace, and storage account '{key}' has "
                       f"none; set shared.storage.{key}.hierarchicalNamespace: true in {self.spec_file} (a new "
                       "account) or use kind blob")
        if kind == "file":
            shares = set(self.account(key).get("fileShares") or [])
            if name not in shares:
                self.missing([*where, target], f"storage account '{key}' has no file share '{name}'", name,
                             shares, f"shared.storage.{key}.fileShares")
            return
        self.missing([*where, target], f"storage account '{key}' has no container '{name}'", name,
                     self.containers(key), f"shared.storage.{key}.containers")

    def missing(self, where: list, problem: str, name: str, known: set[str], list_path: str) -> None:
        if name in known:
            return
        guess = closest(name, sorted(known))
        hint = f" (did you mean '{guess}'?)" if guess else f"; add it to {list_path} in {self.spec_file}"
        self.error(where, problem + hint)

    def external(self, ds: dict, where: list) -> None:
        by_id, by_name = "resourceId" in ds, "accountName" in ds
        if by_id and by_name:
            self.error([*where, "accountName"], "give the account by resourceId or by accountName and endpoint, "
                                                "not both", key=True)
        elif not by_id and not by_name:
            self.error(where, "an external datastore names its account: resourceId (identity-based, another "
                              "team's account) or accountName and endpoint")
        elif by_name and "endpoint" not in ds:
            self.error([*where, "accountName"], f"external account '{ds['accountName']}' has no endpoint; add "
                                                '"endpoint": "core.windows.net" (the storage suffix of its cloud)',
                       key=True)
        credentials = ds.get("credentials", "identity")
        if credentials == "sas":
            self.sas_token(ds, where)
        elif "sasToken" in ds:
            self.error([*where, "sasToken"], f"sasToken is only used with \"credentials\": \"sas\" (this one is "
                                             f"{credentials!r}); remove it or set credentials to sas", key=True)

    def sas_token(self, ds: dict, where: list) -> None:
        token = ds.get("sasToken")
        at = [*where, "sasToken"]
        if token is None:
            self.error(where, f"credentials sas needs \"sasToken\": {KEY_VAULT_SHAPE}, a secret in the "
                              "platform's Key Vault that holds the token")
        elif isinstance(token, str):  # never echo the value: it may be a live token
            self.error(at, f"sasToken is a secret value; store the token in Key Vault and write {KEY_VAULT_SHAPE} "
                           "instead (no secret belongs in datastore_config.json or a parameter file)")
        elif not isinstance(token, dict) or not isinstance(token.get("keyVaultSecret"), str) \
                or set(token) - {"keyVaultSecret", "keyVault"} \
                or not isinstance(token.get("keyVault", ""), str):
            self.error(at, f"sasToken must be a Key Vault reference {KEY_VAULT_SHAPE} with an optional "
                           '"keyVault": "<vault resource id>"')

    def placement(self, ds: dict, where: list, defaults: dict[str, int], index: int) -> None:
        for j, ws in enumerate(ds["workspaces"]):
            if ws not in self.workspaces:
                guess = closest(ws, self.workspaces)
                hint = f" (did you mean '{guess}'?)" if guess else \
                    f"; {self.spec_file} has: {', '.join(self.workspaces)}"
                self.error([*where, "workspaces", j], f"unknown workspace '{ws}'{hint}")
            elif ds.get("default"):
                if ws in defaults:
                    other = self.config["datastores"][defaults[ws]]["name"]
                    self.error([*where, "default"], f"workspace '{ws}' already has the default datastore "
                                                    f"'{other}' (datastores[{defaults[ws]}]); keep one")
                defaults.setdefault(ws, index)


def load_datastores(path: Path, doc: Any, spec_file: str,
                    schema_checked: bool = True) -> tuple[list[dict], list[SourceError]]:
    """The datastores of ``path`` and every problem found (schema first, unless not ``schema_checked``); absent
    file means none."""
    if not path.exists():
        return [], []
    file = path.name
    config = load_json(path, file)
    errors = schemas.check("datastore_config", file, config) if schema_checked else []
    if errors:
        return [], errors
    errors = _Checker(file, config, doc, spec_file).check_all()
    return ([] if errors else list(config["datastores"])), errors


def datastore_model(d: dict, storage: dict[str, StorageAccount], subscription_id: str,
                    shared_group: str) -> Datastore:
    """The model of one checked datastore entry in one environment (names of its shared account resolved)."""
    kind = d.get("kind", "blob")
    common = {"name": d["name"], "kind": kind, "description": d.get("description", ""),
              "default": bool(d.get("default", False)), "container": d[TARGET_KEY[kind]]}
    if kind in SHARED_KINDS:
        key = d["storageAccount"]
        return Datastore(account_name=storage[key].name, storage_key=key, subscription_id=subscription_id,
                         resource_group=shared_group, **common)
    if kind == "planetaryComputer":
        return Datastore(account_name=d["accountName"], credentials="none", collection=d.get("collection", ""),
                         **common)
    credentials = d.get("credentials", "identity")
    token = d.get("sasToken") or {}
    extra = {"credentials": credentials, "sas_secret": token.get("keyVaultSecret", ""),
             "sas_vault_id": token.get("keyVault", "")}
    if "resourceId" in d:
        parts = d["resourceId"].split("/")
        return Datastore(account_name=parts[8], subscription_id=parts[2].lower(), resource_group=parts[4],
                         endpoint=d.get("endpoint", ""), **common, **extra)
    return Datastore(account_name=d["accountName"], endpoint=d["endpoint"], **common, **extra)
