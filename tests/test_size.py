"""What keeps the site small (docs/performance.md, "Size"): each thing a reader's browser needs is
written once, not once per page or per bundle, and nothing is dropped on the way."""

from __future__ import annotations

import json

import pytest

from conftest import write_project
from portal.index import SHARD_LIST
from portal.pipeline import build
from samples import ALL


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    project = write_project(tmp_path_factory.mktemp("size") / "project", ALL)
    assert build(project).ok
    return project.site_dir


@pytest.mark.slow
def test_only_the_first_pagefind_bundle_carries_pagefinds_scripts_and_webassembly(small_site):
    bundles = json.loads((small_site / SHARD_LIST).read_text(encoding="utf-8"))["bundles"]
    first, merged = small_site / "pagefind" / bundles[0], [small_site / "pagefind" / b for b in bundles[1:]]
    assert merged
    # The search page imports pagefind.js from the first bundle; it runs on that bundle's WebAssembly.
    assert (first / "pagefind.js").is_file() and (first / "pagefind-worker.js").is_file()
    assert list(first.glob("wasm.*.pagefind"))
    for bundle in merged:
        top = sorted(p.name for p in bundle.iterdir() if p.is_file())
        assert "pagefind-entry.json" in top, bundle
        # what mergeIndex reads: the entry, each language's metadata, and the chunks
        assert all(name == "pagefind-entry.json" or name.endswith(".pf_meta") for name in top), (bundle, top)
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        for language in entry["languages"].values():
            assert (bundle / f"pagefind.{language['hash']}.pf_meta").is_file()
        assert list((bundle / "fragment").iterdir()) and list((bundle / "index").iterdir())
