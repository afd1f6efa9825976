"""``armgen drift`` results as text, JSON, JUnit (the pipeline's test tab) and markdown (its run summary)."""

from __future__ import annotations

import json

from armgen.check_report import CheckReport, to_junit
from armgen.deploy.drift import KINDS, Drift


def _short(rid: str) -> str:
    _, sep, tail = rid.partition("/providers/")
    return tail if sep else rid


def to_text(env: str, items: list[Drift]) -> str:
    if not items:
        return f"No drift: {env} matches the rendered templates.\n"
    lines = []
    for d in items:
        unit = f" [{d.unit}]" if d.unit else ""
        lines.append(f"{d.kind.upper():<16} {_short(d.resource_id)}{unit}")
        if d.detail:
            lines.append(f"    {d.detail}")
    lines.append(f"{len(items)} drift(s) in {env}: " + ", ".join(
        f"{sum(1 for d in items if d.kind == k)} {KINDS[k]}" for k in KINDS if any(d.kind == k for d in items)))
    return "\n".join(lines) + "\n"


def to_json(env: str, items: list[Drift]) -> str:
    return json.dumps({"environment": env, "drift": len(items), "items": [d.as_dict() for d in items]},
                      indent=2) + "\n"


def to_junit_report(env: str, items: list[Drift]) -> str:
    report = CheckReport(f"armgen drift {env}")
    if not items:
        report.add("drift", f"{env} matches the rendered templates", True)
    for d in items:
        report.add(d.kind, f"{_short(d.resource_id)} is not {KINDS[d.kind]}", False,
                   f"{KINDS[d.kind]}: {d.resource_id}" + (f" ({d.detail})" if d.detail else ""))
    return to_junit(report)


def to_markdown(env: str, items: list[Drift]) -> str:
    if not items:
        return f"## armgen drift: {env}\n\nNo drift: {env} matches the rendered templates.\n"
    out = [f"## armgen drift: {env}", "", "| what | resource | unit | detail |", "|---|---|---|---|"]
    for d in items:
        detail = d.detail.replace("|", "\\|")
        out.append(f"| {KINDS[d.kind]} | `{_short(d.resource_id)}` | {d.unit or ''} | {detail} |")
    return "\n".join([*out, "", f"{len(items)} drift(s): changes found.", ""])


FORMATTERS = {"text": to_text, "json": to_json, "junit": to_junit_report, "markdown": to_markdown}
