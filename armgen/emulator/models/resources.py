"""Generic resources by id: PUT/GET/DELETE/list with the providers' rules and runtime properties."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from armgen import create_only
from armgen.emulator.config import EmulatorConfig
from armgen.emulator.models import data_rules, naming_rules, network, protection, rbac, soft_delete
from armgen.emulator.models.errors import ArmHttpError, bad_request, group_not_found, not_found
from armgen.emulator.models.ids import ResourceId, group_id, parse_resource_id, same_id
from armgen.emulator.models.read_only import without_read_only
from armgen.emulator.models.runtime import (
    WRITE_ONLY,
    identity_runtime,
    list_keys,
    runtime_properties,
    seal_write_only,
)
from armgen.emulator.store import Store

_NO_LOCATION = frozenset({"microsoft.authorization", "microsoft.resources", "microsoft.management"})
# management groups are the tenant's: any one named is there (the emulator has no management group API)
_MANAGEMENT_GROUP = re.compile(r"^/providers/microsoft\.management/managementgroups/[^/]+$", re.IGNORECASE)
_BODY_KEYS = ("location", "tags", "sku", "kind", "identity", "zones", "plan", "properties", "extendedLocation")


def public(doc: dict[str, Any]) -> dict[str, Any]:
    """The resource as GET returns it (internal ``_`` keys removed)."""
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def listed_in_group(rid: ResourceId) -> bool:
    """ARM's resource list (and complete mode) leaves out extension and authorization resources."""
    return not rid.is_extension and rid.namespace.lower() != "microsoft.authorization"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z")


class ResourceModel:
    """State and rules of resources (subscription -> resource group -> resource)."""

    def __init__(self, store: Store, config: EmulatorConfig) -> None:
        self.store, self.config = store, config

    # -- reads ------------------------------------------------------------------------------
    def raw(self, resource_id: str) -> dict[str, Any] | None:
        return self.store.get("res", parse_resource_id(resource_id).id)

    def exists(self, resource_id: str) -> bool:
        return self.raw(resource_id) is not None

    def get(self, resource_id: str) -> dict[str, Any]:
        rid = parse_resource_id(resource_id)
        doc = self.store.get("res", rid.id)
        if doc is None and rid.type.lower() == rbac.DEFINITION:
            doc = rbac.builtin_definition(rid.subscription, rid.names[-1])
        if doc is None:
            raise not_found(rid.type, rid.name, rid.resource_group or "")
        return public(doc)

    def requested(self, resource_id: str) -> dict[str, Any] | None:
        """The body last PUT (no runtime properties): what-if compares against this."""
        doc = self.raw(resource_id)
        return None if doc is None else doc.get("_requested")

    def list_group(self, subscription: str, group: str) -> list[dict[str, Any]]:
        gid = group_id(subscription, group)
        self._require_group(gid, group)
        return [public(d) for d in self.store.children("res", gid) if listed_in_group(parse_resource_id(d["id"]))]

    def list_keys(self, resource_id: str, function_name: str) -> dict[str, Any]:
        rid = parse_resource_id(resource_id)
        if self.store.get("res", rid.id) is None:
            raise not_found(rid.type, rid.name, rid.resource_group or "")
        return list_keys(rid, function_name)

    # -- writes -----------------------------------------------------------------------------
    def put(self, resource_id: str, body: dict[str, Any], api_version: str) -> tuple[dict[str, Any], bool]:
        """Create or replace; returns (resource, created). Raises ArmHttpError as the provider would."""
        rid = parse_resource_id(resource_id)
        body = without_read_only(rid.type, {k: v for k, v in (body or {}).items() if k in _BODY_KEYS})
        with self.store.lock:
            self._check_scope(rid)
            protection.check_lock(self.store, rid.id, "write")
            current = self.store.get("res", rid.id)
            naming_rules.check_resource_name(rid)
            naming_rules.check_global_name(self.store, rid)
            recovered = soft_delete.check_not_soft_deleted(self.store, rid, body) if current is None else None
            self._check_type_rules(rid, body, current)
            doc = self._build(rid, body, current, recovered, api_version)
            self._network_runtime(rid, doc)
            self.store.put("res", rid.id, doc, parent=self._parent_key(rid))
            naming_rules.claim_global_name(self.store, rid)
            if recovered is not None:
                self.store.delete("deleted", soft_delete.deleted_key(rid))
            self._register_principals(doc)
        return public(doc), current is None

    def store_resource(self, resource_id: str, body: dict[str, Any], api_version: str) -> None:
        """Store a resource a provider creates on its own (a DNS zone group's A records): no checks."""
        rid = parse_resource_id(resource_id)
        with self.store.lock:
            doc = self._build(rid, body, self.store.get("res", rid.id), None, api_version)
            self.store.put("res", rid.id, doc, parent=self._parent_key(rid))

    def _network_runtime(self, rid: ResourceId, doc: dict[str, Any]) -> None:
        t = rid.type.lower()
        if t == network.PE:
            network.endpoint_runtime(self, rid, doc)
            doc["_runtime"].update({k: True for k in ("customDnsConfigs", "networkInterfaces")})
        elif t == network.ZONE_GROUP:
            network.zone_group_runtime(self, rid, doc)

    def set_provisioning_state(self, resource_id: str, state: str) -> dict[str, Any] | None:
        """Move a stored resource to ``state`` (Creating while it provisions, Succeeded/Failed at the end)."""
        rid = parse_resource_id(resource_id)
        with self.store.lock:
            doc = self.store.get("res", rid.id)
            if doc is not None:
                doc["properties"]["provisioningState"] = state
                self.store.put("res", rid.id, doc, parent=self._parent_key(rid))
        return None if doc is None else public(doc)

    def delete(self, resource_id: str, purge: bool = False, check_locks: bool = True) -> bool:
        """Delete a resource, its children and extension resources on it; soft-delete where Azure does."""
        rid = parse_resource_id(resource_id)
        with self.store.lock:
            doc = self.store.get("res", rid.id)
            if doc is not None and check_locks:
                protection.check_lock(self.store, rid.id, "delete")
            if doc is not None and rid.type.lower() == rbac.DEFINITION:
                rbac.check_unassigned(self.store, rid)
            if doc is None:
                held = self.store.get("deleted", soft_delete.deleted_key(rid)) if len(rid.types) == 1 else None
                if purge and held is not None and same_id(held["id"], rid.id):
                    soft_delete.purge(self.store, soft_delete.deleted_key(rid), force=True)
                    naming_rules.release_global_name(self.store, rid)
                    return True
                return False
            network.check_delete(self, rid, doc)
            children = self.store.with_prefix("res", rid.id + "/")
            for child in children:
                self.store.delete("res", child["id"])
                naming_rules.release_global_name(self.store, parse_resource_id(child["id"]))
            self.store.delete("res", rid.id)
            network.after_delete(self, rid, doc, children)
            naming_rules.release_global_name(self.store, rid)
            if not purge and soft_delete.is_soft_deletable(rid, doc):
                soft_delete.soft_delete(self.store, rid, public(doc) | {"_requested": doc.get("_requested")},
                                        dt.datetime.now(dt.UTC))
                if rid.type.lower() == soft_delete.VAULT:
                    self.store.put("gname", f"{rid.type.lower()}/{rid.names[0].lower()}", {"id": rid.id})
        return True

    def delete_group_contents(self, subscription: str, group: str) -> int:
        gid = group_id(subscription, group)
        docs = self.store.children("res", gid)
        tops = [d for d in docs if len(parse_resource_id(d["id"]).types) == 1]
        for d in sorted(tops, key=lambda d: (network.delete_order(d["type"]), -d["id"].count("/"))):
            self.delete(d["id"], check_locks=False)
        for d in self.store.with_prefix("res", gid + "/"):
            self.delete(d["id"], check_locks=False)
        return len(docs)

    # -- helpers ----------------------------------------------------------------------------
    def _require_group(self, gid: str, name: str) -> None:
        if self.store.get("rg", gid) is None:
            raise group_not_found(name)

    @staticmethod
    def _parent_key(rid: ResourceId) -> str:
        return rid.group_id or rid.scope

    def _check_scope(self, rid: ResourceId) -> None:
        if rid.group_id:
            self._require_group(rid.group_id, rid.resource_group or "")
        if rid.is_extension and not _MANAGEMENT_GROUP.match(rid.scope) \
                and self.store.get("res", parse_resource_id(rid.scope).id) is None \
                and not self._implicit(parse_resource_id(rid.scope)):
            scope = parse_resource_id(rid.scope)
            raise not_found(scope.type, scope.name, scope.resource_group or "")
        parent = rid.parent
        while parent is not None:
            prid = parse_resource_id(parent)
            if self.store.get("res", prid.id) is not None:
                return
            if prid.names[-1].lower() != "default":  # blobServices/default & co. exist implicitly
                raise ArmHttpError(404, "ParentResourceNotFound",
                                   "Can not perform requested operation on nested resource. Parent resource "
                                   f"'{prid.name}' not found.")
            parent = prid.parent

    def _implicit(self, rid: ResourceId) -> bool:
        """Resources Azure creates with their parent: a SQL server's master database."""
        return (rid.type.lower() == data_rules.SQL_DATABASE and rid.names[-1].lower() == "master"
                and rid.parent is not None and self.store.get("res", parse_resource_id(rid.parent).id) is not None)

    def _check_type_rules(self, rid: ResourceId, body: dict[str, Any], current: dict[str, Any] | None) -> None:
        t = rid.type.lower()
        if t == rbac.ASSIGNMENT:
            rbac.check_role_assignment(self.store, rid, body, self.config.tenant_id,
                                       self.config.principal_delay_seconds, self.config.strict_role_definitions)
        elif t == rbac.DEFINITION:
            rbac.check_role_definition(self.store, rid, body)
        if current is not None:
            for found in create_only.violations(rid.type, current.get("_requested") or {}, body):
                raise ArmHttpError(found.rule.status, found.rule.code,
                                   found.message(rid.names[-1], rid.resource_group or ""), target=found.path)
        data_rules.check(self.store, rid, body, current)
        network.check_put(self, rid, body, current)
        if len(rid.types) == 1 and not rid.is_extension and rid.namespace.lower() not in _NO_LOCATION \
                and not body.get("location"):
            raise bad_request("LocationRequired", "The location property is required for this definition.")
        if rid.type.lower() != rbac.ASSIGNMENT and "properties" in body and not isinstance(body["properties"], dict):
            raise bad_request("InvalidRequestContent", "The 'properties' of the request must be an object.")

    def _build(self, rid: ResourceId, body: dict[str, Any], current: dict[str, Any] | None,
               recovered: dict[str, Any] | None, api_version: str) -> dict[str, Any]:
        previous = current or (recovered or {}).get("doc") or {}
        old_runtime = dict(previous.get("_runtime") or {})
        stamp = now_iso()
        runtime = runtime_properties(rid, body, old_runtime | {"_now": stamp, "_tenant": self.config.tenant_id})
        props = dict(body.get("properties") or {})
        props.update(runtime)
        if rid.type.lower() == soft_delete.VAULT:
            props.pop("createMode", None)
        for key in WRITE_ONLY.get(rid.type.lower(), ()):
            props.pop(key, None)
        data_rules.hide_secrets(rid, props)
        doc: dict[str, Any] = {"id": rid.id, "name": rid.names[-1] if rid.is_extension else rid.name,
                               "type": rid.type}
        for key in _BODY_KEYS:
            if key in body and key != "properties":
                doc[key] = body[key]
        doc["properties"] = props
        if "identity" in body:
            doc["identity"] = identity_runtime(body["identity"], previous.get("identity"), self.config.tenant_id)
        doc["systemData"] = {"createdAt": (previous.get("systemData") or {}).get("createdAt", stamp),
                             "lastModifiedAt": stamp}
        # what the client declared: the provider's generated (read-only) values are not part of it
        declared = dict(body, properties={k: v for k, v in (body.get("properties") or {}).items()
                                          if k not in runtime}) if "properties" in body else body
        doc["_requested"] = seal_write_only(rid.type, rid.id, declared)
        doc["_runtime"] = {k: v for k, v in runtime.items() if not k.startswith("_")}
        doc["_apiVersion"] = api_version
        doc["_etag"] = str(uuid.uuid4())
        return doc

    def _register_principals(self, doc: dict[str, Any]) -> None:
        rbac.register_principal(self.store, (doc.get("properties") or {}).get("principalId")
                                if doc["type"].lower() == "microsoft.managedidentity/userassignedidentities"
                                else None)
        identity = doc.get("identity")
        if isinstance(identity, dict):
            rbac.register_principal(self.store, identity.get("principalId"))
