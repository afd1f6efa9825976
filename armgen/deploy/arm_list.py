"""ARM's list calls, as ARM sends them: one way to read every page of a list."""

from __future__ import annotations

from typing import Any

MAX_PAGES = 10_000  # a nextLink chain longer than this is a loop


def list_all(client: Any, url: str) -> list[dict]:
    """Every item of the ARM list at ``url`` (following ``nextLink``), through ``client``'s pipeline
    (sign-in, retries, pacing): JSON objects, not SDK models, which cost more CPU to build than the call.
    Raises azure-core's HttpResponseError when ARM refuses a page."""
    from azure.core.rest import HttpRequest

    items: list[dict] = []
    for _ in range(MAX_PAGES):
        response = client.send_request(HttpRequest("GET", url))
        response.raise_for_status()
        page = response.json() if response.text().strip() else {}
        page = page if isinstance(page, dict) else {}
        items += [i for i in page.get("value") or [] if isinstance(i, dict)]
        url = page.get("nextLink") or ""
        if not url:
            return items
    raise RuntimeError(f"ARM list did not end after {MAX_PAGES} pages: {url}")
