"""The spec's loader: YAML (mlenv.yaml) with the line and column of every key and value, bounded in size,
depth and aliases; its JSON files (datastore_config.json) through the one JSON loader, :mod:`armgen.jsonmarks`,
into the same marked mappings and lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from armgen import jsonmarks, limits
from armgen.errors import InputError, SourceError

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


TIMESTAMP = "tag:yaml.org,2002:timestamp"
INT = "tag:yaml.org,2002:int"
COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


_CParser = getattr(getattr(yaml, "cyaml", None), "CParser", None)  # libyaml: scans ~15x faster when present


class _Bounds:
    """Composition that refuses documents nested too deep, with too many aliases or values."""

    file: str
    depth = aliases = nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > limits.YAML_ALIASES:
                mark = self.peek_event().start_mark
                raise SourceError(self.file, mark.line + 1, mark.column + 1, "",
                                  f"more than {limits.YAML_ALIASES} YAML aliases; write the values out instead")
            return super().compose_node(parent, index)
        self.depth += 1
        self.nodes += 1
        if self.nodes > limits.YAML_NODES:
            mark = self.peek_event().start_mark
            raise SourceError(self.file, mark.line + 1, mark.column + 1, "",
                              f"more than {limits.YAML_NODES:,} values; the spec is not meant to be that large")
        try:
            if self.depth > limits.JSON_DEPTH:
                mark = self.peek_event().start_mark
                raise SourceError(self.file, mark.line + 1, mark.column + 1, "",
                                  f"nested more than {limits.JSON_DEPTH} levels deep; flatten the structure")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _PyLoader(_Bounds, yaml.SafeLoader):
    """Pure-Python events (its syntax messages say what was found, e.g. "but got ':'")."""

    def __init__(self, stream: str, file: str) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self.file = file


if _CParser is not None:
    class _FastLoader(_Bounds, yaml.composer.Composer, yaml.resolver.Resolver, _CParser):  # type: ignore[misc]
        """libyaml's events, composed in Python with the same bounds."""

        def __init__(self, stream: str, file: str) -> None:
            _CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            self.file = file
else:  # pragma: no cover - PyYAML without libyaml
    _FastLoader = _PyLoader  # type: ignore[misc, assignment]


def _compose(text: str, name: str) -> yaml.Node | None:
    """The document's node tree: libyaml first; a syntax error is re-read in Python for its clearer message."""
    try:
        return _single_node(_FastLoader, text, name)
    except yaml.MarkedYAMLError:
        if _FastLoader is _PyLoader:
            raise
        return _single_node(_PyLoader, text, name)


def _single_node(loader_class: type, text: str, name: str) -> yaml.Node | None:
    loader = loader_class(text, name)
    try:
        return loader.get_single_node()
    finally:
        if hasattr(loader, "dispose"):
            loader.dispose()


def _expanded_size(root: yaml.Node, file: str) -> int:
    """How many nodes the document becomes once every alias is expanded (counted without expanding)."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise SourceError(file, *_mark(node), "", "a YAML alias refers to the node that contains it; "
                                                      "remove the cycle")
        active.add(key)
        children = node.value if isinstance(node, yaml.SequenceNode) else [
            n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else []
        sizes[key] = 1 + sum(size(child) for child in children)
        active.discard(key)
        return sizes[key]

    return size(root)


class _Builder:
    """Turns a composed YAML node tree into Marked containers, refusing duplicate keys.

    Timestamps (``2024-05-01``) stay the strings they were written as: the spec has no date fields.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: tuple = ()) -> Any:
        if isinstance(node, yaml.CollectionNode) and node.tag not in COLLECTIONS:
            raise SourceError(self.file, *_mark(node), jsonmarks.path_text(path), f"the YAML tag {limits.short_repr(node.tag)} is not "
                                                             "allowed here; remove it")
        if isinstance(node, yaml.MappingNode):
            self.constructor.flatten_mapping(node)
            out = MarkedDict(mark=_mark(node))
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise SourceError(self.file, *_mark(key_node), jsonmarks.path_text(path), "mapping keys must be plain scalars")
                # keys are names: keep them as written (YAML 1.1 would turn `on:` into True and `12:` into 12)
                key = key_node.value
                if key in out:
                    first = out.key_marks[key][0]
                    raise SourceError(self.file, *_mark(key_node), jsonmarks.path_text((*path, key)),
                                      f"duplicate key '{key}' (first defined on line {first}); remove one")
                out[key] = self.build(value_node, (*path, key))
                out.key_marks[key] = _mark(key_node)
                out.value_marks[key] = _mark(value_node)
            return out
        if isinstance(node, yaml.SequenceNode):
            out_list = MarkedList(mark=_mark(node))
            for i, item in enumerate(node.value):
                out_list.append(self.build(item, (*path, i)))
                out_list.item_marks.append(_mark(item))
            return out_list
        if node.tag == TIMESTAMP:
            return node.value
        if node.tag == INT and len(node.value.lstrip("+-").replace("_", "")) > limits.JSON_INT_DIGITS:
            raise SourceError(self.file, *_mark(node), jsonmarks.path_text(path), f"the integer {limits.short_repr(node.value)[1:-1]} is "
                                                             "too large; quote it to make it a string")
        return self.constructor.construct_object(node, deep=True)


def _read(path: Path, name: str, missing_hint: str, max_bytes: int) -> str:
    try:
        problem = jsonmarks.size_problem(path.stat().st_size, max_bytes)
        if problem:
            raise SourceError(name, 1, 1, "", problem)
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:  # no line to point at: the path alone
        raise InputError(f"{path}: file not found; {missing_hint}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(name, 1, 1, "", f"cannot read file ({limits.elide(str(exc))})") from None


def load_yaml(path: Path, display: str | None = None) -> Any:
    """Load one YAML document with marks; syntax errors become one-line SourceErrors."""
    name = display or path.name
    return parse_yaml(_read(path, name, "run 'armgen init' there, or pass --spec (or ARMGEN_SPEC) with the right "
                                        "path", limits.SPEC_BYTES), name)


def parse_yaml(text: str, name: str) -> Any:
    """Parse YAML text with marks (see :func:`load_yaml`); bounded in depth, aliases and expanded size."""
    try:
        node = _compose(text, name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        start = exc.context_mark
        if exc.problem and exc.context and start and start.line + 1 != line:
            problem += f" ({exc.context} started on line {start.line + 1})"
        raise SourceError(name, line, col, "", f"invalid YAML: {problem}; fix the syntax") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise SourceError(name, line, col, "", f"invalid YAML: character #x{exc.character:04x} is not allowed "
                                               f"({exc.reason}); remove it") from None
    except yaml.YAMLError as exc:
        raise SourceError(name, 1, 1, "", f"invalid YAML: {str(exc).splitlines()[0]}") from None
    if node is None:
        raise SourceError(name, 1, 1, "", "the file is empty; run 'armgen init' for a sample")
    if _expanded_size(node, name) > limits.YAML_NODES:
        raise SourceError(name, *_mark(node), "", f"the document expands to more than {limits.YAML_NODES:,} values "
                                                  "(YAML aliases); write the values out instead")
    try:
        return _Builder(name).build(node)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SourceError(name, line, col, "", f"invalid YAML value: {exc.problem}") from None


def load_json(path: Path, display: str | None = None) -> Any:
    """Load a JSON file with marks, through the one bounded JSON decoder (:mod:`armgen.jsonmarks`)."""
    name = display or path.name
    text = _read(path, name, "run 'armgen init' to create one", limits.TEMPLATE_BYTES)
    if not text.strip():
        raise SourceError(name, 1, 1, "", "the file is empty; expected a JSON object")
    doc = jsonmarks.loads(text, name)
    return _marked(doc, doc.data, ())


def _marked(doc: jsonmarks.MarkedJson, value: Any, path: tuple) -> Any:
    """Decoded JSON as Marked containers, each mark taken from the decoder's position index."""
    if isinstance(value, dict):
        out = MarkedDict(mark=doc.value_position(path))
        for key, item in value.items():
            out[key] = _marked(doc, item, (*path, key))
            out.key_marks[key] = doc.position((*path, key))
            out.value_marks[key] = doc.value_position((*path, key))
        return out
    if isinstance(value, list):
        out_list = MarkedList(mark=doc.value_position(path))
        for i, item in enumerate(value):
            out_list.append(_marked(doc, item, (*path, i)))
            out_list.item_marks.append(doc.value_position((*path, i)))
        return out_list
    return value


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
