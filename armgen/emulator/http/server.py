"""The HTTPS server: TLS, bearer-token check, api-version check, fault injection, dispatch."""

from __future__ import annotations

import json
import re
import socket
import ssl
import threading
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from armgen.emulator.app import EmulatorApp
from armgen.emulator.certs import ensure_certificates
from armgen.emulator.http.messages import Request, Response
from armgen.emulator.http.routes import match
from armgen.emulator.models.errors import ArmHttpError
from armgen.emulator.models.providers import api_version_error
from armgen.limits import REQUEST_BYTES

_API_VERSION = re.compile(r"\d{4}-\d{2}-\d{2}(-(preview|privatepreview|alpha|beta))?", re.IGNORECASE)
SUPPORTED_API_VERSIONS = "2026-06-01, 2025-04-01, 2024-11-01, 2024-03-01, 2023-07-01, 2022-09-01, 2021-04-01"


def _auth_error(header: str | None, token: str) -> ArmHttpError | None:
    if not header:
        return ArmHttpError(401, "AuthenticationFailed",
                            "Authentication failed. The 'Authorization' header is missing.")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return ArmHttpError(401, "AuthenticationFailed",
                            "Authentication failed. The 'Authorization' header is provided in an invalid format.")
    if value.strip() != token:
        return ArmHttpError(401, "InvalidAuthenticationToken",
                            "The access token is invalid. It was not issued by this emulator.")
    return None


def _api_version_error(path: str, query: dict[str, str]) -> ArmHttpError | None:
    if path.lower().startswith("/_emulator"):
        return None
    value = query.get("api-version")
    if not value:
        return ArmHttpError(400, "MissingApiVersionParameter",
                            "The api-version query parameter (?api-version=) is required for all requests.")
    if not _API_VERSION.fullmatch(value):
        return ArmHttpError(400, "InvalidApiVersionParameter",
                            f"The api-version '{value}' is invalid. The supported versions are "
                            f"'{SUPPORTED_API_VERSIONS}'.")
    return api_version_error(path, value)


# what the HTTP layer itself refuses (request line, headers, method), as ARM error codes
_PROTOCOL_CODES = {400: "BadRequest", 408: "RequestTimeout", 411: "LengthRequired", 413: "RequestContentTooLarge",
                   414: "RequestUriTooLong", 415: "UnsupportedMediaType", 431: "RequestHeaderFieldsTooLarge",
                   501: "NotImplemented", 505: "HttpVersionNotSupported"}


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    return media in ("application/json", "text/json") or media.endswith("+json")


def cloud_metadata(base_url: str, tenant: str) -> list[dict]:
    """ARM's cloud metadata with this emulator as resource manager (login stays Microsoft's)."""
    return [{"name": "ArmgenEmulator", "resourceManager": base_url + "/",
             "authentication": {"loginEndpoint": "https://login.microsoftonline.com/",
                                "audiences": ["https://management.core.windows.net/",
                                              "https://management.azure.com/"],
                                "tenant": tenant, "identityProvider": "AAD"},
             "portal": base_url, "suffixes": {"storage": "core.windows.net", "keyVaultDns": "vault.azure.net",
                                              "acrLoginServer": "azurecr.io"}}]


class ArmRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall
    server: EmulatorHTTPServer

    def log_message(self, format: str, *args: object) -> None:  # stdlib signature
        if self.server.verbose:
            super().log_message(format, *args)

    def setup(self) -> None:
        self.timeout = self.server.app.config.idle_timeout_seconds  # idle keep-alive connections are closed
        super().setup()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The HTTP layer's own refusals (414, 431, 501, ...) as ARM's error JSON, then close."""
        text = message or explain or self.responses.get(code, ("Error",))[0]
        body = json.dumps({"error": {"code": _PROTOCOL_CODES.get(code, "BadRequest"), "message": text,
                                     "details": []}}).encode()
        self.close_connection = True
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Connection", "close")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _read_body(self, req: Request) -> None:
        """Check Content-Length and Content-Type, then read the body (only after the token was checked)."""
        if self.headers.get("Transfer-Encoding"):
            raise ArmHttpError(411, "LengthRequired", "The request must carry a Content-Length header; "
                                                      "Transfer-Encoding is not supported.")
        raw = (self.headers.get("Content-Length") or "0").strip()
        if not raw.isdigit() or len(raw) > 12:
            raise ArmHttpError(400, "InvalidContentLength", f"The Content-Length header '{raw[:20]}' is invalid.")
        length = int(raw)
        if length > REQUEST_BYTES:
            raise ArmHttpError(413, "RequestContentTooLarge", "The request content size exceeds the maximum size "
                                                              "of 4 MB.")
        admin = req.path.lower().startswith("/_emulator/")  # curl -d of a knob file: any content type
        if length and not admin and not _is_json(self.headers.get("Content-Type")):
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip() or "none"
            raise ArmHttpError(415, "UnsupportedMediaType", f"The content media type '{media[:100]}' is not "
                                                            "supported. Only 'application/json' is supported.")
        req.raw_body = self.rfile.read(length) if length else b""
        if len(req.raw_body) < length:
            raise ArmHttpError(400, "InvalidRequestContent", "The request content ended before Content-Length.")
        self._body_read = True

    def _serve(self) -> None:
        app = self.server.app
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_address[1]}"
        self._body_read = False
        req = Request(self.command, parts.path, query, {k.lower(): v for k, v in self.headers.items()}, b"",
                      f"https://{host}")
        try:
            response = self._dispatch(app, req)
        except ArmHttpError as err:
            response = Response(err.status, err.body(), dict(err.headers))
        except Exception as exc:  # every failure becomes ARM's 500 body
            if self.server.verbose:
                traceback.print_exc()
            response = Response(500, {"error": {"code": "InternalServerError", "message": str(exc)[:2000],
                                                "details": []}})
        if not self._body_read and (self.headers.get("Content-Length", "0").strip() not in ("", "0")
                                    or self.headers.get("Transfer-Encoding")):
            self.close_connection = True  # a body left unread would be taken for the next request
        if response is None:  # a dropped connection
            self.close_connection = True
            return
        self._send(req, response)

    def _dispatch(self, app: EmulatorApp, req: Request) -> Response | None:
        if req.path.lower() == "/_emulator/health":
            return Response(200, {"status": "ok"})
        if req.path.lower() == "/metadata/endpoints":  # anonymous, as on ARM (az cloud register uses it)
            return Response(200, cloud_metadata(req.base_url, app.config.tenant_id))
        err = _auth_error(self.headers.get("Authorization"), app.token) or _api_version_error(req.path, req.query)
        if err:
            if err.status == 401:
                err.headers["WWW-Authenticate"] = ('Bearer authorization_uri="https://login.microsoftonline.com/'
                                                   f'{app.config.tenant_id}", error="invalid_token"')
            raise err
        self._read_body(req)
        found = match(req.method, req.path)
        if not req.path.lower().startswith("/_emulator/"):  # counted even when refused below (429, faults)
            app.requests.add(req.method, found[0].__name__ if found else "unrouted")
        limits = app.throttle.admit(req.method, req.path, self.headers.get("Authorization"))  # or 429
        fault = None if req.path.lower().startswith("/_emulator/") else app.faults.http_fault(req.method, req.path)
        if fault is not None:
            if fault.kind == "drop":
                return None
            if fault.kind == "throttle":
                raise ArmHttpError(429, fault.code or "TooManyRequests", fault.message or
                                   "The request is being throttled as the limit has been reached for operation "
                                   "type - Write_ObservationWindow_00:05:00.",
                                   headers={"Retry-After": str(fault.retry_after)})
            raise ArmHttpError(fault.status, fault.code or ("ServiceUnavailable" if fault.status == 503
                                                            else "InternalServerError"),
                               fault.message or "The service is temporarily unavailable (injected fault).")
        if found is None:
            raise ArmHttpError(404 if req.method in ("GET", "HEAD") else 400, "InvalidResourceType" if
                               "/providers/" in req.path.lower() else "NoRegisteredProviderFound",
                               f"The emulator does not serve {req.method} {req.path}.")
        handler, groups = found
        response = handler(app, req, **groups)
        if response is not None:
            response.headers.update(limits)
        return response

    def _send(self, req: Request, response: Response) -> None:
        body = b"" if req.method == "HEAD" else response.encoded()
        self.send_response(response.status)
        request_id = str(uuid.uuid4())
        headers = {"x-ms-request-id": request_id, "x-ms-correlation-request-id":
                   req.headers.get("x-ms-correlation-request-id", request_id), **response.headers}
        if response.body is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        if self.close_connection:
            headers["Connection"] = "close"
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = _serve


class EmulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # listen backlog: socketserver's default of 5 drops the connections a parallel deploy opens at once
    # (20 units polling together), and each dropped SYN costs the client a 1 s retransmission
    request_queue_size = socket.SOMAXCONN

    def __init__(self, app: EmulatorApp, port: int = 0, verbose: bool = False) -> None:
        self.app, self.verbose = app, verbose
        super().__init__(("127.0.0.1", port), ArmRequestHandler)
        _, cert, key = ensure_certificates(app.state_dir)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(str(cert), str(key))
        self.socket = ctx.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def handle_error(self, request, client_address) -> None:  # stdlib signature
        if self.verbose:
            super().handle_error(request, client_address)


class ServerThread:
    """Run the server in a thread (the in-process fixture and ``armgen.emulator.serve``)."""

    def __init__(self, state_dir: Path, port: int = 0, verbose: bool = False) -> None:
        self.app = EmulatorApp(state_dir)
        self.httpd = EmulatorHTTPServer(self.app, port, verbose)
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="armgen-emulator", daemon=True)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.httpd.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.app.close()


