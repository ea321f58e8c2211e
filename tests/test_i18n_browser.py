"""The languages in headless Chromium: switching language keeps the page, Arabic mirrors the layout,
search finds translated titles in French and Chinese over HTTP and from disk, the root page follows
the browser's language, and axe-core finds nothing on the Arabic and Chinese pages."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from portal.i18n import load_language
from site_helpers import ROOT
from test_browser import Watcher, axe_violations
from test_search import result_titles, search, wait_for_status

pytestmark = pytest.mark.browser

ACTIVITY = "activities/pct-workshop-nairobi-2009/index.html"


def in_language(base: str, code: str) -> str:
    """The same site address in another language's folder (base is the English folder)."""
    assert base.endswith("/en/")
    return base[: -len("en/")] + code + "/"


def nav_positions(page) -> list[float]:
    boxes = [link.bounding_box() for link in page.locator(".site-nav ul:first-child a").all()]
    return [box["x"] for box in boxes]


def test_switch_from_english_to_arabic_and_back(browser, base):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watcher(page, base[: -len("en/")])  # the whole site: every language, the shared assets
    page.goto(base + ACTIVITY)
    assert page.locator("html").get_attribute("dir") == "ltr"
    english = nav_positions(page)
    assert english == sorted(english)  # the navigation starts on the left

    page.locator(".language-switcher a[hreflang=ar]").click()
    page.wait_for_load_state()
    assert page.url == in_language(base, "ar") + ACTIVITY
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
    arabic = load_language("ar", ROOT / "data" / "locale")
    assert page.locator(".site-nav").inner_text().split("\n")[0] == arabic.gettext("Activities")
    assert arabic.gettext("Host or provider countries") in page.locator(".record-facts").inner_text()
    positions = nav_positions(page)
    assert positions == sorted(positions, reverse=True)  # mirrored: it starts on the right
    width = page.viewport_size["width"]
    first = page.locator(".site-nav ul:first-child a").first.bounding_box()
    assert first["x"] + first["width"] > width / 2  # the first item sits in the right half
    facts = page.locator(".record-facts").bounding_box()
    body = page.locator(".record-body").bounding_box()
    assert facts["x"] < body["x"]  # the details column moved to the other side

    page.locator(".language-switcher a[hreflang=en]").click()
    page.wait_for_load_state()
    assert page.url == base + ACTIVITY
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert watch.errors == [] and watch.outside == []
    page.close()


def test_french_search_finds_the_french_title(browser, base):
    page = browser.new_page()
    french = in_language(base, "fr")
    watch = Watcher(page, base[: -len("en/")])
    page.goto(french + "search/index.html?q=" + quote("Atelier sous-régional PCT"))
    wait_for_status(page, "Atelier sous-régional PCT")  # French quotes the query in « »
    titles = result_titles(page)
    assert titles and titles[0].startswith("Atelier sous-régional sur le Traité de coopération"), titles
    assert "Résultats" in page.locator("#search-status").inner_text()
    page.locator("#search-results h2 a").first.click()
    page.wait_for_load_state()
    assert page.url == french + ACTIVITY
    assert watch.errors == [] and watch.outside == []
    page.close()


def test_chinese_search_finds_words_inside_chinese_text(browser, base):
    page = browser.new_page()
    chinese = in_language(base, "zh")
    search(page, chinese, "创新支持中心网络")
    titles = result_titles(page)
    assert "阿拉伯国家技术与创新支持中心网络伙伴关系" in titles, titles
    page.close()


def test_root_page_sends_readers_to_their_language(browser, site_root_url):
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    page.goto(site_root_url + "index.html")
    page.wait_for_url("**/es/index.html")
    assert page.locator("html").get_attribute("lang") == "es"
    page.goto(site_root_url + "index.html#choose")  # choosing stays on the chooser
    assert page.url.endswith("index.html#choose")
    assert page.locator("#language-choice a").count() == 6
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_arabic_and_chinese(browser, site_root_url, scheme):
    pages = ("ar/index.html", "zh/index.html", f"ar/{ACTIVITY}", f"zh/{ACTIVITY}", "ar/search/index.html",
             "index.html#choose")
    assert axe_violations(browser, site_root_url, pages, scheme) == {}
