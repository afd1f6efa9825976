"""One environment's view of the spec: overrides merged, per-environment values picked, defaults filled."""

from __future__ import annotations

import copy
import re
from typing import Any

from armgen.errors import SourceError
from armgen.jsonmarks import path_text
from armgen.spec.schema import PER_ENV
from armgen.spec.yaml_loader import MarkedDict, MarkedList, mark_of
from armgen.suggest import closest

DEFAULT_KEY = "default"


def _deref(schema: dict, root: dict) -> dict:
    while "$ref" in schema:
        target = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        merged = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**target, **merged}
    return schema


def env_map_errors(doc: Any, schema: dict, envs: list[str], file: str, path: list | None = None,
                   root: dict | None = None) -> list[SourceError]:
    """Keys of per-environment maps that name no environment of the spec."""
    root = root or schema
    path = path or []
    schema = _deref(schema, root)
    out: list[SourceError] = []
    if schema.get(PER_ENV) and isinstance(doc, dict):
        allowed = [*envs, DEFAULT_KEY]
        for key in doc:
            if key not in allowed:
                guess = closest(str(key), allowed)
                hint = f" (did you mean '{guess}'?)" if guess else f"; use one of: {', '.join(allowed)}"
                line, col = mark_of(doc, [key], key=True) if isinstance(doc, MarkedDict) else (1, 1)
                out.append(SourceError(file, line, col, path_text([*path, key]),
                                       f"'{key}' is not an environment of this spec{hint}"))
        return out
    if isinstance(doc, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, value in doc.items():
            sub = props.get(key, extra if isinstance(extra, dict) else None)
            if sub is not None:
                out += env_map_errors(value, sub, envs, file, [*path, key], root)
    elif isinstance(doc, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(doc):
            out += env_map_errors(item, schema["items"], envs, file, [*path, i], root)
    return out


def resolve(doc: Any, schema: dict, env: str, root: dict | None = None) -> Any:
    """The value ``doc`` has in ``env`` (marks kept, defaults of the schema filled in)."""
    root = root or schema
    schema = _deref(schema, root)
    if schema.get(PER_ENV) and isinstance(doc, dict):
        if env in doc:
            return doc[env]
        if DEFAULT_KEY in doc:
            return doc[DEFAULT_KEY]
        return copy.deepcopy(schema.get("default"))
    if isinstance(doc, MarkedDict):
        out = MarkedDict(mark=doc.mark)
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, value in doc.items():
            sub = props.get(key, extra if isinstance(extra, dict) else {})
            out[key] = resolve(value, sub, env, root)
            out.key_marks[key] = doc.key_marks.get(key, doc.mark)
            out.value_marks[key] = doc.value_marks.get(key, doc.mark)
        for key, sub in props.items():
            sub = _deref(sub, root)
            if key not in out and "default" in sub:
                out[key] = resolve(_marked_default(sub["default"], doc.mark), sub, env, root)
                out.key_marks[key] = out.value_marks[key] = doc.mark
        return out
    if isinstance(doc, MarkedList):
        items = schema.get("items", {})
        out_list = MarkedList([resolve(v, items, env, root) for v in doc], mark=doc.mark)
        out_list.item_marks = list(doc.item_marks)
        return out_list
    return doc


def _marked_default(value: Any, mark: tuple[int, int]) -> Any:
    if isinstance(value, dict):
        out = MarkedDict(mark=mark)
        for k, v in value.items():
            out[k] = _marked_default(v, mark)
            out.key_marks[k] = out.value_marks[k] = mark
        return out
    if isinstance(value, list):
        out_list = MarkedList([_marked_default(v, mark) for v in value], mark=mark)
        out_list.item_marks = [mark] * len(value)
        return out_list
    return value


def merge(base: Any, patch: Any) -> Any:
    """Deep-merge ``patch`` into a copy of ``base``; the patch's marks win for what it sets."""
    if not (isinstance(base, MarkedDict) and isinstance(patch, dict)):
        return patch
    out = MarkedDict(base, mark=base.mark)
    out.key_marks, out.value_marks = dict(base.key_marks), dict(base.value_marks)
    for key, value in patch.items():
        out[key] = merge(base[key], value) if key in base else value
        if isinstance(patch, MarkedDict):
            out.key_marks[key] = patch.key_marks.get(key, patch.mark)
            out.value_marks[key] = patch.value_marks.get(key, patch.mark)
    return out


def apply_overrides(doc: MarkedDict, env: str, file: str) -> tuple[MarkedDict, list[SourceError]]:
    """The spec with ``environments.<env>.overrides`` merged in, and errors for unknown workspaces."""
    overrides = doc["environments"][env].get("overrides") or {}
    errors: list[SourceError] = []
    out = MarkedDict(doc, mark=doc.mark)
    out.key_marks, out.value_marks = dict(doc.key_marks), dict(doc.value_marks)
    for section in ("shared", "network"):
        if overrides.get(section):
            out[section] = merge(doc.get(section, MarkedDict(mark=doc.mark)), overrides[section])
    ws_patch = overrides.get("workspaces") or {}
    names = [w.get("name") for w in doc["workspaces"] if isinstance(w, dict)]
    for key in ws_patch:
        if key not in names:
            guess = closest(str(key), [str(n) for n in names])
            hint = f" (did you mean '{guess}'?)" if guess else ""
            line, col = mark_of(ws_patch, [key], key=True)
            errors.append(SourceError(file, line, col, f"environments.{env}.overrides.workspaces.{key}",
                                      f"no workspace named '{key}'{hint}"))
    if ws_patch:
        items = MarkedList(mark=doc["workspaces"].mark)
        items.item_marks = list(doc["workspaces"].item_marks)
        for ws in doc["workspaces"]:
            patch = ws_patch.get(ws.get("name")) if isinstance(ws, dict) else None
            items.append(merge(ws, patch) if patch else ws)
        out["workspaces"] = items
    return out, errors


_STEP = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def in_override(doc: MarkedDict, env: str, error: SourceError) -> SourceError:
    """``error`` with the path of ``environments.<env>.overrides`` when the value it names was set there."""
    steps: list = [int(index) if index else key for index, key in _STEP.findall(error.path)]
    if len(steps) >= 2 and steps[0] in ("shared", "network"):
        head, tail = [steps[0]], steps[1:]
    elif len(steps) >= 2 and steps[0] == "workspaces" and isinstance(steps[1], int):
        workspace = doc["workspaces"][steps[1]]
        head, tail = ["workspaces", workspace.get("name") if isinstance(workspace, dict) else None], steps[2:]
    else:
        return error
    candidate = ["environments", env, "overrides", *head, *tail]
    node: Any = doc
    for step in candidate:
        found = (isinstance(node, dict) and step in node
                 or isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node))
        if not found:
            return error
        node = node[step]
    return SourceError(error.file, error.line, error.col, path_text(candidate), error.detail)
