"""Search as readers use it, in headless Chromium: Pagefind over HTTP, the offline index from
file://, filters, keyboard use, no JavaScript, and the documented Content-Security-Policy."""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import quote

import pytest

from portal.pipeline import check
from portal.project import Project
from site_helpers import ROOT
from conftest import _QuietHandler
from test_browser import AXE, Watcher

pytestmark = pytest.mark.browser

# The policy docs/search.md recommends to hosts that can send headers.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self'; "
       "img-src 'self' data:; style-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
       "object-src 'none'")


@pytest.fixture(scope="module")
def catalog():
    return check(Project(ROOT)).catalog


def search(page, base: str, query: str, **filters) -> None:
    url = base + "search/index.html?q=" + quote(query)
    for name, value in filters.items():
        url += f"&{name}={quote(value)}"
    page.goto(url)
    wait_for_status(page, "“")


def wait_for_status(page, text: str, timeout: float = 15.0) -> str:
    """Poll the live status line from Python (a page under CSP refuses Playwright's eval-based waits)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        status = page.locator("#search-status").inner_text()
        if text in status and not status.startswith("Searching"):
            return status
        assert time.monotonic() < deadline, f"status stayed {status!r}"
        time.sleep(0.05)


def result_titles(page) -> list[str]:
    return page.locator("#search-results h2").all_inner_texts()


def test_exact_title_comes_first_and_opens_the_record(browser, base, catalog):
    page = browser.new_page()
    watch = Watcher(page, base)
    for collection in ("activities", "initiatives", "case-studies"):
        record = catalog.records[collection][3]
        search(page, base, record.title)
        assert result_titles(page)[0] == record.title, collection
    page.locator("#search-results a").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == record.title
    assert page.url.endswith(f"case-studies/{record.id}/index.html")
    assert watch.errors == [] and watch.outside == []
    page.close()


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_result_shows_its_kind_countries_and_year_from_either_engine(browser, site, site_root_url, lang):
    """Over HTTP Pagefind answers and a result's kind, countries and year come from the page's filters
    (base.html writes them once, not again as metadata); from disk the offline index's document gives
    them. Both show the same line, the countries joined as the language joins a list."""
    from site_helpers import offline_documents

    _index, documents = offline_documents(site, lang)
    doc = next(d for d in documents if d["url"].startswith("activities/") and d["countries"].count(",") >= 2)
    page = browser.new_page()
    for root in (site_root_url, site.as_uri() + "/"):
        page.goto(f"{root}{lang}/search/index.html?q={quote(doc['title'])}")
        result = page.locator("#search-results li").filter(has=page.locator(f'a[href$="{doc["url"]}"]'))
        result.first.wait_for(timeout=15000)
        assert result.first.locator(".card-kind").text_content() == doc["kind"], root
        assert result.first.locator(".card-meta").text_content() == f"{doc['countries']} · {doc['year']}", root
    page.close()


def test_country_then_topic_filter_narrows_to_records_with_both(browser, base, catalog):
    page = browser.new_page()
    watch = Watcher(page, base)
    search(page, base, "Kenya")
    before = page.locator("#search-status").inner_text()
    topic_box = page.locator("#search-filters fieldset", has_text="Topic").get_by_label("Patents", exact=False).first
    topic_box.check()
    wait_for_status(page, "Topic: Patents")
    titles = result_titles(page)
    assert titles and page.locator("#search-status").inner_text() != before
    from portal.kinds import BY_COLLECTION
    from portal.pages.records import named_countries

    by_title = {BY_COLLECTION[c].title(r): (c, r) for c, records in catalog.records.items() for r in records}

    for title in titles:
        collection, record = by_title[title]
        kind = BY_COLLECTION[collection]
        assert "KEN" in named_countries(kind, record, catalog), title
        assert "patents" in kind.topics(record, catalog), title
    assert "topic=Patents" in page.url and "q=Kenya" in page.url  # the search can be bookmarked
    assert watch.errors == [] and watch.outside == []
    page.close()


def test_a_word_in_no_record_says_so(browser, base):
    page = browser.new_page()
    watch = Watcher(page, base)
    search(page, base, "zyxwvutsrq")
    status = page.locator("#search-status").inner_text()
    assert status.startswith("No records match “zyxwvutsrq”")
    assert result_titles(page) == []
    assert watch.errors == []
    page.close()


def test_header_search_box_leads_to_results(browser, base):
    page = browser.new_page()
    page.goto(base + "activities/index.html")
    page.get_by_label("Search the portal").fill("trademark")
    page.get_by_label("Search the portal").press("Enter")
    wait_for_status(page, "Results")  # polled from Python: the page's policy refuses eval-based waits
    assert page.url.split("?")[0].endswith("search/index.html")
    assert len(result_titles(page)) > 0
    page.close()


def test_keyboard_only_search_and_filter(browser, server):
    page = browser.new_page()
    page.goto(server + "search/index.html")
    page.locator("#search-input").focus()
    page.keyboard.type("patent")
    page.keyboard.press("Enter")
    wait_for_status(page, "Results")
    # Tab from the sort menu into the results, then on to the first filter checkbox and tick it with Space
    page.locator("#search-sort").focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    wait_for_status(page, "(")
    assert "Kind of record:" in page.locator("#search-status").inner_text()
    page.close()


def test_without_javascript_search_points_to_browse_pages(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "search/index.html?q=Kenya")
    assert "Search needs JavaScript" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Activities").count() >= 1
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_search_with_results_and_filters(browser, server, scheme):
    page = browser.new_page(color_scheme=scheme, bypass_csp=True)  # axe-core is added as an inline script
    search(page, server, "patent")
    assert page.locator("#search-filters").is_visible()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [v["id"] for v in result["violations"]] == []
    page.close()


class _CSPHandler(_QuietHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()


def test_search_works_under_the_documented_csp(browser, site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_CSPHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}/"
    try:
        page = browser.new_page()
        watch = Watcher(page, base)
        search(page, base + "en/", "Kenya")
        assert len(result_titles(page)) > 0
        page.goto(base + "index.html")  # the language chooser and its script, then the English home
        page.wait_for_url("**/en/index.html")
        assert watch.errors == [], watch.errors  # a CSP violation is a console error
        page.close()
    finally:
        httpd.shutdown()


def test_see_them_all_link_of_a_region_searches_by_filters_alone(browser, base, catalog):
    """A region page lists its newest records and links the rest to the search page with filters and
    no words: every record with those values, newest first, on the web and from disk alike."""
    from urllib.parse import parse_qs, urlsplit

    from portal.kinds import ACTIVITY
    from portal.pages.records import named_countries
    from portal.reference import load_reference

    page = browser.new_page()
    watch = Watcher(page, base)
    page.goto(base + "regions/m49-002/index.html")  # Africa: more activities than one list's worth
    section = page.locator("section#activities")
    assert section.locator(".card").count() == 20
    section.locator("p.more a").click()
    status = wait_for_status(page, "newest first")
    query = parse_qs(urlsplit(page.url).query)
    assert query["kind"] == ["Activity"] and "q" not in query
    assert page.locator("#search-sort").input_value() == "newest"  # no words: no "best match"
    names = {c.name: iso3 for iso3, c in load_reference(ROOT / "data").countries.items()}
    members = {names[n] for n in query["country"]}
    expected = [r for r in catalog.records["activities"] if set(named_countries(ACTIVITY, r)) & members]
    assert status.startswith(f"Results: {len(expected)} (")
    shown = result_titles(page)
    newest = sorted(expected, key=lambda r: ACTIVITY.as_of(r), reverse=True)
    assert shown and set(shown) <= {r.title for r in expected}
    assert shown[0] in {r.title for r in newest if ACTIVITY.as_of(r) == ACTIVITY.as_of(newest[0])}
    assert watch.errors == [] and watch.outside == []
    page.close()
