"""portal/kept.py: a table kept from build to build appends what a build made, is written anew once
much of it is unused, is never read under another recipe, and survives a line cut short."""

from __future__ import annotations

import json

from portal.kept import STALE_SHARE, KeptTable


def lines(path) -> list:
    """The head, then each entry as (key, value)."""
    head, *entries = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(head)] + [(key, json.loads(value)) for key, value in (e.split("\t") for e in entries)]


def build(path, recipe: str, keys, made: dict | None = None) -> KeptTable:
    """One build's use of the table: every key read back, or made (its value the key, upper-cased)."""
    table = KeptTable(path, recipe)
    for key in keys:
        if table.get(key) is None:
            table.keep(key, (made if made is not None else {}).setdefault(key, key.upper()))
    table.save()
    return table


def test_a_build_appends_what_it_made_and_the_next_reads_it_all(tmp_path):
    path = tmp_path / "t.kept"
    first = [f"k{i}" for i in range(100)]
    build(path, "r1", first)
    assert lines(path) == [{"recipe": "r1"}, *((k, k.upper()) for k in first)]
    edited = first[1:] + ["new"]  # one entry replaced, as an edit does
    build(path, "r1", edited)
    assert lines(path)[101:] == [("new", "NEW")]  # appended, the rest not written again
    made: dict = {}
    again = build(path, "r1", edited, made)
    assert made == {} and {k: json.loads(v) for k, v in again.now.items()} == {k: k.upper() for k in edited}
    assert len(lines(path)) == 102  # nothing new, nothing written


def test_a_table_mostly_unused_is_written_anew_with_what_is_used(tmp_path):
    path = tmp_path / "t.kept"
    keys = [f"k{i}" for i in range(100)]
    build(path, "r1", keys)
    kept = keys[: 100 - 100 // (STALE_SHARE + 1) - 1]  # unused now more than a quarter of the used
    build(path, "r1", kept)
    assert lines(path) == [{"recipe": "r1"}, *((k, k.upper()) for k in kept)]


def test_another_recipe_a_cut_line_or_a_wrong_value_are_not_kept(tmp_path):
    path = tmp_path / "t.kept"
    keys = ["a", "b", "c"]
    build(path, "r1", keys)
    made: dict = {}
    build(path, "r2", keys, made)  # another recipe: nothing read, the file written anew under r2
    assert made == {"a": "A", "b": "B", "c": "C"}
    assert lines(path) == [{"recipe": "r2"}, ("a", "A"), ("b", "B"), ("c", "C")]

    with open(path, "a", encoding="utf-8") as out:
        out.write('d\t"D"\nbroken line\ne\t"E')  # a damaged line, and a build killed while appending
    table = KeptTable(path, "r2")
    assert table.before == {"a": '"A"', "b": '"B"', "c": '"C"', "d": '"D"'}  # the entries that are whole
    made = {}
    build(path, "r2", ["a", "d", "e"], made)
    assert made == {"e": "E"}
    assert lines(path) == [{"recipe": "r2"}, ("a", "A"), ("d", "D"), ("e", "E")]  # written anew, whole again

    # A value its reader refused (it made the value again), and one that is not JSON: the new ones are kept.
    path.write_text('{"recipe": "r2"}\na\t["not", "this"]\nb\t"B"\nc\t{"cut\n', encoding="utf-8")
    table = KeptTable(path, "r2")
    for key in ("a", "b", "c"):
        value = table.get(key)
        if not isinstance(value, str):
            table.keep(key, key.upper())
    table.save()
    assert {k: json.loads(v) for k, v in KeptTable(path, "r2").before.items()} == {"a": "A", "b": "B", "c": "C"}


def test_no_file_no_table_and_no_path_nothing_written(tmp_path):
    assert KeptTable(tmp_path / "none.kept", "r").before == {}
    (tmp_path / "bad.kept").write_bytes(b"\xff\xfe not text")
    assert KeptTable(tmp_path / "bad.kept", "r").before == {}
    table = KeptTable(None, "r")
    table.keep("a", 1)
    table.save()
    assert list(tmp_path.iterdir()) == [tmp_path / "bad.kept"]
