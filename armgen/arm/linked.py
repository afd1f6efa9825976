"""Linked templates (``templateLink``) resolved from local files by ``relativePath``."""

from __future__ import annotations

import copy
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


def pack_linked_templates(template: dict, base: Path) -> dict:
    """A copy of ``template`` with every literal ``templateLink.relativePath`` inlined, as Azure CLI packs a
    local template before sending it: the linked file (resolved next to the linking one, recursively)
    becomes the deployment's ``template`` with inner evaluation scope (a linked template sees only the
    parameters passed to it)."""
    return _pack(copy.deepcopy(template), FileTemplateLoader(base))


def _pack(template: dict, loader: FileTemplateLoader) -> dict:
    resources = template.get("resources")
    items = resources.values() if isinstance(resources, dict) else resources if isinstance(resources, list) else []
    for resource in items:
        if not isinstance(resource, dict):
            continue
        if isinstance(resource.get("resources"), list):
            _pack({"resources": resource["resources"]}, loader)
        props = resource.get("properties")
        link = props.get("templateLink") if isinstance(props, dict) else None
        relative = link.get("relativePath") if isinstance(link, dict) else None
        if not isinstance(relative, str) or relative.startswith("["):
            continue
        linked, inner_loader = loader.load(link)
        props["template"] = _pack(linked, inner_loader)
        del props["templateLink"]
        props["expressionEvaluationOptions"] = {"scope": "inner"}
    return template
