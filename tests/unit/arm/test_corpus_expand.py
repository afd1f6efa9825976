"""Every corpus template expands offline: concrete ids (no unevaluated expression in any id), outputs
evaluated, in the scope its $schema names (tests/fixtures/corpus/corpus.json lists sources and commits)."""

from __future__ import annotations

import pytest

from armgen.arm import DeploymentContext, expand
from armgen.arm.linked import FileTemplateLoader
from tests.corpus import GROUP, LOCATION, MANAGEMENT_GROUP, SUBSCRIPTION, CorpusEntry, entries

CONTEXTS = {
    "resourceGroup": DeploymentContext(subscription_id=SUBSCRIPTION, resource_group=GROUP, location=LOCATION),
    "subscription": DeploymentContext(subscription_id=SUBSCRIPTION, resource_group=None, scope="subscription",
                                      location=LOCATION),
    "managementGroup": DeploymentContext(subscription_id=SUBSCRIPTION, resource_group=None, scope="managementGroup",
                                         management_group=MANAGEMENT_GROUP, location=LOCATION),
}


def test_corpus_has_at_least_thirty_templates_with_sources() -> None:
    corpus = entries()
    assert len(corpus) >= 30
    for entry in corpus:
        assert entry.repo.count("/") == 1 and len(entry.commit) == 40 and entry.template_file.is_file()


@pytest.mark.parametrize("entry", entries(), ids=lambda e: e.id)
def test_corpus_template_expands_offline_with_concrete_ids(entry: CorpusEntry) -> None:
    result = expand(entry.template(), entry.parameter_values(), CONTEXTS[entry.scope],
                    loader=FileTemplateLoader(entry.folder))
    for resource in result.resources:
        assert "[" not in resource.id and "(" not in resource.id, resource.id
        assert resource.id.split("/providers/")[-1].count("/") >= 2, resource.id
    for name, output in result.outputs.items():
        assert "value" in output or output["type"] in ("SecureString", "SecureObject"), name
