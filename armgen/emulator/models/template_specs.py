"""Template specs (``Microsoft.Resources/templateSpecs/{name}/versions/{version}``) as deployment sources:
a deployment's ``templateLink.id`` names a stored version, whose ``mainTemplate`` is deployed and whose
``linkedTemplates`` artifacts answer the ``relativePath`` links inside it (as ARM resolves them)."""

from __future__ import annotations

import posixpath
from typing import Any

from armgen.arm import ArmError
from armgen.emulator.models.errors import ArmHttpError, bad_request

VERSION_TYPE = "microsoft.resources/templatespecs/versions"


class TemplateSpecLoader:
    """A ``TemplateLoader`` for the engine: ``id`` links read stored versions, ``relativePath`` links read
    the artifacts of the version being deployed (relative to the linking artifact's folder)."""

    def __init__(self, resources: Any, artifacts: dict[str, dict] | None = None, folder: str = "") -> None:
        self.resources, self.artifacts, self.folder = resources, artifacts or {}, folder

    def load(self, link: dict) -> tuple[dict, TemplateSpecLoader]:
        if isinstance(link, dict) and isinstance(link.get("id"), str):
            try:
                return self.version(link["id"])
            except ArmHttpError as err:
                raise ArmError(err.message, code=err.code) from None
        relative = link.get("relativePath") if isinstance(link, dict) else None
        if isinstance(relative, str) and relative:
            path = posixpath.normpath(posixpath.join(self.folder, relative.replace("\\", "/")))
            template = self.artifacts.get(path.lower())
            if template is None:
                raise ArmError(f"The relative path '{relative}' does not name an artifact of the template spec "
                               f"(looked for '{path}').", code="InvalidTemplateSpec")
            return template, TemplateSpecLoader(self.resources, self.artifacts, posixpath.dirname(path))
        raise ArmError("The emulator cannot download a linked template by 'uri' (no network); use a template "
                       "spec ('id') or inline the template.", code="InvalidContentLink")

    def version(self, version_id: str) -> tuple[dict, TemplateSpecLoader]:
        """The version's main template and a loader over its artifacts; ARM's refusals otherwise."""
        doc = self.resources.raw(version_id) if "/providers/" in version_id else None
        if doc is None or doc.get("type", "").lower() != VERSION_TYPE:
            raise ArmHttpError(404, "ResourceNotFound", f"The template spec version '{version_id}' was not found. "
                               "Please see https://aka.ms/arm-template-specs for usage details.")
        props = doc.get("properties") or {}
        main = props.get("mainTemplate")
        if not isinstance(main, dict):
            raise bad_request("InvalidTemplateSpec", f"The template spec version '{version_id}' has no mainTemplate.")
        artifacts = {}
        for artifact in props.get("linkedTemplates") or []:
            if isinstance(artifact, dict) and isinstance(artifact.get("path"), str) \
                    and isinstance(artifact.get("template"), dict):
                key = posixpath.normpath(artifact["path"].replace("\\", "/")).lower()
                artifacts[key] = artifact["template"]
        return main, TemplateSpecLoader(self.resources, artifacts)
