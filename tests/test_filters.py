"""Filters on a phone and in combination: behind one button that says how many are chosen, folded
on a narrow screen so that the records come first and open on a wide one; on a facet's list, a
second filter hands both to the search page, which shows exactly the records the two static lists
have in common."""

from __future__ import annotations

import re
import time
from html import unescape
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from portal.kinds import KINDS
from portal.pages.records import SEARCH_FILTERS
from test_browser import Watcher

PHONE = {"width": 390, "height": 844}
FIRST_SCREENS = 1.5 * PHONE["height"]
RECORD_LINK = re.compile(r'<h2 class="card-title"[^>]*><a href="([^"]+)"')


def record_ids(html: str) -> set[str]:
    """The records a list page shows: 'activities/<id>'."""
    return {"/".join(href.split("/")[-3:-1]) for href in RECORD_LINK.findall(html)}


def whole_list(en: Path, first: str) -> set[str]:
    """The records of a static list, over all its pages (`first`: its first page's path)."""
    folder = (en / first).parent
    ids = record_ids((en / first).read_text(encoding="utf-8"))
    for page in sorted((folder / "page").glob("*/index.html")) if (folder / "page").is_dir() else ():
        ids |= record_ids(page.read_text(encoding="utf-8"))
    return ids


def facet_groups(html: str) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """A list page's filters: (group label, [(option text, href, count)])."""
    nav = re.search(r'<nav class="facets".*?</nav>', html, re.S).group(0)
    groups = []
    for label, body in re.findall(r"<summary>(.*?)</summary>(.*?)</details>", nav, re.S):
        options = [(unescape(text).strip(), unescape(href), int(count)) for href, text, count in re.findall(
            r'<a href="([^"]+)"[^>]*>(.*?) <span class="count-badge">(\d+)</span>', body)]
        groups.append((unescape(label), options))
    return groups


def static_lists(en: Path, collection: str) -> dict[tuple[str, str], str]:
    """(group label, option text) -> the path of that facet value's static list, from the collection's
    unfiltered list, where every option is a static list."""
    html = (en / collection / "index.html").read_text(encoding="utf-8")
    return {(group, text): f"{collection}/" + href.split(f"{collection}/", 1)[1]
            for group, options in facet_groups(html) for text, href, _count in options}


def test_every_facet_of_a_list_is_a_filter_of_the_search_page():
    for kind in KINDS:
        for facet in kind.facets:
            assert facet.search_filter in SEARCH_FILTERS, (kind.name, facet.name)


def test_each_record_carries_for_search_the_values_its_lists_file_it_under(en):
    """A record listed under a facet value has that value, under the facet's search filter, among the
    filters its page gives the search indexes: handing a list's filters to search selects the same."""
    kinds = {k.collection: k for k in KINDS}
    lists = {}
    for collection in kinds:
        lists |= static_lists(en, collection)
    checked = 0
    for (group, text), path in lists.items():
        collection, facet_name = path.split("/")[:2]
        facet = next(f for f in kinds[collection].facets if f.name == facet_name)
        for rid in whole_list(en, path):
            page = (en / rid / "index.html").read_text(encoding="utf-8")
            pairs = re.findall(r'<span data-pagefind-filter="([^"]+)">([^<]*)</span>', page)
            assert (facet.search_filter, text) in [(k, unescape(v)) for k, v in pairs], (rid, facet_name, text)
            checked += 1
    assert checked > 200


@pytest.mark.parametrize("collection", ["activities", "initiatives", "needs", "consultants"])
def test_a_facet_list_hands_a_second_filter_to_search_with_both(en, collection):
    """On the list of one facet value, that facet's options still lead to its static lists; every other
    option leads to the search page with both filters, and counts the records the two lists share."""
    lists = static_lists(en, collection)
    kind = next(k for k in KINDS if k.collection == collection)
    searched = dict(_key(group, kind) for group, _text in lists)
    (first_group, first_text), first_path = next(iter(lists.items()))
    html = (en / first_path).read_text(encoding="utf-8")
    mine = whole_list(en, first_path)
    assert re.search(r"<summary>Filters \(1\)</summary>", html)
    handed = 0
    for group, options in facet_groups(html):
        for text, href, count in options:
            if group == first_group:
                assert "search/" not in href and href.endswith(lists[(group, text)].split("/", 1)[1])
                continue
            url = urlsplit(href)
            assert url.path.endswith("search/index.html"), href
            query = parse_qsl(url.query)
            assert query == [("kind", kind_label(kind)), (searched[first_group], first_text), (searched[group], text)]
            assert count == len(mine & whole_list(en, lists[(group, text)])) > 0, (group, text)
            handed += 1
    assert handed
    # Every shared value is offered: none of the other lists that share a record with this one is missing.
    offered = {(g, t) for g, options in facet_groups(html) for t, _h, _c in options}
    for (group, text), path in lists.items():
        if group != first_group and mine & whole_list(en, path):
            assert (group, text) in offered


def _key(group: str, kind) -> tuple[str, str]:
    return group, next(f.search_filter for f in kind.facets if f.label == group)


def kind_label(kind) -> str:
    return kind.one  # English: the message is its own text


def test_the_unfiltered_list_has_no_filter_chosen(en):
    html = (en / "activities" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<details class="filters"[^>]*>\s*<summary>Filters</summary>', html)
    assert "search/index.html?" not in re.search(r'<nav class="facets".*?</nav>', html, re.S).group(0)


def test_the_pages_after_a_lists_first_link_to_its_filters_instead_of_repeating_them(en):
    """Every page of a list would show the same filters, each leading to another list or to search:
    the first page has them, the others link there (and load no script to open what they lack)."""
    later = sorted(en.glob("**/page/*/index.html"))
    assert later, "the sample has no list of more than one page"
    for page in later:
        html = page.read_text(encoding="utf-8")
        assert 'class="filters"' not in html and 'class="facets"' not in html, page
        assert "assets/filters.js" not in html, page
        link = re.search(r'<p class="count"[^>]*>.*?<a href="([^"]+#filters)">Filters</a></p>', html)
        assert link, page
        first = (page.parent / link.group(1).split("#")[0]).resolve()
        assert first == (page.parent.parent.parent / "index.html").resolve(), page
        assert re.search(r'<details class="filters" id="filters">\s*<summary>Filters', first.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- in a browser


def wait_for_status(page, text: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        status = page.locator("#search-status").inner_text()
        if text in status and not status.startswith("Searching"):
            return status
        assert time.monotonic() < deadline, f"status stayed {status!r}"
        time.sleep(0.05)


def top(page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    return box["y"] + page.evaluate("window.scrollY")


@pytest.mark.browser
def test_on_a_phone_the_first_result_and_record_are_on_the_first_screen_and_a_half(browser, base):
    page = browser.new_page(viewport=PHONE)
    watch = Watcher(page, base)
    page.goto(base + "search/index.html?q=patent")
    wait_for_status(page, "Results:")
    assert page.locator("#search-filters").is_visible()
    assert page.locator("#search-filters").get_attribute("open") is None  # folded
    assert top(page, "#search-results li") < FIRST_SCREENS
    page.goto(base + "activities/region/africa/index.html")
    filters = page.locator("details.filters")
    assert filters.get_attribute("open") is None
    assert filters.locator("> summary").inner_text() == "Filters (1)"
    assert top(page, ".listing-results .card") < FIRST_SCREENS
    # The keyboard opens it: the button is focusable and Enter toggles it.
    filters.locator("> summary").focus()
    page.keyboard.press("Enter")
    assert filters.get_attribute("open") is not None
    assert filters.locator("a", has_text="Africa").first.is_visible()
    page.keyboard.press("Enter")
    assert filters.get_attribute("open") is None
    assert watch.errors == [] and watch.outside == []
    page.close()


@pytest.mark.browser
def test_on_a_wide_screen_the_filters_stand_open_beside_the_list(browser, base):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base + "activities/index.html")
    filters = page.locator("details.filters")
    assert filters.get_attribute("open") is not None
    results, box = page.locator(".listing-results").bounding_box(), filters.bounding_box()
    assert box["x"] > results["x"] + results["width"] - 1  # beside, not above
    page.set_viewport_size(PHONE)
    # The media query's change event comes at the browser's next rendering step, not during the
    # resize: wait for it (a few seconds at most), then look.
    page.wait_for_function("() => !document.querySelector('details.filters').open", timeout=5000)
    assert filters.get_attribute("open") is None
    page.close()


@pytest.mark.browser
def test_two_filters_chosen_one_after_the_other_on_a_list_are_both_in_force(browser, base, en):
    page = browser.new_page(viewport=PHONE)
    watch = Watcher(page, base)
    page.goto(base + "activities/index.html")
    page.locator("details.filters > summary").click()
    page.locator("details.filters a", has_text="Africa").first.click()
    page.wait_for_url("**/activities/region/africa/index.html")
    page.locator("details.filters > summary").click()
    page.locator("details.facet summary", has_text="Type").click()
    workshop = page.locator("details.filters a", has_text="Workshop").first
    expected_count = int(workshop.locator(".count-badge").inner_text())
    workshop.click()
    status = wait_for_status(page, "newest first")
    assert "Region: Africa" in status and "Activity type: Workshop" in status
    assert page.locator("#search-filters-label").inner_text() == "Filters (3)"  # the kind, the region, the type
    while page.locator("#search-more-wrap").is_visible():
        before = page.locator("#search-results li").count()
        page.locator("#search-more").click()
        deadline = time.monotonic() + 15
        while page.locator("#search-results li").count() == before:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    links = page.locator("#search-results h2 a")
    shown = {"/".join(links.nth(i).get_attribute("href").split("/")[-3:-1]) for i in range(links.count())}
    lists = static_lists(en, "activities")
    both = whole_list(en, lists[("Region", "Africa")]) & whole_list(en, lists[("Type", "Workshop")])
    assert shown == both and len(both) == expected_count
    assert status.startswith(f"Results: {len(both)} (")
    assert watch.errors == [] and watch.outside == []
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_where_filters_fold(browser, server, scheme):
    """The lists and the search page with their filters behind the button, open on a wide screen."""
    from test_browser import axe_violations

    pages = ["activities/index.html", "activities/region/africa/index.html", "needs/status/open/index.html",
             "search/index.html?kind=Activity&region=Africa&type=Workshop"]
    assert axe_violations(browser, server, pages, scheme) == {}
