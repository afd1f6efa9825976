"""Broken and hostile inputs, one :class:`Case` each: the files, the command, and what must come back."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

MINIMAL = ("project: demo\nenvironments:\n  dev: {subscriptionId: 00000000-0000-0000-0000-0000000000aa, "
           "location: westeurope}\nworkspaces:\n  - name: forecast\n")
SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
PSCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"

Files = dict[str, bytes]


@dataclass(frozen=True)
class Case:
    """``files`` written into an empty folder, ``args`` run there; the exit code and one line naming ``file``."""

    id: str
    args: tuple[str, ...]
    files: Callable[[], Files]
    exit_code: int = 2
    file: str | None = None  # the file the one error line must name (None: no error line expected)
    says: str = ""  # a fragment of the message
    max_rss_mb: int = 250
    stream: str = "stderr"  # where the error line is: validate reports findings on stdout


def spec(text: str | bytes, datastores: str | bytes | None = None) -> Callable[[], Files]:
    def build() -> Files:
        out = {"mlenv.yaml": text.encode() if isinstance(text, str) else text}
        if datastores is not None:
            out["datastore_config.json"] = datastores.encode() if isinstance(datastores, str) else datastores
        return out
    return build


def with_tags(tags: str) -> str:
    return MINIMAL.replace("project: demo\n", f"project: demo\ntags: {tags}\n")


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def tag_bomb() -> str:
    """The bomb under ``tags`` of an otherwise valid spec."""
    anchors = ["x-anchors:", '  - &b0 "lol"']
    for i in range(1, 10):
        anchors.append(f"  - &b{i} [{', '.join([f'*b{i - 1}'] * 9)}]")
    return "\n".join(anchors) + "\n" + MINIMAL.replace("project: demo\n", "project: demo\ntags: {bomb: *b9}\n")


def merge_bomb() -> str:
    lines = ["m0: &m0 {k0: v}"]
    for i in range(1, 10):
        lines.append(f"m{i}: &m{i}\n  <<: [{', '.join([f'*m{i - 1}'] * 9)}]\n  k{i}: v")
    return "\n".join(lines) + "\n"


def deep_yaml_flow(depth: int) -> str:
    return MINIMAL + "x: " + "[" * depth + "]" * depth + "\n"


def deep_yaml_block(depth: int) -> str:
    return MINIMAL + "".join("  " * i + "k:\n" for i in range(depth)) + "  " * depth + "k: v\n"


def template(body: dict | str) -> bytes:
    if isinstance(body, str):
        return body.encode()
    return json.dumps({"$schema": SCHEMA, "contentVersion": "1.0.0.0", **body}).encode()


def arm(command: str, tpl: bytes | Callable[[], bytes], params: bytes | None = None) -> Callable[[], Files]:
    def build() -> Files:
        out = {"t.json": tpl() if callable(tpl) else tpl}
        if params is not None:
            out["t.parameters.json"] = params
        return out
    return build


def arm_args(command: str, params: bool = False) -> tuple[str, ...]:
    if command == "validate":
        return ("validate", "t.json", *(["--parameters", "t.parameters.json"] if params else []))
    return ("expand", "t.json", *(["--parameters", "t.parameters.json"] if params else []))


def deep_json(depth: int) -> bytes:
    return raw_template(', "variables": {"x": ' + "[" * depth + "]" * depth + "}")


def raw_template(extra: str) -> bytes:
    """A template's text with ``extra`` members after an empty ``resources``."""
    return ('{"$schema": "' + SCHEMA + '", "contentVersion": "1.0.0.0", "resources": []' + extra + "}").encode()


def raw_parameters(value: str) -> bytes:
    return ('{"$schema": "' + PSCHEMA + '", "contentVersion": "1.0.0.0", "parameters": {"p": {"value": ' + value
            + "}}}").encode()


def big_template() -> bytes:
    tags = {f"t{i}": "x" * 1000 for i in range(5000)}
    return template({"resources": [{"type": "Microsoft.Resources/tags", "apiVersion": "2025-04-01",
                                    "name": "default", "properties": {"tags": tags}}]})


def valid_datastores(name: str = '"datasets"') -> str:
    return ('{"datastores": [{"name": ' + name + ', "storageAccount": "data", "container": "datasets", '
            '"workspaces": ["forecast"]}]}')


MINIMAL_DATA = MINIMAL + "shared:\n  storage:\n    data: {containers: [datasets]}\n"

SPEC_CASES = [
    Case("yaml-alias-bomb-9x9", ("render",), spec(alias_bomb()), file="mlenv.yaml", says="expands to more than"),
    Case("yaml-alias-bomb-under-tags", ("render",), spec(tag_bomb()), file="mlenv.yaml", says="expands to more than"),
    Case("yaml-merge-key-bomb", ("render",), spec(merge_bomb()), file="mlenv.yaml", says="expands to more than"),
    Case("yaml-too-many-aliases", ("render",),
         spec(MINIMAL + "a: &a x\nlist: [" + ", ".join(["*a"] * 150) + "]\n"), file="mlenv.yaml",
         says="more than 100 YAML aliases"),
    Case("yaml-recursive-alias", ("render",), spec(MINIMAL + "r: &r [*r]\n"), file="mlenv.yaml",
         says="refers to the node that contains it"),
    Case("yaml-5000-deep-flow", ("render",), spec(deep_yaml_flow(5000)), file="mlenv.yaml",
         says="nest"),  # libyaml's own limit (1,000) may stop it first
    Case("yaml-200-deep-flow", ("render",), spec(deep_yaml_flow(200)), file="mlenv.yaml",
         says="nested more than 128 levels"),
    Case("yaml-300-deep-block", ("render",), spec(deep_yaml_block(300)), file="mlenv.yaml",
         says="nested more than 128 levels"),
    Case("spec-20mb", ("render",), spec(MINIMAL + "# " + "x" * (20 * 1024 * 1024) + "\n"), file="mlenv.yaml",
         says="over the limit of 1,048,576"),
    Case("spec-20k-tags", ("render",),
         spec(with_tags("{" + ", ".join(f"t{i}: v{i}" for i in range(20000)) + "}")), file="mlenv.yaml",
         says="characters elided"),
    Case("spec-100kb-tag-value", ("render",), spec(with_tags("{big: " + "v" * 100_000 + "}")), file="mlenv.yaml",
         says="is too long"),
    Case("spec-100kb-unknown-key", ("render",), spec(MINIMAL + "k" * 100_000 + ": 1\n"), file="mlenv.yaml",
         says="invalid YAML"),
    Case("spec-1000-character-unknown-key", ("render",), spec(MINIMAL + "k" * 1000 + ": 1\n"), file="mlenv.yaml",
         says="characters elided"),
    Case("spec-unquoted-date-in-tags", ("render",), spec(with_tags("{createdOn: 2024-05-01}")), exit_code=0),
    Case("spec-unquoted-timestamp-in-tags", ("render",), spec(with_tags("{at: 2024-05-01T10:00:00Z}")), exit_code=0),
    Case("spec-date-where-a-number-belongs", ("render",),
         spec(MINIMAL.replace("- name: forecast\n", "- name: forecast\n    compute: {maxNodes: 2024-05-01}\n")),
         file="mlenv.yaml", says="is not of type 'integer'"),
    Case("spec-yes-where-a-string-belongs", ("render",), spec(with_tags("{enabled: yes}")), file="mlenv.yaml",
         says="put the value in quotes"),
    Case("spec-number-where-a-string-belongs", ("render",), spec(with_tags("{version: 1.5}")), file="mlenv.yaml",
         says="is not of type 'string'"),
    Case("spec-python-tag", ("render",), spec(MINIMAL + "x: !!python/object/apply:os.system ['true']\n"),
         file="mlenv.yaml", says="YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    Case("spec-python-scalar-tag", ("render",), spec(MINIMAL + "x: !!python/name:os.system\n"),
         file="mlenv.yaml", says="invalid YAML value"),
    Case("spec-two-documents", ("render",), spec(MINIMAL + "---\nproject: other\n"), file="mlenv.yaml",
         says="invalid YAML"),
    Case("spec-not-utf8", ("render",), spec(b"project: \xff\xfe\n"), file="mlenv.yaml", says="cannot read file"),
    Case("spec-nul-bytes", ("render",), spec(MINIMAL + "x: \x00\x01\n"), file="mlenv.yaml", says="invalid YAML"),
    Case("spec-is-a-list", ("render",), spec("- 1\n- 2\n"), file="mlenv.yaml", says="must be a mapping"),
    Case("spec-empty", ("render",), spec(""), file="mlenv.yaml", says="empty"),
    Case("spec-huge-integer", ("render",),
         spec(MINIMAL.replace("- name: forecast\n", "- name: forecast\n    compute: {maxNodes: " + "9" * 5000 + "}\n")),
         file="mlenv.yaml", says="is too large; quote it"),
    Case("spec-nan-node-count", ("render",),
         spec(MINIMAL.replace("- name: forecast\n", "- name: forecast\n    compute: {maxNodes: .nan}\n")),
         file="mlenv.yaml", says="is not of type 'integer'"),
    Case("spec-unclosed-flow-on-a-long-line", ("render",), spec(MINIMAL + "x: [" + "a, " * 20_000 + "\n"),
         file="mlenv.yaml", says="invalid YAML"),
    Case("spec-300k-values", ("render",), spec(MINIMAL + "x: [" + "a," * 300_000 + "]\n"), file="mlenv.yaml",
         says="more than 100,000 values"),
    Case("datastores-nan", ("render",), spec(MINIMAL_DATA, valid_datastores("NaN")), file="datastore_config.json",
         says="NaN is not JSON"),
    Case("datastores-1e400-name", ("render",), spec(MINIMAL_DATA, valid_datastores("1e400")),
         file="datastore_config.json", says="out of range"),
    Case("datastores-number-name", ("render",), spec(MINIMAL_DATA, valid_datastores("12")),
         file="datastore_config.json", says="is not of type 'string'"),
    Case("datastores-5000-digit-int", ("render",), spec(MINIMAL_DATA, valid_datastores("1" * 5000)),
         file="datastore_config.json", says="64-bit integers"),
    Case("datastores-5000-deep", ("render",), spec(MINIMAL_DATA, "[" * 5000 + "]" * 5000),
         file="datastore_config.json", says="nested more than 128 levels"),
    Case("datastores-5mb", ("render",), spec(MINIMAL_DATA, '{"datastores": [], "x": "' + "y" * 5_000_000 + '"}'),
         file="datastore_config.json", says="over the limit"),
    Case("datastores-duplicate-key", ("render",),
         spec(MINIMAL_DATA, '{"datastores": [], "datastores": []}'), file="datastore_config.json",
         says="duplicate key 'datastores'"),
    Case("datastores-not-utf8", ("render",), spec(MINIMAL_DATA, b'{"datastores": ["\xff"]}'),
         file="datastore_config.json", says="cannot read"),
    Case("datastores-trailing-garbage", ("render",), spec(MINIMAL_DATA, '{"datastores": []} }'),
         file="datastore_config.json", says="invalid JSON"),
    Case("datastores-infinity", ("render",), spec(MINIMAL_DATA, '{"datastores": [], "x": -Infinity}'),
         file="datastore_config.json", says="-Infinity is not JSON"),
]

_ARM_BAD: list[tuple[str, Callable[[], bytes] | bytes, str]] = [
    ("nan", raw_template(', "variables": {"x": NaN}'), "NaN is not JSON"),
    ("5000-digit-int", raw_template(', "variables": {"x": ' + "7" * 5000 + "}"), "64-bit integers"),
    ("1e400", raw_template(', "variables": {"x": 1e400}'), "out of range"),
    ("5000-deep", deep_json(5000), "nested more than 128 levels"),
    ("200-deep", deep_json(200), "nested more than 128 levels"),
    ("over-4mb", big_template, "over the limit of 4,194,304"),
    ("duplicate-key", raw_template(', "resources": []'), "duplicate key 'resources'"),
    ("not-utf8", b'{"$schema": "\xff"}', "cannot read"),
    ("empty", b"", "invalid JSON"),
    ("truncated", template({"resources": []})[:-7], "invalid JSON"),
    ("binary", bytes(range(256)) * 4, "cannot read"),
]

ARM_CASES = [
    Case(f"{command}-template-{name}", arm_args(command), arm(command, data), file="t.json", says=says,
         max_rss_mb=300)
    for command in ("validate", "expand") for name, data, says in _ARM_BAD
]

_OK_TEMPLATE = template({"parameters": {"p": {"type": "string"}}, "resources": []})
PARAMETER_CASES = [
    Case(f"{command}-parameters-{name}", arm_args(command, params=True),
         arm(command, _OK_TEMPLATE, data), file="t.parameters.json", says=says)
    for command in ("validate", "expand") for name, data, says in [
        ("nan", raw_parameters("NaN"), "NaN is not JSON"),
        ("5000-deep", raw_parameters("[" * 5000 + "]" * 5000), "nested more than 128 levels"),
        ("over-4mb", raw_parameters('"' + "z" * 4_300_000 + '"'), "over the limit"),
    ]
]

def _doubling(levels: int = 40) -> bytes:
    variables = {"v0": "xx", **{f"v{i}": f"[concat(variables('v{i - 1}'), variables('v{i - 1}'))]"
                                for i in range(1, levels + 1)}}
    return template({"variables": variables, "resources": [],
                     "outputs": {"o": {"type": "string", "value": f"[variables('v{levels}')]"}}})


def _nested(depth: int) -> bytes:
    inner: dict = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "resources": []}
    for i in range(depth):
        inner = {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "resources": [{
            "type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": f"d{i}",
            "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                           "template": inner}}]}
    return json.dumps(inner).encode()


TAGS = {"type": "Microsoft.Resources/tags", "apiVersion": "2025-04-01", "properties": {"tags": {}}}
_EVAL_BAD: list[tuple[str, bytes, str]] = [
    ("string-doubled-through-40-variables", _doubling(), "evaluation budget"),
    ("variable-cycle", template({"variables": {"a": "[variables('b')]", "b": "[variables('a')]"}, "resources": []}),
     "refers to itself through a -> b -> a"),
    ("copy-input-reads-itself", template({"variables": {"copy": [{"name": "c", "count": 2,
                                                                  "input": "[variables('c')]"}]}, "resources": []}),
     "refers to itself through c -> c"),
    ("recursive-user-function", template({"functions": [{"namespace": "n", "members": {"f": {
        "parameters": [{"name": "x", "type": "int"}], "output": {"type": "int", "value": "[n.f(parameters('x'))]"}}}}],
        "resources": [], "outputs": {"o": {"type": "int", "value": "[n.f(1)]"}}}),
     "user-defined functions cannot call user-defined functions"),
    ("resource-depends-on-itself", template({"resources": [{**TAGS, "name": "default", "dependsOn": ["default"]}]}),
     "Circular dependency detected"),
    ("1000-parameters", template({"parameters": {f"p{i}": {"type": "string", "defaultValue": "x"}
                                                for i in range(1000)}, "resources": []}),
     "parameters count '1000' exceeds the maximum allowed '256'"),
    ("30000-character-expression", template({"resources": [], "outputs": {"o": {
        "type": "string", "value": "[concat('" + "a" * 30000 + "')]"}}}), "more than the 24,576 allowed"),
    ("10000-resources", template({"resources": [{**TAGS, "name": "[string(copyIndex())]",
                                                 "copy": {"name": "c", "count": 10000}}]}), "between 0 and 800"),
    ("801-resources-without-copy", template({"resources": [{**TAGS, "name": f"t{i}"} for i in range(801)]}),
     "resource count '801' exceeds the maximum allowed '800'"),
    ("range-of-100-million", template({"resources": [], "outputs": {"o": {"type": "array",
                                                                        "value": "[range(0, 100000000)]"}}}),
     "10000"),
]
EVAL_CASES = [
    Case(f"{command}-{name}", arm_args(command), arm(command, data), file="t.json", says=says,
         exit_code=1 if command == "validate" else 2, stream="stdout" if command == "validate" else "stderr",
         max_rss_mb=400)
    for command in ("validate", "expand") for name, data, says in _EVAL_BAD
] + [
    Case("expand-200-nested-inline-deployments", arm_args("expand"), arm("expand", _nested(200)), file="t.json",
         says="nested more than 128 levels"),
    Case("expand-a-linked-template-that-links-to-itself", arm_args("expand"), arm("expand", template({"resources": [{
        "type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "again",
        "properties": {"mode": "Incremental", "templateLink": {"relativePath": "t.json"}}}]})), file="t.json",
        says="more than 32 levels deep"),
]

ALL = SPEC_CASES + ARM_CASES + PARAMETER_CASES + EVAL_CASES
