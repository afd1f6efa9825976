"""The data layer's refusals, as Azure answers them: ML datastores and Azure SQL servers."""

from __future__ import annotations

from typing import Any

from armgen.emulator.models.errors import bad_request
from armgen.emulator.models.ids import ResourceId
from armgen.emulator.store import Store

DATASTORE = "microsoft.machinelearningservices/workspaces/datastores"
SQL_SERVER = "microsoft.sql/servers"
SQL_DATABASE = "microsoft.sql/servers/databases"
SQL_AAD_ONLY = "microsoft.sql/servers/azureadonlyauthentications"


def check(store: Store, rid: ResourceId, body: dict[str, Any], current: dict[str, Any] | None) -> None:
    """Raise ArmHttpError where the provider would refuse ``body``."""
    t = rid.type.lower()
    props = body.get("properties") if isinstance(body.get("properties"), dict) else {}
    if t == DATASTORE:
        _datastore(store, rid, props)
    elif t == SQL_SERVER:
        _sql_server(props, current)
    elif t == SQL_AAD_ONLY and props.get("azureADOnlyAuthentication"):
        server = store.get("res", rid.parent or "") or {}
        if not ((server.get("properties") or {}).get("administrators") or {}).get("sid"):
            raise _no_aad_admin()


def _datastore(store: Store, rid: ResourceId, props: dict[str, Any]) -> None:
    """Azure ML's UserError for a SAS datastore without its token and a Gen2 datastore on a flat account."""
    credentials = props.get("credentials") if isinstance(props.get("credentials"), dict) else {}
    if str(credentials.get("credentialsType", "")).lower() == "sas":
        secrets = credentials.get("secrets") if isinstance(credentials.get("secrets"), dict) else {}
        if not secrets.get("sasToken"):
            raise bad_request("UserError", f"Datastore '{rid.names[-1]}': credentials of type Sas need "
                                           "secrets.sasToken; none was given.", target="credentials.secrets")
    if str(props.get("datastoreType", "")).lower() != "azuredatalakegen2":
        return
    sub, group, account = props.get("subscriptionId"), props.get("resourceGroup"), props.get("accountName")
    if not (sub and group and account):
        return  # an account outside this cloud's view: Azure ML does not look it up either
    doc = store.get("res", f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Storage/"
                           f"storageAccounts/{account}")
    if doc is not None and not (doc.get("properties") or {}).get("isHnsEnabled"):
        raise bad_request("UserError", f"Datastore '{rid.names[-1]}': storage account '{account}' has no "
                                       "hierarchical namespace (isHnsEnabled is false), so it has no Data Lake "
                                       "Gen2 (dfs) endpoint; register it as an AzureBlob datastore.",
                          target="properties.datastoreType")


def _no_aad_admin():  # an ArmHttpError
    return bad_request("InvalidServerAADOnlyAuthNoAADAdminPropertyName",
                       "AAD Admin is not configured, AAD Admin must be set before enabling/disabling AAD Only "
                       "Authentication.")


def _sql_server(props: dict[str, Any], current: dict[str, Any] | None) -> None:
    admins = props.get("administrators") if isinstance(props.get("administrators"), dict) else {}
    aad_only = bool(admins.get("azureADOnlyAuthentication"))
    has_aad_admin = bool(admins.get("login") and admins.get("sid"))
    if aad_only and not has_aad_admin:
        raise _no_aad_admin()
    if current is None and not has_aad_admin and not props.get("administratorLogin"):
        raise bad_request("InvalidParameterValue", "Invalid value given for parameter Login. Specify a valid "
                                                   "parameter value.", target="administratorLogin")
    if aad_only and props.get("administratorLoginPassword"):
        raise bad_request("AadOnlyAuthenticationIsEnabled", "Please turn off Azure Active Directory only "
                                                            "authentication and try again.")
    tls = props.get("minimalTlsVersion")
    if tls is not None and tls not in ("1.0", "1.1", "1.2", "1.3", "None"):
        raise bad_request("InvalidMinimalTlsVersion", f"The value '{tls}' is not a valid minimal TLS version; "
                                                      "use 1.0, 1.1, 1.2 or 1.3.")


def hide_secrets(rid: ResourceId, props: dict[str, Any]) -> None:
    """Azure ML keeps a datastore's secrets in the workspace's Key Vault and never returns them."""
    credentials = props.get("credentials")
    if rid.type.lower() == DATASTORE and isinstance(credentials, dict) and "secrets" in credentials:
        props["credentials"] = {k: v for k, v in credentials.items() if k != "secrets"}
