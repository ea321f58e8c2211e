"""The site as a reader uses it, in a real headless Chromium: over HTTP under a base path, and
opened from disk. Navigation by clicking, accessibility (axe-core) in light and dark, phone widths."""

from __future__ import annotations

import re

from pathlib import Path

import pytest

from portal.pipeline import check
from portal.project import Project
from site_helpers import ROOT

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


class Watcher:
    """Console errors, failed loads and requests that leave the site."""

    def __init__(self, page, base: str):
        """`base`: a language's folder or the site's root; all of the site (its shared assets, the other
        languages) is inside."""
        self.errors, self.outside = [], []
        base = re.sub(r"(?<=/)[a-z]{2}/$", "", base)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        # A load cut short because the reader clicked on before it finished is not an error.
        page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED"
                else self.errors.append(f"failed: {r.url} ({r.failure})"))
        page.on("request", lambda r: None if r.url.startswith(base) else self.outside.append(r.url))


def test_reader_goes_from_home_to_country_activity_consultant_and_back(browser, base):
    catalog = check(Project(ROOT)).catalog
    page = browser.new_page()
    watch = Watcher(page, base)
    page.goto(base + "index.html")
    assert page.title().startswith("South-South")

    # a country on the home page that hosted an activity with consultants
    hosts = {h: a for a in catalog.records["activities"] if a.consultants for h in a.hosts}
    names = {iso3: catalog.reference.countries[iso3].name for iso3 in hosts}
    links = page.locator("section[aria-labelledby=browse-title] a")
    country_name = next(text for text in links.all_inner_texts() if text in names.values())
    iso3 = next(c for c, n in names.items() if n == country_name)
    activity = hosts[iso3]
    consultant = catalog.get("consultants", activity.consultants[0])

    links.get_by_text(country_name, exact=True).click()
    assert page.locator("h1").inner_text() == country_name
    assert page.url.endswith(f"countries/{iso3.lower()}/index.html")

    page.locator("#hosted").get_by_role("link", name=activity.title, exact=True).click()
    assert page.locator("h1").inner_text() == activity.title

    page.locator(".record-facts").get_by_role("link", name=consultant.name, exact=True).click()
    assert page.locator("h1").inner_text() == consultant.name
    # the consultant's page links back to the activity
    assert page.get_by_role("link", name=activity.title, exact=True).count() >= 1

    page.go_back()
    assert page.locator("h1").inner_text() == activity.title
    page.go_back()
    assert page.locator("h1").inner_text() == country_name
    page.go_back()
    assert page.url == base + "index.html"

    assert watch.errors == []
    assert watch.outside == []
    page.close()


def representative_pages(site: Path) -> list[str]:
    """One page of every type."""
    pick = lambda pattern: sorted(site.glob(pattern))[0].relative_to(site).as_posix()  # noqa: E731
    return [
        "index.html", "activities/index.html", pick("activities/topic/*/index.html"),
        pick("activities/*-*/index.html"),
        pick("consultants/*-*/index.html"), pick("needs/*-*/index.html"), pick("offers/*-*/index.html"),
        pick("case-studies/*-*/index.html"), pick("initiatives/*-*/index.html"),
        "countries/index.html", "countries/ken/index.html", "regions/index.html", "regions/africa/index.html",
        "topics/index.html", "topics/patents/index.html", "about/index.html", "contribute/index.html", "404.html",
    ]


def axe_violations(browser, base: str, pages, scheme: str) -> dict:
    """axe-core's violations on each page (base + page), as one readable line each."""
    assert AXE.exists(), "run scripts/setup-test-tools.sh (make test does)"
    # The pages' Content-Security-Policy refuses inline scripts, as axe-core is added: this page
    # bypasses it (tests/test_hostile.py checks the policy on its own).
    page = browser.new_page(color_scheme=scheme, bypass_csp=True)
    problems = {}
    for rel in pages:
        page.goto(base + rel)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        found = [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in result["violations"]]
        if found:
            problems[rel] = found
    page.close()
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_page_type(browser, server, site, scheme):
    assert axe_violations(browser, server, representative_pages(site / "en"), scheme) == {}


@pytest.mark.parametrize("width", [360, 768, 1280])
def test_no_horizontal_scrolling(browser, server, site, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    wide = []
    for rel in representative_pages(site / "en"):
        page.goto(server + rel)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
            wide.append(rel)
    page.close()
    assert wide == []


def test_keyboard_reaches_main_content_with_the_skip_link(browser, server):
    page = browser.new_page()
    page.goto(server + "activities/index.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()
