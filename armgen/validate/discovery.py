"""Which templates to validate and which parameter files pair with each.

Convention: ``<template-stem>[-<instance>].parameters.<env>.json`` (or ``<stem>.parameters.json``)
pairs with ``<template-stem>.json``; when several template stems fit, the longest wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from armgen.errors import InputError

PARAMETER_FILE = re.compile(r"(?P<base>.+?)\.parameters(?:\.(?P<env>[^.]+))?\.json", re.I)


@dataclass(frozen=True)
class ParameterFile:
    path: Path
    env: str | None  # None for <stem>.parameters.json
    instance: str | None


@dataclass
class Pairing:
    """One template and the parameter files that go with it."""

    template: Path
    parameters: list[ParameterFile] = field(default_factory=list)


def is_parameter_file(path: Path) -> bool:
    return PARAMETER_FILE.fullmatch(path.name) is not None


def pair(templates: list[Path], parameter_files: list[Path]) -> tuple[list[Pairing], list[Path]]:
    """Pair parameter files with templates; returns the pairings and the files that fit no template.

    Each file's name is parsed once and looked up by the stems it could fit, longest first (the base name
    itself, then each prefix before a ``-``), instead of tried against every template."""
    pairings = [Pairing(t) for t in templates]
    by_stem: dict[str, Pairing] = {}
    for pairing in pairings:
        by_stem.setdefault(pairing.template.stem.lower(), pairing)
    orphans: list[Path] = []
    for pf in sorted(parameter_files):
        m = PARAMETER_FILE.fullmatch(pf.name)
        base = m.group("base") if m else ""
        cuts = [len(base)] + [i for i in range(len(base) - 2, 0, -1) if base[i] == "-"]
        for cut in cuts if m else ():
            pairing = by_stem.get(base[:cut].lower())
            if pairing is not None:
                pairing.parameters.append(ParameterFile(pf, m.group("env"), base[cut + 1:] or None))
                break
        else:
            orphans.append(pf)
    return pairings, orphans


def _looks_like_template(path: Path) -> bool:
    """Folder scans skip JSON that is plainly not a template (metadata.json, bicepconfig.json...)."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return True  # let loading report it
    return '"resources"' in text or "deploymenttemplate.json" in text.lower()


def _templates_in(folder: Path, sniff: bool = False) -> list[Path]:
    """Templates of a folder: every non-parameter JSON file (``sniff``: only those that look like one)."""
    return sorted(p for p in folder.glob("*.json")
                  if p.is_file() and not is_parameter_file(p) and (not sniff or _looks_like_template(p)))


def _parameters_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.json") if p.is_file() and is_parameter_file(p))


def discover(templates: tuple[str, ...], parameters: tuple[str, ...], templates_dir: str,
             parameters_dir: str) -> tuple[list[Pairing], list[Path]]:
    """Resolve the command line into pairings (and orphan parameter files in the parameters folder).

    Raises InputError (exit 2) for missing files or an empty selection.
    """
    if parameters and len(templates) != 1:
        raise InputError("--parameters needs exactly one TEMPLATE (armgen validate TEMPLATE --parameters FILE)")
    if not templates:
        tdir, pdir = Path(templates_dir), Path(parameters_dir)
        if not tdir.is_dir():
            what = "is not a folder" if tdir.exists() else "does not exist"
            raise InputError(f"{templates_dir}/ {what}: pass the templates folder with --templates-dir, or name the "
                             "templates to validate")
        found = _templates_in(tdir)
        if not found:
            raise InputError(f"no templates (*.json) in {templates_dir}/")
        return pair(found, _parameters_in(pdir) if pdir.is_dir() else [])
    chosen: list[Path] = []
    for name in templates:
        p = Path(name)
        if p.is_dir():
            chosen.extend(_templates_in(p, sniff=True))
        elif p.is_file() and is_parameter_file(p):
            raise InputError(f"{name} is a parameter file: name its template (they pair by name) or pass it "
                             "with --parameters")
        elif p.is_file():
            chosen.append(p)
        else:
            raise InputError(f"{name}: no such file or directory")
    if not chosen:
        raise InputError(f"no templates (*.json) in {', '.join(templates)}")
    if parameters:
        for name in parameters:
            if not Path(name).is_file():
                raise InputError(f"{name}: no such file")
        pf = [ParameterFile(Path(n), _env_of(Path(n)), None) for n in parameters]
        return [Pairing(chosen[0], pf)], []
    folders = {p.parent.resolve() for p in chosen}
    # the rendered layout: templates/<kind>.json pairs with ../parameters/ next to it
    folders |= {p.parent.parent.resolve() / "parameters" for p in chosen
                if p.parent.name == "templates" and (p.parent.parent / "parameters").is_dir()}
    pdir = Path(parameters_dir)
    if pdir.is_dir():
        folders.add(pdir.resolve())
    candidates = sorted({f for folder in folders for f in _parameters_in(folder)})
    pairings, _ = pair(chosen, candidates)
    return pairings, []


def _env_of(path: Path) -> str | None:
    m = PARAMETER_FILE.fullmatch(path.name)
    return m.group("env") if m else None
