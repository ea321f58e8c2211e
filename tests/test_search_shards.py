"""Search is indexed in shards (portal/index.py): an edit re-indexes the shards of the pages whose
indexed text it changed and keeps the others' files as they were, and the edited words are then
found, by Pagefind (the merged bundles, as a server gives them) and in the offline index (as a page
opened from disk reads it)."""

from __future__ import annotations

import gzip
import json
from urllib.parse import quote

import pytest

from conftest import write_project
from portal.index import HUBS, SHARD_LIST, page_shard
from portal.pipeline import build
from samples import ALL
from test_incremental import files

RECORD = "initiatives/examination-twinning/index.html"
NEW_WORDS = "Quokkaborough examiner residency"


def found(bundle, words: str) -> bool:
    return any(words.encode() in gzip.decompress(p.read_bytes()) for p in bundle.rglob("*.pf_fragment"))


def watch_bundles(monkeypatch) -> dict:
    """Bundle name -> the fragments in it when Pagefind was run on it, filled in as builds run."""
    from portal import index

    started_with, run = {}, index._pagefind

    def watched(site, bundle):
        started_with[bundle.name] = len(list(bundle.glob("fragment/*.pf_fragment")))
        run(site, bundle)

    monkeypatch.setattr(index, "_pagefind", watched)
    return started_with


def searched(browser, site, words: str) -> dict:
    """The titles a reader gets for `words` on the search page, by language and way of opening the site:
    over HTTP (Pagefind's merged bundles, or the offline index where Pagefind does not split words) and
    from disk (the offline index)."""
    from test_hostile import _serve
    from test_search import result_titles, wait_for_status

    httpd = _serve(site)
    page = browser.new_page()
    try:
        titles = {}
        for code in ("en", "fr", "ar"):
            for scheme, root in (("http", f"http://127.0.0.1:{httpd.server_port}/"), ("file", site.as_uri() + "/")):
                page.goto(f"{root}{code}/search/index.html?q={quote(words)}")
                wait_for_status(page, words)
                titles[code, scheme] = result_titles(page)
        return titles
    finally:
        page.close()
        httpd.shutdown()


@pytest.mark.slow
@pytest.mark.browser
def test_a_one_record_edit_reindexes_its_shards_only_and_is_found(tmp_path, browser, monkeypatch):
    project = write_project(tmp_path / "project", ALL)
    site = project.site_dir
    first = build(project)
    assert first.ok
    bundles = json.loads((site / SHARD_LIST).read_text(encoding="utf-8"))["bundles"]
    assert len(bundles) > 2 and f"{HUBS}/" in bundles
    assert sorted(first.search.reindexed) == sorted(b.rstrip("/") for b in bundles)
    for bundle in bundles:  # every bundle indexes every language (each page exists in each)
        entry = json.loads((site / "pagefind" / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert {"en", "fr", "ar"} <= set(entry["languages"]), bundle
    before = files(site)
    started_with = watch_bundles(monkeypatch)

    record = project.content_dir / "initiatives" / "examination-twinning.md"
    record.write_text(record.read_text(encoding="utf-8").replace("title: Patent examination twinning",
                                                                 f"title: {NEW_WORDS}"), encoding="utf-8")
    second = build(project)
    assert second.ok
    mine = page_shard(RECORD)
    # The record's shard alone: the hubs listing it show its title only where Pagefind does not look
    # (portal/rendered.py's index fingerprint), so their bundle is kept.
    assert set(second.search.reindexed) == {mine}
    after = files(site)
    # Nothing of the last site was written through a link: a file still there as the same inode has
    # the same modification time. (Pagefind writes its scripts and entry through whatever is at their
    # path; portal/index.py removes those first.)
    for rel, (inode, mtime) in after.items():
        if rel in before and before[rel][0] == inode:
            assert before[rel][1] == mtime, rel
    for bundle in bundles:
        name = bundle.rstrip("/")
        kept = {rel: v for rel, v in after.items() if rel.startswith(f"pagefind/{name}/")}
        if name == mine:
            assert found(site / "pagefind" / name, NEW_WORDS)
            # Indexed again over its last files: Pagefind found its fragments there (and wrote only
            # the edited page's, as the clean-build comparisons of tests/test_incremental.py show).
            assert started_with == {mine: len([rel for rel in before if rel.startswith(f"pagefind/{mine}/fragment/")])}
        else:  # not indexed again: the same files, inodes and times
            assert kept == {rel: v for rel, v in before.items() if rel.startswith(f"pagefind/{name}/")}, name
            assert not found(site / "pagefind" / name, NEW_WORDS)
    for code in ("en", "fr", "ar"):
        assert NEW_WORDS in (site / code / "search" / "offline-index.js").read_text(encoding="utf-8")
    # A reader searching for the new title finds the record first, online and from disk, in every
    # language (the record is not translated: its title is the same in each); the old title is gone.
    for where, titles in searched(browser, site, NEW_WORDS).items():
        assert titles and titles[0] == NEW_WORDS, (where, titles)
    for where, titles in searched(browser, site, "Patent examination twinning").items():
        assert "Patent examination twinning" not in titles, (where, titles)

    # Nothing changed: no shard indexed again; the state forgotten: the cache of shards still holds.
    (project.cache_dir / "site-state.json").unlink()
    third = build(project)
    assert third.ok and third.search.reindexed == () and files(site) == after
    # Without the cache of what each shard was indexed from, every shard is indexed again.
    (project.cache_dir / "site-state.json").unlink()
    (project.cache_dir / "pagefind-shards.json").unlink()
    started_with.clear()
    assert sorted(build(project).search.reindexed) == sorted(b.rstrip("/") for b in bundles)
    # ... from nothing, where the edit above started from the bundle's last files.
    assert started_with and not any(started_with.values()), started_with

    # The record removed: its shard is indexed again, since its list of pages changed (which is how
    # a page gone is noticed), and its words are in no bundle and no offline index any more.
    record.unlink()
    fourth = build(project)
    assert fourth.ok and mine in fourth.search.reindexed
    assert not (site / "en" / RECORD).exists()
    for bundle in bundles:
        assert not found(site / "pagefind" / bundle.rstrip("/"), NEW_WORDS), bundle
    for code in ("en", "fr", "ar"):
        assert NEW_WORDS not in (site / code / "search" / "offline-index.js").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.browser
def test_a_first_letter_typo_loads_every_shard_from_disk_but_over_a_network_only_for_a_small_index(
        tmp_path, browser, monkeypatch):
    """"ixamination": no term of its letter's shard is near it, so the search looks in every shard,
    which costs nothing from disk but, over a network, is a download of every shard: done only when
    the index has few (search.js, EVERY_SHARD_ONLINE). Shards of 5 documents give the samples more."""
    from portal import index
    from portal.pipeline import build as build_site
    from test_hostile import _serve
    from test_search import wait_for_status

    monkeypatch.setattr(index, "SHARD_DOCUMENTS", 5)
    project = write_project(tmp_path / "project", ALL)
    assert build_site(project).ok
    site = project.site_dir
    assert len(list((site / "en" / "search").glob("offline-index-*.js"))) > 4
    httpd = _serve(site)
    page = browser.new_page()
    try:
        statuses = {}
        for scheme, root in (("http", f"http://127.0.0.1:{httpd.server_port}/"), ("file", site.as_uri() + "/")):
            page.goto(f"{root}en/search/index.html?q=ixamination")
            statuses[scheme] = wait_for_status(page, "ixamination")
    finally:
        page.close()
        httpd.shutdown()
    assert "ixamination → examination" in statuses["file"], statuses
    assert "→" not in statuses["http"], statuses
