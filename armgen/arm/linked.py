"""Linked templates (``templateLink``) resolved from local files by ``relativePath``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

from armgen.arm.errors import ArmError


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
        try:
            template = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ArmError(f"The linked template '{relative}' was not found (looked for {path}).") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ArmError(f"The linked template '{relative}' cannot be read: {exc}.") from None
        if not isinstance(template, dict):
            raise ArmError(f"The linked template '{relative}' must be a JSON object.")
        return template, FileTemplateLoader(path.parent)
