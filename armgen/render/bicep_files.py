"""The ``bicep`` render format: one module per template, one ``.bicepparam`` per unit and environment."""

from __future__ import annotations

from armgen.bicep.bicepparam import to_bicepparam
from armgen.bicep.emit import translate
from armgen.render.jsonfmt import dumps

BICEP_DIR = "bicep"


def bicep_files(templates: dict[str, dict], parameter_files: list[tuple[str, str, str, dict]]) -> dict[str, str]:
    """``templates``: kind -> ARM template; ``parameter_files``: (unit, kind, env, document) -> files under bicep/."""
    files: dict[str, str] = {}
    for kind, template in templates.items():
        out = translate(kind, template)
        files[f"{BICEP_DIR}/{kind}.bicep"] = out.main
        for rel, content in out.modules.items():
            files[f"{BICEP_DIR}/{rel}"] = content if isinstance(content, str) else dumps(content)
    for unit, kind, env, document in parameter_files:
        where = f"parameters/{unit}.parameters.{env}.json"
        files[f"{BICEP_DIR}/{unit}.{env}.bicepparam"] = to_bicepparam(document, f"./{kind}.bicep", where)
    return files
