"""The az-style what-if text: symbols, order, property deltas, summary."""

from armgen.deploy.whatif_format import (
    PropertyChange,
    ResourceChange,
    format_text,
    from_sdk,
    has_changes,
    summary,
)

RG = "/subscriptions/0000/resourceGroups/rg"


def change(name: str, kind: str, delta=None) -> ResourceChange:
    return ResourceChange(f"{RG}/providers/Microsoft.Storage/storageAccounts/{name}", kind, "2025-08-01", delta or [])


def test_changes_are_sorted_like_az_and_summarised() -> None:
    text = format_text([change("c", "NoChange"), change("b", "Modify"), change("a", "Create"), change("d", "Delete")])
    lines = [line.strip() for line in text.splitlines()]
    order = [line[0] for line in lines if line.startswith(("+", "-", "~", "=")) and "storageAccounts" in line]
    assert order == ["-", "+", "~", "="]
    assert lines[-1] == "Resource changes: 1 to delete, 1 to create, 1 to modify, 1 no change."
    assert f"Scope: {RG}" in lines


def test_modify_shows_before_and_after() -> None:
    delta = [PropertyChange("properties.minimumTlsVersion", "Modify", "TLS1_0", "TLS1_2")]
    text = format_text([change("a", "Modify", delta)])
    assert '~ properties.minimumTlsVersion: "TLS1_0" => "TLS1_2"' in text
    assert "~ Microsoft.Storage/storageAccounts/a [2025-08-01]" in text


def test_array_changes_nest_their_children() -> None:
    delta = [PropertyChange("tags.list", "Array", children=[PropertyChange("0", "Create", after="x")])]
    text = format_text([change("a", "Modify", delta)])
    assert '~ tags.list: [\n      + 0: "x"\n      ]' in text  # az closes at the child indent


def test_excluded_change_types_are_hidden() -> None:
    text = format_text([change("a", "NoChange"), change("b", "Create")], exclude=frozenset({"NoChange"}))
    assert "storageAccounts/a" not in text and "storageAccounts/b" in text


def test_has_changes_ignores_nochange_and_ignore() -> None:
    assert not has_changes([change("a", "NoChange"), change("b", "Ignore")])
    assert has_changes([change("a", "Deploy")])
    assert summary([]) == "Resource changes: no change."


def test_from_sdk_reads_the_rest_shape() -> None:
    body = {"status": "Succeeded", "properties": {"changes": [{
        "resourceId": f"{RG}/providers/Microsoft.KeyVault/vaults/kv", "changeType": "Modify",
        "after": {"apiVersion": "2025-05-01"},
        "delta": [{"path": "properties.sku.name", "propertyChangeType": "Modify", "before": "standard",
                   "after": "premium"}]}]}}
    [c] = from_sdk(body)
    assert c.change_type == "Modify" and c.api_version == "2025-05-01"
    assert c.delta[0].before == "standard" and c.delta[0].after == "premium"


def test_everything_hidden_says_so_instead_of_an_empty_report() -> None:
    text = format_text([change("a", "NoChange"), change("b", "Ignore")], exclude=frozenset({"NoChange", "Ignore"}))
    assert text == "No resource changes to show (2 hidden by --exclude-change-types).\n"
