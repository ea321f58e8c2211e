"""What keeps the site small (docs/performance.md, "Size"): each thing a reader's browser needs is
written once, not once per page or per bundle, and nothing is dropped on the way."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import write_project
from portal.index import SHARD_LIST
from portal.pages import opendata
from portal.pipeline import build
from samples import ACTIVITY, ALL


ATOM = "{http://www.w3.org/2005/Atom}"
FEED_ENTRIES = 2  # the sample has more records than this in a feed; the shipped limit is larger


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    later = {f"content/activities/workshop-{year}.yml": ACTIVITY.replace("2019-05-", f"{year}-05-").replace(
        "Regional workshop on patent examination", f"Workshop of {year}") for year in (2020, 2021, 2022, 2023)}
    project = write_project(tmp_path_factory.mktemp("size") / "project", {**ALL, **later})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(opendata, "FEED_ENTRIES", FEED_ENTRIES)
        assert build(project).ok
    return project.site_dir


@pytest.mark.slow
def test_a_feed_carries_its_newest_entries_only(small_site):
    for feed in (small_site / "en" / "feeds" / "activities.xml", small_site / "fr" / "countries" / "ken" / "feed.xml"):
        root = ET.parse(feed).getroot()
        titles = [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]
        assert titles == ["Workshop of 2023", "Workshop of 2022"], feed  # of five activities in Kenya
        assert root.find(f"{ATOM}updated").text == root.find(f"{ATOM}entry/{ATOM}updated").text
    # every activity still has its page, in the list and in the downloads
    assert len(list((small_site / "en" / "activities").glob("*/index.html"))) >= 5
    assert "Workshop of 2020" in (small_site / "data" / "activities.csv").read_text(encoding="utf-8")


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


@pytest.mark.slow
def test_pages_carry_no_template_indentation_and_keep_their_words(small_site):
    pages = sorted(small_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"^[ \t]+<", html, re.M), page
    # multi-line messages are still translated (their lines joined as the catalog has them)
    about = (small_site / "fr" / "about" / "index.html").read_text(encoding="utf-8")
    assert "La coopération Sud-Sud est l’échange de connaissances" in about


@pytest.mark.slow
def test_the_archive_size_bench_size_reports_is_what_tar_writes(tmp_path, small_site):
    """bench/size.py reports the site as GitHub's Pages upload archives it (Pages measures that against
    its 1 GB): its count must be the bytes `tar` writes, for the built site and for the edge cases of
    the format (empty files, sizes at a block's edge, names past tar's 100 bytes, nested folders)."""
    import shutil
    import subprocess
    import sys

    from site_helpers import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from size import tar_bytes

    edges = tmp_path / "edges"
    deep = edges / ("folder-with-a-long-name-" * 3) / "and-deeper"
    deep.mkdir(parents=True)
    for size in (0, 1, 511, 512, 513, 10240, 10241):
        (edges / f"f{size}").write_bytes(b"x" * size)
        (deep / (f"a-name-long-enough-to-pass-the-hundred-bytes-of-a-tar-header-{size}" * 2)).write_bytes(b"y" * size)
    shutil.copytree(small_site / "en", edges / "en")
    for site in (edges, small_site):
        written = subprocess.run(["tar", "--dereference", "--hard-dereference", "-cf", "-", "-C", str(site), "."],
                                 capture_output=True, check=True).stdout
        assert tar_bytes(site) == len(written), site
