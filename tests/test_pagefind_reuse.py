"""A shard indexed again starts from its last files (portal/bundles.py): Pagefind leaves its
content-named files alone when they are there, so the build keeps only those (`reusable`), and
afterwards removes the ones the new index no longer names (`prune`), read from each language's
metadata (CBOR, `_cbor`). These are the parts on their own; tests/test_search_shards.py and
tests/test_incremental.py build whole sites with them and compare with clean builds."""

from __future__ import annotations

import gzip
import json

import pytest

from portal.bundles import _cbor, prune, reusable


def cbor(item) -> bytes:
    """CBOR of strings, non-negative numbers and lists: what Pagefind's metadata holds."""
    def head(major: int, n: int) -> bytes:
        if n < 24:
            return bytes([major << 5 | n])
        for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if n < 1 << (8 * size):
                return bytes([major << 5 | info]) + n.to_bytes(size, "big")
        raise ValueError(n)
    if isinstance(item, int):
        return head(0, item)
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return head(3, len(raw)) + raw
    return head(4, len(item)) + b"".join(cbor(x) for x in item)


@pytest.mark.parametrize("data, value", [
    # RFC 8949, appendix A
    ("00", 0), ("17", 23), ("1818", 24), ("190100", 256), ("1a000f4240", 1000000),
    ("1b000000e8d4a51000", 1000000000000), ("20", -1), ("3863", -100),
    ("60", ""), ("6161", "a"), ("62c3bc", "ü"), ("4401020304", b"\x01\x02\x03\x04"),
    ("80", []), ("83010203", [1, 2, 3]), ("8301820203820405", [1, [2, 3], [4, 5]]),
    ("a201020304", {1: 2, 3: 4}), ("a26161016162820203", {"a": 1, "b": [2, 3]}),
])
def test_cbor_items_read_as_the_standard_gives_them(data, value):
    raw = bytes.fromhex(data)
    assert _cbor(raw) == (value, len(raw))


@pytest.mark.parametrize("data", ["f93c00", "9f01ff", "6261", "1a0000", "c11a514b67b0"])
def test_what_pagefind_does_not_write_or_what_is_cut_short_is_refused(data):
    """A float, an array of unknown length, a string or number cut short, a tagged date."""
    with pytest.raises((ValueError, IndexError)):
        _cbor(bytes.fromhex(data))


def bundle_of(tmp_path, names_in_meta, files, version="1.5.2"):
    """A bundle as Pagefind writes one: its entry naming one language's metadata, which names
    `names_in_meta`; `files`, paths inside the bundle, each written with a few bytes."""
    bundle = tmp_path / "bundle"
    (bundle / "fragment").mkdir(parents=True)
    entry = {"version": version, "languages": {"en": {"hash": "en_meta1", "wasm": "en", "page_count": 1}}}
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    meta = [version, [[name, 10] for name in names_in_meta], [], [], [], []]
    (bundle / "pagefind.en_meta1.pf_meta").write_bytes(gzip.compress(b"pagefind_dcd" + cbor(meta)))
    for rel in files:
        (bundle / rel).parent.mkdir(parents=True, exist_ok=True)
        (bundle / rel).write_bytes(b"x")
    return bundle


def listing(bundle):
    return sorted(p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file())


def test_pruning_keeps_what_the_metadata_names_and_removes_the_rest(tmp_path):
    bundle = bundle_of(tmp_path, ["en_keep1", "en_keep2", "en_filt1"], [
        "fragment/en_keep1.pf_fragment", "fragment/en_gone1.pf_fragment",
        "index/en_keep2.pf_index", "index/en_gone2.pf_index",
        "filter/en_filt1.pf_filter", "filter/en_gone3.pf_filter",
        "pagefind.en_old.pf_meta", "pagefind.js", "wasm.en.pagefind"])
    prune(bundle)
    assert listing(bundle) == ["filter/en_filt1.pf_filter", "fragment/en_keep1.pf_fragment", "index/en_keep2.pf_index",
                               "pagefind-entry.json", "pagefind.en_meta1.pf_meta", "pagefind.js", "wasm.en.pagefind"]


def test_metadata_that_cannot_be_read_stops_the_pruning_before_it_removes_anything(tmp_path):
    bundle = bundle_of(tmp_path, ["en_keep1"], ["fragment/en_keep1.pf_fragment", "fragment/en_gone1.pf_fragment"])
    (bundle / "pagefind.en_meta1.pf_meta").write_bytes(gzip.compress(b"pagefind_dcd\xf9\x3c\x00"))
    before = listing(bundle)
    with pytest.raises(ValueError):
        prune(bundle)
    assert listing(bundle) == before
    (bundle / "pagefind.en_meta1.pf_meta").write_bytes(b"not gzip")
    with pytest.raises(OSError):
        prune(bundle)
    assert listing(bundle) == before


def test_a_bundle_keeps_for_pagefind_only_its_content_named_files(tmp_path):
    """What Pagefind writes through whatever is at its path (its scripts, WebAssembly, entry) goes,
    and anything that is not Pagefind's."""
    bundle = bundle_of(tmp_path, [], [
        "fragment/en_a.pf_fragment", "fragment/notes.txt", "fragment/deeper/en_b.pf_fragment",
        "index/en_c.pf_index", "filter/en_d.pf_filter", "filter/en_e.pf_index",
        "pagefind.js", "pagefind-ui.css", "wasm.en.pagefind", "other/en_f.pf_fragment", "readme.pf_meta"])
    reusable(bundle, "1.5.2")
    assert listing(bundle) == ["filter/en_d.pf_filter", "fragment/en_a.pf_fragment", "index/en_c.pf_index",
                               "pagefind.en_meta1.pf_meta"]


@pytest.mark.parametrize("version", ["1.4.0", "9.9.9"])
def test_a_bundle_another_pagefind_wrote_is_indexed_from_nothing(tmp_path, version):
    bundle = bundle_of(tmp_path, [], ["fragment/en_a.pf_fragment"], version=version)
    reusable(bundle, "1.5.2")
    assert not bundle.exists()
    bundle = bundle_of(tmp_path, [], ["fragment/en_a.pf_fragment"])
    (bundle / "pagefind-entry.json").unlink()
    reusable(bundle, "1.5.2")
    assert not bundle.exists()
