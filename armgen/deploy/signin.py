"""One line for a failed sign-in to Azure, with its cause (what the credential chain reported)."""

from __future__ import annotations

from armgen.limits import elide

HOW = ("run 'az login', or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or workload identity: "
       "AZURE_FEDERATED_TOKEN_FILE)")


def attempts(message: str) -> list[str]:
    """``Credential: what it said`` per credential a chained credential tried, in order."""
    return [line.strip() for line in message.splitlines() if line.startswith("\t")]


def sign_in_error(error: Exception, chain_length: int | None = None) -> str:
    """``cannot sign in to Azure (cause): how to fix it``.

    A credential chain stops at the first credential that tried and failed (an unreachable authority, a
    wrong secret): when it stopped before its end, that last attempt is the cause. When every credential
    was tried, none was configured, unless there was only one (e.g. AZURE_TOKEN_CREDENTIALS names it):
    then what it said is the cause either way."""
    message = str(getattr(error, "message", None) or error)
    tried = attempts(message)
    if tried and (len(tried) == 1 or (chain_length is not None and len(tried) < chain_length)):
        cause = tried[-1]
    elif tried:
        cause = f"no sign-in is configured: {len(tried)} kinds of credential tried"
    else:
        cause = next((line.strip() for line in message.splitlines() if line.strip()), type(error).__name__)
    return f"cannot sign in to Azure ({elide(cause, 300)}): {HOW}"
