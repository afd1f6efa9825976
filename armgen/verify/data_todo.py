"""What the data layer leaves to a person after a deploy: steps that are not ARM (T-SQL) or not armgen's to
take (roles on another team's account, the workspace's default datastore), with the exact commands."""

from __future__ import annotations

from armgen.catalog import api
from armgen.live.state import LiveState
from armgen.spec.model import Datastore, Environment, Workspace
from armgen.verify.expected import ML

USER_SQL = ("CREATE USER [{0}] FROM EXTERNAL PROVIDER; ALTER ROLE db_datareader ADD MEMBER [{0}]; "
            "ALTER ROLE db_datawriter ADD MEMBER [{0}];")


def _principal(body: dict | None, system: bool) -> str:
    if not body:
        return "<not deployed>"
    node = body.get("identity") if system else body.get("properties")
    return str((node or {}).get("principalId") or "<unknown>")


def _roles_step(ws: Workspace, d: Datastore, workspace_principal: str, compute: tuple[str, str]) -> str:
    scope = d.account_id or f"<resource id of storage account {d.account_name}>"
    grants = " && ".join(
        f"az role assignment create --role 'Storage Blob Data Reader' --assignee-object-id {p} "
        f"--assignee-principal-type ServicePrincipal --scope {scope}" for p in (workspace_principal, compute[1]))
    return (f"datastore {d.name} on {ws.name}: the owner of {scope} grants Storage Blob Data Reader to the "
            f"workspace's identity ({workspace_principal}) and to {compute[0]} ({compute[1]}); armgen assigns "
            f"roles only in the platform's own resource groups: {grants}")


def data_layer_todo(env: Environment, state: LiveState) -> list[str]:
    """One line per step left to do, in workspace order."""
    s = env.shared
    identity_id = (f"/subscriptions/{env.subscription_id}/resourceGroups/{s.resource_group}/providers/"
                   f"Microsoft.ManagedIdentity/userAssignedIdentities/{s.identity_name}")
    compute = (s.identity_name, _principal(state.body(identity_id), system=False))
    out: list[str] = []
    for ws in env.workspaces:
        ws_id = f"/subscriptions/{env.subscription_id}/resourceGroups/{ws.resource_group}/providers/{ML}/{ws.name}"
        owned = {a.name for a in s.storage.values()}
        for d in ws.datastores:
            if d.credentials == "identity" and d.account_name not in owned:
                out.append(_roles_step(ws, d, _principal(state.body(ws_id), system=True), compute))
            if d.default:
                out.append(f"datastore {d.name}: make it the default of {ws.name}; isDefault is read-only in ARM "
                           "templates and Azure ML accepts it on an update of the datastore: az resource update "
                           f"--ids {ws_id}/datastores/{d.name} --api-version {api(ML)} --set properties.isDefault=true")
        if ws.sql:
            q = ws.sql
            out.append(f"SQL database {q.server_name}/{q.database_name}: {s.identity_name} (the compute clusters' "
                       f"identity) needs a database user, which is T-SQL, not ARM; as a member of "
                       f"{q.admin_group_name}: sqlcmd -S tcp:{q.server_name}.database.windows.net,1433 -d "
                       f"{q.database_name} --authentication-method ActiveDirectoryDefault -Q "
                       f"\"{USER_SQL.format(s.identity_name)}\"")
    return out
