"""Run the rules over templates and their parameter files; locate and filter the matches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from armgen import jsonmarks
from armgen.jsonmarks import JsonPath, MarkedJson
from armgen.rulebase.context import RuleContext
from armgen.rulebase.evaluation import SpecTargets
from armgen.rulebase.rule import Match, Rule
from armgen.validate.discovery import Pairing
from armgen.validate.findings import Finding, Report, Unit

INTERNAL_ERROR_ID = "AG0001"


def _suppressions(ctx: RuleContext) -> dict[JsonPath, set[str]]:
    """Resource path -> rule ids its metadata suppresses (entries without a reason do not count)."""
    out: dict[JsonPath, set[str]] = {}
    for ref in ctx.resources:
        meta = ref.body.get("metadata")
        armgen = meta.get("armgen") if isinstance(meta, dict) else None
        entries = armgen.get("suppress") if isinstance(armgen, dict) else None
        for entry in entries if isinstance(entries, list) else ():
            if (isinstance(entry, dict) and isinstance(entry.get("rule"), str)
                    and isinstance(entry.get("reason"), str) and entry["reason"].strip()):
                out.setdefault(ref.path, set()).add(entry["rule"].upper())
    return out


def _suppressed(rule_id: str, path: JsonPath, table: dict[JsonPath, set[str]]) -> bool:
    return any(rule_id in table.get(path[:n], ()) for n in range(2, len(path) + 1))


def _collapse(findings: list[Finding], pairings: int) -> list[Finding]:
    """One finding for a template location reported identically with several parameter files.

    It then belongs to the template (``parameters`` None) and names the environments it was seen
    with, or none when it was seen with every parameter file.
    """
    groups: dict[tuple, list[Finding]] = {}
    for f in findings:
        key = (f.file, f.line, f.column, f.rule_id, f.message) if f.file == f.template else (id(f),)
        groups.setdefault(key, []).append(f)
    out = []
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        envs = sorted({f.env for f in group if f.env})
        env = None if len(group) == pairings else ", ".join(envs) or None
        out.append(replace(group[0], parameters=None, env=env))
    return out


class Runner:
    """Validates pairings with a set of rules and collects a Report."""

    def __init__(self, rules: list[Rule], spec: SpecTargets | None = None) -> None:
        self.rules = rules
        self.spec = spec
        self.report = Report(rules=rules)

    def run(self, pairings: Iterable[Pairing], orphans: Iterable[Path] = (), parallel: bool = False) -> Report:
        from armgen.validate.parallel import check_forked, worth_forking

        pairings = list(pairings)
        if parallel and worth_forking(pairings):
            if self.spec is not None:
                _ = self.spec.units  # computed once, before the fork
            check_forked(self, pairings)
        else:
            for pairing in pairings:
                self.check_pairing(pairing)
        for path in orphans:
            doc = jsonmarks.load(path)
            ctx = RuleContext(MarkedJson(str(path), "", {}), doc, None)
            self._apply([r for r in self.rules if r.scope == "orphan"], ctx, str(path), str(path))
            self.report.units.append(Unit(str(path), str(path), kind="orphan"))
        self.report.findings.sort()
        return self.report

    def check_pairing(self, pairing: Pairing) -> None:
        template = jsonmarks.load(pairing.template)
        base = RuleContext(template, spec=self.spec)
        name = template.file
        self.report.units.append(Unit(name))
        self._apply([r for r in self.rules if r.scope == "template"], base, name, None)
        self.report.expressions += len(base.expressions) * (1 + len(pairing.parameters))
        pairing_rules = [r for r in self.rules if r.scope == "pairing"]
        if not pairing.parameters:
            self._apply(pairing_rules, base, name, None)
        start = len(self.report.findings)
        for pf in pairing.parameters:
            doc = jsonmarks.load(pf.path)
            self.report.units.append(Unit(name, doc.file, pf.env, kind="pairing"))
            self._apply(pairing_rules, base.with_parameters(doc, pf.env), name, doc.file)
        self.report.findings[start:] = _collapse(self.report.findings[start:], len(pairing.parameters))

    def _apply(self, rules: list[Rule], ctx: RuleContext, template: str, parameters: str | None) -> None:
        table = _suppressions(ctx) if rules else {}
        seen: set[Finding] = set()
        for rule in rules:
            try:
                matches = list(rule.match(ctx))
            except Exception as e:  # a rule's bug must not hide the other rules' findings
                matches = [Match((), f"rule {rule.id} failed: {type(e).__name__}: {e}; please report it")]
                rule_id, severity = INTERNAL_ERROR_ID, "E"
            else:
                rule_id, severity = rule.id, rule.severity
            for m in matches:
                if not m.in_parameters and _suppressed(rule_id, m.path, table):
                    continue
                finding = self._locate(m, ctx, rule_id, severity, template, parameters)
                if finding not in seen:
                    seen.add(finding)
                    self.report.findings.append(finding)

    @staticmethod
    def _locate(m: Match, ctx: RuleContext, rule_id: str, severity: str, template: str,
                parameters: str | None) -> Finding:
        doc = ctx.parameters_doc if m.in_parameters and ctx.parameters_doc is not None else ctx.template_doc
        if m.index is not None:
            line, col = doc.string_position(m.path, m.index)
        else:
            line, col = doc.position(m.path)
        return Finding(doc.file, line, col, rule_id, severity, m.message, jsonmarks.path_text(m.path),
                       template, parameters, ctx.env)


def validate(pairings: Iterable[Pairing], rules: list[Rule], orphans: Iterable[Path] = (),
             spec: SpecTargets | None = None, parallel: bool = False) -> Report:
    """Validate every pairing with ``rules``; JSON syntax errors raise SourceError (exit 2). Parameter files
    of ``spec``'s units are evaluated in their environment's subscription and group, others with placeholders.
    ``parallel``: on two cores when it pays off (``armgen.validate.parallel``), with the same report."""
    return Runner(rules, spec).run(pairings, orphans, parallel)
