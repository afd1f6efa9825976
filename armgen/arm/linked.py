"""Linked templates (``templateLink``) resolved from local files by ``relativePath``."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from armgen import jsonmarks
from armgen.arm.errors import ArmError
from armgen.errors import InputError


class TemplateLoader(Protocol):
    """Turns an evaluated ``templateLink`` into a template, and the loader for links inside it."""

    def load(self, link: dict) -> tuple[dict, TemplateLoader]: ...


class FileTemplateLoader:
    """``relativePath`` links relative to the folder of the linking template (as ``az`` packs them)."""

    def __init__(self, base: Path) -> None:
        self.base = base

    def load(self, link: dict) -> tuple[dict, TemplateLoader]:
        relative = link.get("relativePath") if isinstance(link, dict) else None
        if not isinstance(relative, str) or not relative:
            raise ArmError("Only 'templateLink.relativePath' links can be expanded offline; a 'uri' link would "
                           "be downloaded by ARM.", code="NotSupported")
        path = (self.base / relative).resolve()
        if not path.is_file():
            raise ArmError(f"The linked template '{relative}' was not found (looked for {path}).")
        try:
            template = jsonmarks.load(path).data
        except InputError as exc:
            raise ArmError(f"The linked template '{relative}' cannot be read: {exc.message}.") from None
        if not isinstance(template, dict):
            raise ArmError(f"The linked template '{relative}' must be a JSON object.")
        return template, FileTemplateLoader(path.parent)
