"""A whole environment's what-if at a glance: one legend, unchanged units on one line, totals per change type.

Text for logs and terminals (never wrapped at 80 columns), markdown for a pipeline's run summary.
Per-resource lines come from :mod:`armgen.deploy.whatif_format`, so a new change kind or mark added
there shows here too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from armgen.deploy.whatif import UnitWhatIf
from armgen.deploy.whatif_format import CHANGE_TYPES, format_text, has_changes, legend, sort_changes

QUIET = ("NoChange", "Ignore")  # change types that change nothing


def _order(change_type: str) -> int:
    return CHANGE_TYPES.get(change_type, ("", "", 9, ""))[2]


def environment_view(results: list[UnitWhatIf]) -> list[UnitWhatIf]:
    """The results without the Ignore entries for resources another unit declares (units share groups, so
    each unit's what-if lists its neighbours as Ignore): what is left is really outside the templates."""
    declared = {c.resource_id.lower() for r in results for c in r.changes if c.change_type != "Ignore"}
    return [replace(r, changes=[c for c in r.changes
                                if c.change_type != "Ignore" or c.resource_id.lower() not in declared])
            for r in results]


def totals(results: list[UnitWhatIf], exclude: frozenset[str] = frozenset()) -> Counter:
    """Resources per change type over the environment (a resource ignored by several units counts once)."""
    counts = Counter(c.change_type for r in results for c in r.changes
                     if c.change_type not in exclude and c.change_type != "Ignore")
    ignored = {c.resource_id.lower() for r in results for c in r.changes if c.change_type == "Ignore"}
    if ignored and "Ignore" not in exclude:
        counts["Ignore"] = len(ignored)
    return counts


def totals_line(counts: Counter, units: int, failed: int = 0) -> str:
    parts = [f"{counts[t]} {CHANGE_TYPES[t][3]}" for t in sorted(counts, key=_order) if t in CHANGE_TYPES]
    line = f"Total over {units} unit(s): " + (", ".join(parts) if parts else "no change") + "."
    if failed:
        line = f"{failed} unit(s) could not be evaluated (see above). " + line
    return line


def _changed(r: UnitWhatIf, exclude: frozenset[str]) -> bool:
    return bool(r.error) or any(c.change_type not in QUIET and c.change_type not in exclude for c in r.changes)


def report_text(results: list[UnitWhatIf], color: bool = False, exclude: frozenset[str] = frozenset(),
                notes: dict[str, list[str]] | None = None) -> str:
    """The report as text; ``notes`` adds lines under a unit (e.g. what deploy will need)."""
    results = environment_view(results)
    shown = [c for r in results for c in r.changes if c.change_type not in exclude]
    lines = [legend({c.change_type for c in shown}, color)] if shown else []
    quiet = [r.step.name for r in results if not _changed(r, exclude)]
    for r in results:
        if not _changed(r, exclude):
            continue
        lines += ["", f"== {r.step.name} ({r.step.deployment})"]
        if r.error:
            lines += ["what-if failed:", *r.error.lines(2)]
            continue
        if r.predicted:
            lines.append(f"resource group {r.step.unit.resource_group} does not exist yet: every resource is "
                         "predicted offline as a Create")
        body = format_text([c for c in r.changes if c.change_type not in QUIET], color=color, exclude=exclude,
                           with_legend=False, with_summary=False)
        lines.append(body.rstrip("\n"))
        lines += [f"Note: {n}" for n in (notes or {}).get(r.step.name, [])]
    if quiet:
        lines += ["", f"= {len(quiet)} unit(s) without changes: {', '.join(quiet)}"]
    failed = sum(1 for r in results if r.error)
    lines += ["", totals_line(totals(results, exclude), len(results), failed)]
    return "\n".join(lines).lstrip("\n") + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def report_markdown(env: str, results: list[UnitWhatIf], change_hash: str = "",
                    exclude: frozenset[str] = frozenset()) -> str:
    """Markdown for a run summary: totals, a table of the changing resources, the unchanged units in one line."""
    results = environment_view(results)
    counts = totals(results, exclude)
    out = [f"## armgen what-if: {env}", ""]
    out += ["| change | resources |", "|---|---|"]
    out += [f"| `{CHANGE_TYPES[t][0]}` {t} | {counts[t]} |" for t in sorted(counts, key=_order) if t in CHANGE_TYPES]
    if change_hash:
        out += ["", f"Change set hash (deploy applies exactly this): `{change_hash}`"]
    changed = [r for r in results if _changed(r, exclude)]
    if changed:
        out += ["", "| unit | change | resource | properties |", "|---|---|---|---|"]
    for r in changed:
        if r.error:
            out.append(f"| {r.step.name} | what-if failed | | {_md_cell(r.error.code)}: {_md_cell(r.error.message)} |")
            continue
        for c in sort_changes([c for c in r.changes if c.change_type not in QUIET + tuple(exclude)]):
            props = "<br>".join(_md_cell(f"{d.path}: {d.before!r} => {d.after!r}" if d.change_type == "Modify"
                                         else f"{d.change_type} {d.path}") for d in c.delta)
            mark = " **requires re-create**" if getattr(c, "recreate", None) else ""
            out.append(f"| {r.step.name} | `{CHANGE_TYPES.get(c.change_type, ('x',))[0]}` {c.change_type}{mark} "
                       f"| `{_md_cell(c.relative)}` | {props} |")
    quiet = [r.step.name for r in results if not _changed(r, exclude)]
    if quiet:
        out += ["", f"Without changes ({len(quiet)}): {', '.join(quiet)}"]
    verdict = "changes found" if any(has_changes(r.changes) for r in results) else "no changes"
    out += ["", f"{totals_line(counts, len(results))} ({verdict})", ""]
    return "\n".join(out)
