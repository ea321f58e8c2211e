"""The charts as a reader sees them, in headless Chromium at a phone's size (390x844) and a laptop's
(1366x900): every piece of chart text measured as rendered, every chart checked against its box."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SIZES = [(390, 844), (1366, 900)]
# Pages with every kind of chart (the home page has them all), in a left-to-right language and in
# the right-to-left one and Chinese, whose labels are measured differently.
PAGES = ["en/index.html", "en/countries/ken/index.html", "en/data/index.html", "en/regions/africa/index.html",
         "ar/index.html", "zh/index.html", "fr/countries/bra/index.html"]

MEASURE = """() => [...document.querySelectorAll('figure.chart-figure')].map(figure => {
  const svg = figure.querySelector('svg.chart');
  const box = svg.parentElement;
  const style = getComputedStyle(box);
  const hint = figure.querySelector('.chart-scroll-hint');
  // the size a text is drawn at: its font size in the drawing's units, times the scale from those
  // units to CSS pixels (rotation included)
  const sizes = [...svg.querySelectorAll('text')].map(t => {
    const m = t.getScreenCTM();
    return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
  });
  return {
    id: figure.id,
    texts: sizes.length,
    smallest: sizes.length ? Math.min(...sizes) : null,
    chart: svg.getBoundingClientRect().width,
    box: box.clientWidth,
    scrolls: box.scrollWidth > box.clientWidth + 1,
    overflowX: style.overflowX,
    tabindex: box.getAttribute('tabindex'),
    role: box.getAttribute('role'),
    label: box.getAttribute('aria-label') || '',
    figure: figure.getBoundingClientRect().width,
    main: document.querySelector('main').clientWidth,
    hint: hint ? hint.getClientRects().length > 0 : false,
  };
})"""


@pytest.mark.parametrize("width,height", SIZES)
def test_chart_text_is_at_least_12px_and_no_chart_overflows_without_a_scroll_box(browser, site_root_url,
                                                                                 width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    measured = {}
    for rel in PAGES:
        page.goto(site_root_url + rel)
        charts = page.evaluate(MEASURE)
        assert charts, rel
        measured[rel] = charts
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), rel
    page.close()

    small, overflowing, boxes, hints = [], [], [], []
    for rel, charts in measured.items():
        for c in charts:
            where = f"{rel}#{c['id']}"
            if c["texts"] and c["smallest"] < 12:
                small.append((where, round(c["smallest"], 1)))
            # no figure wider than the page's content
            assert c["figure"] <= c["main"] + 0.5, where
            if c["chart"] > c["box"] + 1:
                # wider than its box: only inside a box that scrolls, can be reached and scrolled
                # with the keyboard, is named, and says that it scrolls
                if not (c["overflowX"] in ("auto", "scroll") and c["scrolls"] and c["tabindex"] == "0"
                        and c["role"] == "region" and c["label"]):
                    overflowing.append((where, c))
                boxes.append(where)
            # the hint shows exactly when there is more to see
            if c["hint"] != c["scrolls"]:
                hints.append((where, c["hint"], c["scrolls"]))
    assert small == []
    assert overflowing == []
    assert hints == []
    if width < 500:
        # a phone is narrower than a matrix of every region or year: at least one must scroll here
        assert boxes, "expected the home page's matrices to scroll on a phone"
    texts = sum(c["texts"] for charts in measured.values() for c in charts)
    assert texts > 100  # the measure saw the charts' text


def test_a_wide_chart_scrolls_with_the_keyboard(browser, site_root_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_root_url + "en/index.html")
    box = page.locator("#topics-over-time .chart-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")
    box.focus()
    assert page.evaluate("document.activeElement.closest('figure').id") == "topics-over-time"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('#topics-over-time .chart-scroll').scrollLeft > 0")
    page.close()
