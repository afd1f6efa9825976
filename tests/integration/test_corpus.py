"""The fidelity corpus through the real SDK: each third-party template (tests/fixtures/corpus/corpus.json:
source repository, path and commit) deploys to the emulator at its scope (resource group, subscription,
management group) with its outputs evaluated, and a what-if of the same input then shows no change.
relativePath links are packed from the files next to the template, as Azure CLI does."""

from __future__ import annotations

import json

import pytest
from azure.core.exceptions import HttpResponseError

from armgen.arm.linked import pack_linked_templates
from tests.corpus import GROUP, LOCATION, MANAGEMENT_GROUP, CorpusEntry, entries

pytestmark = pytest.mark.integration
QUIET = {"NoChange", "Ignore"}


def _body(entry: CorpusEntry, with_location: bool) -> dict:
    template = pack_linked_templates(entry.template(), entry.folder)
    body: dict = {"properties": {"mode": "Incremental", "template": template,
                                 "parameters": {k: {"value": v} for k, v in entry.parameter_values().items()}}}
    if with_location:
        body["location"] = LOCATION
    return body


def _deploy(emulator, entry: CorpusEntry):  # fixture, SDK model
    ops = emulator.deployments().deployments
    name = f"corpus-{entry.id}"[:64]
    if entry.scope == "resourceGroup":
        emulator.resources().resource_groups.create_or_update(GROUP, {"location": LOCATION})
        return (ops.begin_create_or_update(GROUP, name, _body(entry, False)).result(),
                ops.begin_what_if(GROUP, name, _body(entry, False)).result())
    if entry.scope == "subscription":
        return (ops.begin_create_or_update_at_subscription_scope(name, _body(entry, True)).result(),
                ops.begin_what_if_at_subscription_scope(name, _body(entry, True)).result())
    return (ops.begin_create_or_update_at_management_group_scope(MANAGEMENT_GROUP, name, _body(entry, True)).result(),
            ops.begin_what_if_at_management_group_scope(MANAGEMENT_GROUP, name, _body(entry, True)).result())


@pytest.mark.parametrize("entry", [e for e in entries() if not e.expect_error], ids=lambda e: e.id)
def test_corpus_template_deploys_and_re_deploys_as_no_change(emulator, entry: CorpusEntry) -> None:
    deployment, what_if = _deploy(emulator, entry)
    assert deployment.properties.provisioning_state == "Succeeded"
    declared = entry.template().get("outputs") or {}
    outputs = deployment.properties.outputs or {}
    assert set(outputs) == set(declared)
    for name, output in outputs.items():
        if output["type"] in ("SecureString", "SecureObject"):
            continue
        text = json.dumps(output.get("value"))
        assert "[reference(" not in text and "[list" not in text, (name, text)
    noisy = [(c.change_type, c.resource_id) for c in what_if.changes if c.change_type not in QUIET]
    assert noisy == []


def _codes(error: dict) -> set[str]:
    found = {error.get("code")}
    for inner in error.get("details") or []:
        found |= _codes(inner)
    return found


@pytest.mark.parametrize("entry", [e for e in entries() if e.expect_error], ids=lambda e: e.id)
def test_corpus_template_azure_refuses_fails_with_azures_code(emulator, entry: CorpusEntry) -> None:
    with pytest.raises(HttpResponseError):
        _deploy(emulator, entry)
    record = emulator.deployments().deployments.get(GROUP, f"corpus-{entry.id}"[:64])
    assert record.properties.provisioning_state == "Failed"
    assert entry.expect_error in _codes(record.properties.error.as_dict())
