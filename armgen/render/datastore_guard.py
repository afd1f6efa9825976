"""A missing datastore_config.json must not quietly remove the datastores a previous render wrote.

The file is optional (no file, no datastores), so its absence alone is not an error; but when the
output folder holds datastore files armgen rendered from it, rendering would remove them all, which is
almost always a lost or moved file rather than a decision. That case is refused; an explicit
``{"datastores": []}`` is how to remove every datastore.
"""

from __future__ import annotations

from pathlib import Path

from armgen.defaults import DATASTORE_CONFIG
from armgen.errors import InputError
from armgen.render.manifest import read_manifest
from armgen.spec.model import Spec

DATASTORE_KINDS = ("datastore", "sasdatastore")  # the templates of the units datastore_config.json produces


def _is_datastore_file(rel: str, envs: list[str] | None) -> bool:
    """A parameter or .bicepparam file of a datastore unit (of one of ``envs``, when given)."""
    folder, _, name = rel.rpartition("/")
    if folder not in ("parameters", "bicep"):
        return False
    parts = name.split(".")  # <unit>.parameters.<env>.json, <unit>.<env>.bicepparam; bicep/<kind>.bicep has no env
    if len(parts) < 3 or parts[0].split("-", 1)[0] not in DATASTORE_KINDS:
        return False
    return envs is None or parts[-2] in envs


def refuse_lost_datastores(spec: Spec, out: Path, envs: list[str] | None = None,
                           consequence: str = "rendering now would remove") -> None:
    """Raise InputError (exit 2) when there is no datastore_config.json but ``out`` holds datastore files
    armgen rendered (its manifest lists them): rendering now would remove every one of them, and a plan
    built now would leave their units out. ``consequence`` says which, in the message."""
    if spec.datastore_config is not None:
        return
    manifest, _ = read_manifest(out)
    lost = sorted(rel for rel in manifest if _is_datastore_file(rel, envs) and (out / rel).is_file())
    if not lost:
        return
    more = f" and {len(lost) - 1} more" if len(lost) > 1 else ""
    raise InputError(f"{spec.path.parent / DATASTORE_CONFIG}: not found, but {out} holds {len(lost)} datastore "
                     f"file(s) rendered from it ({lost[0]}{more}) that {consequence}; restore the file, "
                     'or write {"datastores": []} into it to remove every datastore')
