"""Request and response values passed between the server and the route handlers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from armgen import jsonmarks, limits
from armgen.emulator.models.errors import bad_request
from armgen.errors import SourceError


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    raw_body: bytes
    base_url: str

    @property
    def api_version(self) -> str:
        return self.query.get("api-version", "")

    def json(self) -> dict[str, Any]:
        if not self.raw_body.strip():
            return {}
        try:
            data = jsonmarks.decode(self.raw_body.decode("utf-8"), "request", limits.REQUEST_BYTES)
        except UnicodeDecodeError:
            raise bad_request("InvalidRequestContent", "The request content was invalid and could not be "
                                                       "deserialized: it is not UTF-8.") from None
        except SourceError as exc:
            raise bad_request("InvalidRequestContent", f"The request content was invalid and could not be "
                                                       f"deserialized: '{exc.detail}' (line {exc.line}, "
                                                       f"column {exc.col}).") from None
        if not isinstance(data, dict):
            raise bad_request("InvalidRequestContent", "The request content must be a JSON object.")
        return data

    def url(self, path: str, api_version: str | None = None) -> str:
        """An absolute URL on this server, carrying api-version as ARM's polling URLs do."""
        return f"{self.base_url}{path}?api-version={api_version or self.api_version}"


@dataclass
class Response:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> bytes:
        return b"" if self.body is None else json.dumps(self.body).encode()


def ok(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(status, body, headers or {})


def listing(req: Request, items: list, page_size: int) -> Response:
    """A list answer as ARM pages it: ``page_size`` items from the request's ``$skiptoken`` on (0: all of
    them), and a ``nextLink`` (this URL, its query, and the next ``$skiptoken``) while more are left."""
    token = req.query.get("$skiptoken", "0")
    if not token.isdigit():
        raise bad_request("InvalidSkipToken", f"The skip token '{token}' is not valid; use the nextLink of "
                                              "the previous page.")
    start = int(token)
    end = len(items) if page_size <= 0 else start + page_size
    body: dict[str, Any] = {"value": items[start:end]}
    if end < len(items):
        body["nextLink"] = f"{req.base_url}{req.path}?{urlencode({**req.query, '$skiptoken': str(end)})}"
    return ok(body)


def empty(status: int, headers: dict[str, str] | None = None) -> Response:
    return Response(status, None, headers or {})
