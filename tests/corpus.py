"""The fidelity corpus: real third-party templates under tests/fixtures/corpus, with source and commit
(tests/fixtures/corpus/corpus.json), their parameters and the scope they deploy at."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
GROUP = "rg-corpus"
LOCATION = "westeurope"
MANAGEMENT_GROUP = "mg-corpus"


@dataclass(frozen=True)
class CorpusEntry:
    id: str
    repo: str
    path: str
    commit: str
    scope: str
    parameters: dict = field(hash=False)
    expect_error: str | None = None

    @property
    def folder(self) -> Path:
        return CORPUS / self.id

    @property
    def template_file(self) -> Path:
        return self.folder / "template.json"

    def template(self) -> dict:
        return json.loads(self.template_file.read_text())

    def parameter_values(self) -> dict:
        """The manifest's values, else the parameter file shipped next to the template."""
        if self.parameters:
            return dict(self.parameters)
        for file in self.folder.glob("*.parameters.json"):
            return {k: v["value"] for k, v in json.loads(file.read_text())["parameters"].items()}
        return {}


def entries() -> list[CorpusEntry]:
    manifest = json.loads((CORPUS / "corpus.json").read_text())
    return [CorpusEntry(cid, e["repo"], e["path"], e["commit"], e["scope"], e.get("parameters") or {},
                        e.get("expectError")) for cid, e in manifest.items()]
