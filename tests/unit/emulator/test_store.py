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


def test_writes_reach_sqlite_when_the_outermost_hold_ends(tmp_path) -> None:
    import sqlite3

    path = tmp_path / "s.db"
    store = Store(path)

    def on_disk() -> list[str]:
        with sqlite3.connect(path) as db:
            return [k for (k,) in db.execute("SELECT key FROM docs ORDER BY seq")]

    with store.lock:
        store.put("dep", "a", {"v": 1})
        with store.lock:
            store.put("dep", "b", {"v": 2})
        assert store.get("dep", "b") == {"v": 2}  # read from memory at once
        assert on_disk() == []  # still held: nothing written yet
    assert on_disk() == ["a", "b"]
    store.delete_prefix("dep", "A")
    assert on_disk() == ["b"] and store.all("dep") == [{"v": 2}]


def test_later_runs_after_the_lock_is_released_by_its_thread(tmp_path) -> None:
    import threading

    store, seen = Store(None), []

    def probe() -> None:  # another thread can take the lock: it is free when the callback runs
        t = threading.Thread(target=lambda: seen.append(store.count_children("x", "")))
        t.start()
        t.join(5)

    with store.lock:
        store.put("x", "k", {})
        store.lock.later(probe)
        assert seen == []
    assert seen == [1]
    try:
        store.lock.later(probe)
    except RuntimeError:
        pass
    else:
        raise AssertionError("later() outside the lock must be refused")


def test_reads_do_not_wait_for_a_lock_holder(tmp_path) -> None:
    import threading

    store = Store(None)
    store.put("res", "k", {"v": 1})
    got: list = []
    with store.lock:  # held here while another thread reads
        t = threading.Thread(target=lambda: got.append(store.get("res", "K")))
        t.start()
        t.join(2)
    assert got == [{"v": 1}]


def test_a_document_moved_to_another_parent_keeps_its_place(tmp_path) -> None:
    store = Store(tmp_path / "s.db")
    store.put("res", "a", {"n": "a"}, parent="p1")
    store.put("res", "b", {"n": "b"}, parent="p2")
    store.put("res", "a", {"n": "a2"}, parent="p2")
    assert store.children("res", "p2") == [{"n": "a2"}, {"n": "b"}]  # insertion order, as SQLite's seq
    assert store.children("res", "p1") == [] and store.count_children("res", "p2") == 2
    store.close()
    assert Store(tmp_path / "s.db").children("res", "p2") == [{"n": "a2"}, {"n": "b"}]
