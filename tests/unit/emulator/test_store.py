"""The SQLite document store: case-insensitive keys, parents, prefixes, persistence."""

from __future__ import annotations

from armgen.emulator.store import Store


def test_keys_are_case_insensitive_and_order_is_insertion(tmp_path) -> None:
    store = Store(tmp_path / "s.db")
    store.put("res", "/Subscriptions/A/resourceGroups/RG/x/1", {"n": 1}, parent="/subscriptions/a/resourceGroups/rg")
    store.put("res", "/subscriptions/a/resourcegroups/rg/x/2", {"n": 2}, parent="/SUBSCRIPTIONS/A/RESOURCEGROUPS/RG")
    assert store.get("res", "/subscriptions/a/RESOURCEGROUPS/rg/X/1") == {"n": 1}
    assert [d["n"] for d in store.children("res", "/subscriptions/A/resourceGroups/RG")] == [1, 2]
    assert [d["n"] for d in store.with_prefix("res", "/SUBSCRIPTIONS/a/resourcegroups/rg/x/")] == [1, 2]
    assert store.count_children("res", "/subscriptions/a/resourcegroups/rg") == 2


def test_upsert_delete_and_prefix_delete(tmp_path) -> None:
    store = Store(None)
    store.put("dep", "k", {"v": 1})
    store.put("dep", "K", {"v": 2})
    assert store.all("dep") == [{"v": 2}]
    assert store.delete("dep", "k") is True and store.delete("dep", "k") is False
    for i in range(3):
        store.put("op", f"/a/{i}", {"i": i})
    store.put("op", "/b/1", {"i": 9})
    assert store.delete_prefix("op", "/a/") == 3
    assert store.all("op") == [{"i": 9}]


def test_survives_reopening(tmp_path) -> None:
    path = tmp_path / "s.db"
    first = Store(path)
    first.put("rg", "/subscriptions/s/resourceGroups/g", {"name": "g"}, parent="/subscriptions/s")
    first.close()
    assert Store(path).children("rg", "/subscriptions/s") == [{"name": "g"}]
