"""YAML output for pipelines: key order kept, scripts as literal blocks, every scalar a string."""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:  # lists indented under keys
        return super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def _strings_only(value: Any, path: str = "") -> None:
    """Scalars are strings (the schema's "string" fields: numbers quoted) or booleans where the schema
    types a task input as boolean; anything else is armgen's own bug."""
    if isinstance(value, dict):
        for k, v in value.items():
            _strings_only(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _strings_only(v, f"{path}[{i}]")
    elif not isinstance(value, (str, bool)):
        raise TypeError(f"pipeline value at {path or '.'} is {type(value).__name__}, not a string or boolean")


def dump(document: dict, header: str) -> str:
    """``header`` as '#' comment lines, then the document."""
    _strings_only(document)
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.strip().splitlines())
    body = yaml.dump(document, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=120,
                     allow_unicode=True)
    return comments + body

