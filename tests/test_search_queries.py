"""The search's done-when set: tests/search_queries.yml, at least 8 queries per language (an exact
title, an inflected or plural form, two words, a misspelling, a country name in that language, ...),
each with its expected pages in the first five results, over HTTP and from disk alike, in headless
Chromium under the pages' Content-Security-Policy."""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest
import yaml

from site_helpers import ROOT
from test_browser import Watcher

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
LANGUAGES = ("en", "fr", "es", "ru", "ar", "zh")


def test_the_query_set_covers_every_language_with_every_kind_of_query():
    assert set(QUERIES) == set(LANGUAGES)
    for language, items in QUERIES.items():
        assert len(items) >= 8, language
        kinds = {item["kind"] for item in items}
        assert {"exact title", "two words", "misspelling", "country"} <= kinds, language
        assert kinds & {"inflected", "without the article", "singular", "part of a title"}, language
        assert all(item["expect"] and isinstance(item["query"], str) for item in items)


def first_results(page, url: str, query: str, language: str, timeout: float = 20.0) -> tuple[str, list[str]]:
    """The status line and the first five results' pages (their folders under the language), once
    the status names the query (it does when results, or none, are shown)."""
    page.goto(url)
    deadline = time.monotonic() + timeout
    while True:
        status = page.locator("#search-status").inner_text()
        if query in status:
            break
        assert time.monotonic() < deadline, f"status stayed {status!r}"
        time.sleep(0.05)
    hrefs = page.locator("#search-results h2 a").evaluate_all("links => links.map(a => a.href)")
    # ".../site/fr/countries/jam/index.html" -> "countries/jam"
    return status, [h.split(f"/{language}/", 1)[1].removesuffix("/index.html") for h in hrefs[:5]]


@pytest.mark.parametrize("mode", ["http", "file"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_query_finds_its_records_in_the_first_five(browser, site, site_root_url, language, mode):
    root = site_root_url if mode == "http" else site.as_uri() + "/"
    page = browser.new_page()
    watch = Watcher(page, root + language + "/")
    missed = []
    for item in QUERIES[language]:
        status, shown = first_results(page, f"{root}{language}/search/index.html?q={quote(item['query'])}",
                                      item["query"], language)
        if not set(item["expect"]) <= set(shown):
            missed.append((item["kind"], item["query"], status, shown))
    assert missed == []
    assert watch.errors == [] and watch.outside == []  # a policy violation is a console error
    page.close()


@pytest.mark.parametrize("mode", ["http", "file"])
def test_arabic_forms_of_a_word_find_the_same_records_in_both_modes(browser, site, site_root_url, mode):
    root = site_root_url if mode == "http" else site.as_uri() + "/"
    page = browser.new_page()
    answers = {}
    for query in ("براءات", "براءة", "البراءات"):
        status, shown = first_results(page, f"{root}ar/search/index.html?q={quote(query)}", query, "ar")
        answers[query] = (status.replace(query, "…"), tuple(shown))
    assert len(set(answers.values())) == 1, answers
    assert "topics/patents" in answers["براءات"][1]
    page.close()


@pytest.mark.parametrize("mode", ["http", "file"])
def test_a_misspelt_word_is_searched_as_the_index_word_it_is_closest_to(browser, site, site_root_url, mode):
    root = site_root_url if mode == "http" else site.as_uri() + "/"
    page = browser.new_page()
    status, shown = first_results(page, f"{root}en/search/index.html?q=patnet", "patnet", "en")
    assert "patnet → patent" in status
    assert "topics/patents" in shown or len(shown) == 5
    marks = page.locator("#search-results mark").all_inner_texts()
    # every marked word is "patent" or a form of it (or its start, where an excerpt ends)
    assert marks and all(m.lower().startswith("patent") or "patent".startswith(m.lower()) for m in marks), marks
    # A typo in the first letter: the word's own shard (its letter's terms) has nothing near it, so
    # every shard is asked.
    status, shown = first_results(page, f"{root}en/search/index.html?q=oatents", "oatents", "en")
    assert "oatents → patent" in status.lower(), status
    assert "topics/patents" in shown or len(shown) == 5
    page.close()
