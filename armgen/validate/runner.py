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
Checked = tuple[Unit, list[Finding]]  # a parameter file's unit and what the pairing rules found with it


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
            check_forked(self, pairings)
        else:
            self.check_serially(pairings)
        for path in orphans:
            doc = jsonmarks.load(path)
            ctx = RuleContext(MarkedJson(str(path), "", {}), doc, None)
            self.report.findings += self._apply(self._scoped("orphan"), ctx, str(path), str(path))
            self.report.units.append(Unit(str(path), str(path), kind="orphan"))
        self.report.findings.sort()
        return self.report

    def check_serially(self, pairings: list[Pairing]) -> None:
        """The spec loaded first (a spec that does not load is the first error), then each pairing in turn."""
        if self.spec is not None:
            self.spec.load()
        for pairing in pairings:
            self.check_pairing(pairing)

    def check_pairing(self, pairing: Pairing) -> None:
        base, found = self.check_template(pairing)
        self.add(pairing, base, found, self.check_parameters(pairing, base))

    def check_template(self, pairing: Pairing) -> tuple[RuleContext, list[Finding]]:
        """The template's context and what the template rules find (the pairing rules too with no parameter
        file); JSON syntax errors raise SourceError."""
        base = self.context(pairing)
        name = base.template_doc.file
        found = self._apply(self._scoped("template"), base, name, None)
        if not pairing.parameters:
            found += self._apply(self._scoped("pairing"), base, name, None)
        return base, found

    def context(self, pairing: Pairing) -> RuleContext:
        """The template's rule context (parameter files are checked with it); JSON syntax errors raise
        SourceError."""
        return RuleContext(jsonmarks.load(pairing.template), spec=self.spec)

    def check_parameters(self, pairing: Pairing, base: RuleContext,
                         indexes: Iterable[int] | None = None) -> list[Checked]:
        """The pairing's parameter files (those at ``indexes``, else all) checked with the template of ``base``."""
        name, rules, out = base.template_doc.file, self._scoped("pairing"), []
        files = pairing.parameters if indexes is None else [pairing.parameters[i] for i in indexes]
        for pf in files:
            doc = jsonmarks.load(pf.path)
            found = self._apply(rules, base.with_parameters(doc, pf.env), name, doc.file)
            out.append((Unit(name, doc.file, pf.env, kind="pairing"), found))
        return out

    def add(self, pairing: Pairing, base: RuleContext, found: list[Finding], checked: list[Checked]) -> None:
        """Report a checked pairing: the template's unit and findings, then each parameter file's (in the
        pairing's order), a finding seen identically with several parameter files once."""
        self.report.units.append(Unit(base.template_doc.file))
        self.report.findings += found
        self.report.expressions += len(base.expressions) * (1 + len(pairing.parameters))
        self.report.units += [unit for unit, _ in checked]
        self.report.findings += _collapse([f for _, fs in checked for f in fs], len(pairing.parameters))

    def _scoped(self, scope: str) -> list[Rule]:
        return [r for r in self.rules if r.scope == scope]

    def _apply(self, rules: list[Rule], ctx: RuleContext, template: str, parameters: str | None) -> list[Finding]:
        table = _suppressions(ctx) if rules else {}
        found: dict[Finding, None] = {}
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
                found.setdefault(self._locate(m, ctx, rule_id, severity, template, parameters))
        return list(found)

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
