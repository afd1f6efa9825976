"""``armgen validate --bicep``: each Bicep module and .bicepparam file against the ARM file it stands for.

Every module is parsed with tree-sitter-bicep and compiled back to ARM JSON (armgen/bicep/reader.py); when a
``bicep`` CLI is on PATH it is also built with it. Either result must deploy the same as the rendered ARM.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from armgen import jsonmarks
from armgen.bicep.bicepparam import read_bicepparam
from armgen.bicep.compare import differences, normalize, same_parameters
from armgen.bicep.reader import read_module
from armgen.errors import ArmgenError
from armgen.rulebase.rule import Rule
from armgen.validate.findings import Finding, Unit

MAX_LINES = 20  # differences listed per file


class BicepEquivalence(Rule):
    id = "AG1901"
    severity = "E"
    shortdesc = "bicep-equivalence"
    description = ("A Bicep module or .bicepparam file must deploy the same as the ARM file it stands for "
                   "(same resources, types, API versions, names, properties, parameters, outputs).")
    scope: ClassVar = "bicep"  # type: ignore[assignment]


@dataclass
class BicepResult:
    findings: list[Finding] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    modules: int = 0
    params: int = 0
    cli: str | None = None  # the bicep CLI used, None when not on PATH


def check_bicep(bicep_dir: Path, templates: list[Path], parameter_files: list[Path]) -> BicepResult:
    """Compare ``bicep_dir`` with the rendered ``templates`` and ``parameter_files``."""
    result = BicepResult(cli=shutil.which("bicep"))
    for template in templates:
        module = bicep_dir / f"{template.stem}.bicep"
        result.units.append(Unit(str(module), kind="bicep"))
        if not module.is_file():
            _add(result, module, [f"no Bicep module for {template}; run 'armgen render --format bicep'"])
            continue
        result.modules += 1
        expected = normalize(jsonmarks.load(template).data)
        _add(result, module, _diff(expected, lambda m=module: read_module(m), template))
        if result.cli:
            _add(result, module, _diff(expected, lambda m=module: _build(result.cli, "build", m), template, "bicep build"))
    for pf in parameter_files:
        unit, _, env = pf.name.removesuffix(".json").partition(".parameters.")
        bicepparam = bicep_dir / f"{unit}.{env}.bicepparam"
        result.units.append(Unit(str(bicepparam), kind="bicep"))
        if not bicepparam.is_file():
            _add(result, bicepparam, [f"no .bicepparam for {pf}; run 'armgen render --format bicep'"])
            continue
        result.params += 1
        expected_doc = jsonmarks.load(pf).data
        _add(result, bicepparam, _param_diff(expected_doc, bicepparam, bicep_dir, pf))
        if result.cli:
            _add(result, bicepparam, _diff(expected_doc, lambda b=bicepparam: _build_params(result.cli, b), pf,
                                           "bicep build-params", compare=same_parameters))
    return result


def _diff(expected, produce, source: Path, how: str = "read back", compare=None) -> list[str]:
    try:
        actual = produce()
    except ArmgenError as e:
        return [e.message]
    found = compare(expected, actual) if compare else differences(expected, normalize(actual))
    return [f"{how}, differs from {source}: {line}" for line in found]


def _param_diff(expected: dict, path: Path, bicep_dir: Path, source: Path) -> list[str]:
    try:
        using, actual = read_bicepparam(path)
    except ArmgenError as e:
        return [e.message]
    lines = []
    module = (path.parent / using).resolve()
    kind = source.name.split(".")[0].split("-")[0]
    if module != (bicep_dir / f"{kind}.bicep").resolve():
        lines.append(f"uses '{using}', expected './{kind}.bicep' (the module of {source})")
    return lines + [f"differs from {source}: {line}" for line in same_parameters(expected, actual)]


def _build(cli: str, verb: str, path: Path) -> dict:
    proc = subprocess.run([cli, verb, str(path), "--stdout"], capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        first = (proc.stderr or proc.stdout).strip().splitlines()[:1]
        raise ArmgenError(f"bicep {verb} failed: {first[0] if first else f'exit {proc.returncode}'}")
    return json.loads(proc.stdout)


def _build_params(cli: str, path: Path) -> dict:
    built = _build(cli, "build-params", path)
    return json.loads(built["parametersJson"]) if "parametersJson" in built else built


def _add(result: BicepResult, path: Path, messages: list[str]) -> None:
    rule = BicepEquivalence
    for message in messages[:MAX_LINES]:
        result.findings.append(Finding(str(path), 1, 1, rule.id, rule.severity, message, "", str(path)))
    if len(messages) > MAX_LINES:
        result.findings.append(Finding(str(path), 1, 1, rule.id, rule.severity,
                                       f"... and {len(messages) - MAX_LINES} more difference(s)", "", str(path)))
