"""The HTTP transport armgen's SDK clients share: pooled connections, one SSL context, no per-request lookups."""

from __future__ import annotations

import ssl
from typing import Any

import requests
from azure.core.pipeline.transport import RequestsTransport
from requests.adapters import HTTPAdapter

from armgen.errors import ArmgenError

POOL_SIZE = 128  # connections kept per host: requests' default of 10 makes parallel units open new TLS sessions


class SharedContextAdapter(HTTPAdapter):
    """HTTPS connections that verify with one SSL context holding a CA bundle, loaded once (requests checks
    the bundle's path on every request and urllib3 loads it again for every new connection)."""

    def __init__(self, ca_file: str, **kwargs: Any) -> None:
        try:
            self._context = ssl.create_default_context(cafile=ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise ArmgenError(f"cannot load the CA bundle {ca_file}: {exc}") from None
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs, ssl_context=self._context)

    def build_connection_pool_key_attributes(self, request: Any, verify: Any, cert: Any = None) -> Any:
        return super().build_connection_pool_key_attributes(request, True, cert)  # the context verifies

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        conn.cert_reqs, conn.ca_certs, conn.ca_cert_dir = "CERT_REQUIRED", None, None


def pooled_transport(connection_verify: str | bool = True, size: int = POOL_SIZE,
                     loopback: bool = False) -> RequestsTransport:
    """An azure-core transport whose HTTP session keeps enough connections for parallel units.

    ``connection_verify``: True (the system's CAs), or the path of a CA bundle shared by every connection
    (:class:`SharedContextAdapter`). ``loopback``: a local endpoint (the emulator), reached directly: no proxy
    or ``.netrc`` from the environment, which requests looks up on every request (a ``.netrc`` login for the
    host, or a ``default`` one, would replace the bearer token)."""
    session = requests.Session()
    session.trust_env = not loopback
    if isinstance(connection_verify, str):
        adapter: HTTPAdapter = SharedContextAdapter(connection_verify, pool_connections=4, pool_maxsize=size)
    else:
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=size)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return RequestsTransport(session=session, session_owner=False, connection_verify=connection_verify)
