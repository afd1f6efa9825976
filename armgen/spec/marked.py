"""YAML/JSON loading that keeps the line and column of every key and value."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from armgen.errors import SourceError

Mark = tuple[int, int]  # 1-based line, column


class MarkedDict(dict):
    """A dict that knows where each key and each value stood in its source file."""

    def __init__(self, *args: Any, mark: Mark = (1, 1), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.mark = mark
        self.key_marks: dict[Any, Mark] = {}
        self.value_marks: dict[Any, Mark] = {}


class MarkedList(list):
    """A list that knows where each item stood in its source file."""

    def __init__(self, *args: Any, mark: Mark = (1, 1)) -> None:
        super().__init__(*args)
        self.mark = mark
        self.item_marks: list[Mark] = []


def _mark(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns a composed YAML node tree into Marked containers, refusing duplicate keys."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: str = "") -> Any:
        if isinstance(node, yaml.MappingNode):
            self.constructor.flatten_mapping(node)
            out = MarkedDict(mark=_mark(node))
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise SourceError(self.file, *_mark(key_node), path, "mapping keys must be plain scalars")
                # keys are names: keep them as written (YAML 1.1 would turn `on:` into True and `12:` into 12)
                key = key_node.value
                if key in out:
                    first = out.key_marks[key][0]
                    raise SourceError(self.file, *_mark(key_node), _join(path, key),
                                      f"duplicate key '{key}' (first defined on line {first}); remove one")
                out[key] = self.build(value_node, _join(path, key))
                out.key_marks[key] = _mark(key_node)
                out.value_marks[key] = _mark(value_node)
            return out
        if isinstance(node, yaml.SequenceNode):
            out_list = MarkedList(mark=_mark(node))
            for i, item in enumerate(node.value):
                out_list.append(self.build(item, f"{path}[{i}]"))
                out_list.item_marks.append(_mark(item))
            return out_list
        return self.constructor.construct_object(node, deep=True)


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _read(path: Path, name: str, missing_hint: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        where = f"{path} does not exist" if str(path) != name else "file not found"
        raise SourceError(name, 1, 1, "", f"{where}; {missing_hint}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(name, 1, 1, "", f"cannot read file ({exc})") from None


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Load one YAML document with marks; syntax errors become one-line SourceErrors."""
    name = display or path.name
    return parse_yaml(_read(path, name, "run 'armgen init' there, or pass --spec (or ARMGEN_SPEC) with the right "
                                        "path"), name)


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML text with marks (see :func:`load_yaml`)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        start = exc.context_mark
        if exc.problem and exc.context and start and start.line + 1 != line:
            problem += f" ({exc.context} started on line {start.line + 1})"
        raise SourceError(name, line, col, "", f"invalid YAML: {problem}; fix the syntax") from None
    except yaml.YAMLError as exc:
        raise SourceError(name, 1, 1, "", f"invalid YAML: {exc}") from None
    if node is None:
        raise SourceError(name, 1, 1, "", "the file is empty; run 'armgen init' for a sample")
    try:
        return _Builder(name).build(node)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SourceError(name, line, col, "", f"invalid YAML value: {exc.problem}") from None


def load_json(path: Path, display: str | None = None) -> Any:
    """Load a JSON file with marks: strict JSON syntax first, then marks through the YAML composer."""
    name = display or path.name
    text = _read(path, name, "run 'armgen init' to create one")
    if not text.strip():
        raise SourceError(name, 1, 1, "", "the file is empty; expected a JSON object")
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(name, exc.lineno, exc.colno, "", f"invalid JSON: {exc.msg}; fix the syntax") from None
    # JSON is YAML flow syntax; tabs are legal JSON whitespace but not YAML indentation
    return parse_yaml(text.replace("\t", " "), name)


def mark_of(doc: Any, path: list[Any], *, key: bool = False) -> Mark:
    """The mark of the node at ``path`` (the key's mark with ``key=True``), nearest ancestor if absent."""
    node, mark = doc, getattr(doc, "mark", (1, 1))
    for i, step in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, MarkedDict) and step in node:
            marks = node.key_marks if (key and last) else node.value_marks
            mark = marks.get(step, mark)
            node = node[step]
        elif isinstance(node, MarkedList) and isinstance(step, int) and 0 <= step < len(node):
            mark = node.item_marks[step]
            node = node[step]
        else:
            break
    return mark


def format_path(path: list[Any]) -> str:
    """``['workspaces', 1, 'compute']`` -> ``workspaces[1].compute``."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out
