"""Charts and maps on the built pages: present as SVG with a title, a description and a data table
whose numbers equal counts computed here, independently, from the records."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

import pytest

from portal.pipeline import check
from portal.project import Project
from site_helpers import ROOT

SVG = "{http://www.w3.org/2000/svg}"


class Figures(HTMLParser):
    """Each <figure class="chart-figure">: its id, the <svg> source, and its table rows as text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.figures, self.current, self.svg_depth, self.cell, self.row = {}, None, 0, None, None
        self.raw = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure" and "chart-figure" in (a.get("class") or ""):
            self.current = {"svg": "", "rows": []}
            self.figures[a["id"]] = self.current
        elif self.current is not None and tag == "tr":
            self.row = []
        elif self.current is not None and tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_endtag(self, tag):
        if self.current is None:
            return
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.current["rows"].append(self.row)
            self.row = None
        elif tag == "figure":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def figures(site, rel: str) -> tuple[dict, str]:
    html = (site / "en" / rel).read_text(encoding="utf-8")
    parser = Figures()
    parser.feed(html)
    return parser.figures, html


def svg_of(html: str, chart_id: str) -> ET.Element:
    start = html.index("<svg", html.index(f'id="{chart_id}"'))
    return ET.fromstring(html[start:html.index("</svg>", start) + len("</svg>")])


@pytest.fixture(scope="module")
def catalog():
    return check(Project(ROOT)).catalog


def table(fig) -> dict:
    """First column -> the other columns, skipping the header row."""
    return {row[0]: row[1:] for row in fig["rows"][1:]}


def test_home_charts_match_the_records(site, catalog):
    found, html = figures(site, "index.html")
    assert {"activity-map", "activities-per-year", "regional-flows", "top-providers", "top-beneficiaries",
            "topics-over-time"} <= set(found)
    for chart_id in found:
        svg = svg_of(html, chart_id)
        assert svg.find(f"{SVG}title").text and svg.find(f"{SVG}desc").text
    ref = catalog.reference
    activities = catalog.records["activities"]
    from portal.figures import beneficiaries_of, hosts_of

    hosted = Counter(h for a in activities for h in hosts_of(a))
    providers = table(found["top-providers"])
    assert providers and all(int(v[0]) == hosted[c] for c, v in ((
        next(iso for iso in hosted if ref.countries[iso].name == name), vals) for name, vals in providers.items()))
    involved = Counter(c for a in activities for c in hosts_of(a) | beneficiaries_of(a))
    by_name = {ref.countries[iso].name: n for iso, n in involved.items()}
    map_rows = table(found["activity-map"])
    assert {name: int(v[0]) for name, v in map_rows.items()} == by_name
    per_year = Counter(str(a.start.year) for a in activities)
    year_rows = table(found["activities-per-year"])
    # a row per year; its last column is the year's total of activities (by host region; each counted once)
    region_of = lambda iso: ref.wipo_regions[ref.countries[iso].wipo]  # noqa: E731
    for year, cells in year_rows.items():
        expected = sum(len({region_of(h) for h in hosts_of(a)}) for a in activities if str(a.start.year) == year)
        assert int(cells[-1]) == expected, year
    assert set(year_rows) >= set(per_year)


def test_country_page_map_and_flows(site, catalog):
    found, html = figures(site, "countries/ken/index.html")
    assert {"partner-map", "country-flows"} <= set(found)
    ref = catalog.reference
    kenya = [a for a in catalog.records["activities"] if "KEN" in set(a.hosts) | {b.country for b in a.beneficiaries}]
    partners = Counter(c for a in kenya for c in set(a.hosts) | {b.country for b in a.beneficiaries} if c != "KEN")
    rows = table(found["partner-map"])
    assert {name: int(v[0]) for name, v in rows.items()} == {ref.countries[c].name: n for c, n in partners.items()}
    # The map is the shared base and Kenya's own drawing, one file for every language, at the root
    svg = svg_of(html, "partner-map")
    assert svg.get("role") == "img" and not list(svg.iter(f"{SVG}a")) and not list(svg.iter(f"{SVG}path"))
    page = site / "en" / "countries" / "ken"
    images = [(page / i.get("href")).resolve() for i in svg.iter(f"{SVG}image")]
    assert images == [(site / "assets" / "world-map.svg").resolve(), (site / "assets" / "maps" / "ken.svg").resolve()]
    for lang in ("fr", "ar"):
        there = svg_of((site / lang / "countries" / "ken" / "index.html").read_text(encoding="utf-8"), "partner-map")
        assert [(page / i.get("href")).resolve() for i in there.iter(f"{SVG}image")] == images
    drawn = ET.parse(images[1]).getroot()
    classes = {p.get("class") for p in drawn.iter(f"{SVG}path")}
    assert sum("is-focus" in c for c in classes) == 1  # Kenya
    # a shade for each partner with activities (those large enough for the map), outlines for partners
    assert sum("is-highlight" in c for c in classes) >= 1
    assert "prefers-color-scheme:dark" in drawn.find(f"{SVG}style").text
    flows = found["country-flows"]["rows"]
    header, body = flows[0], flows[1:]
    for row in body:
        provider = next(iso for iso in ref.countries if ref.countries[iso].name == row[0])
        for col_name, value in zip(header[1:], row[1:]):
            beneficiary = next(iso for iso in ref.countries if ref.countries[iso].name == col_name)
            expected = sum(1 for a in catalog.records["activities"]
                           if provider in a.hosts and beneficiary in {b.country for b in a.beneficiaries})
            assert int(value) == expected, (row[0], col_name)


def test_region_page_charts(site, catalog):
    found, html = figures(site, "regions/africa/index.html")
    assert {"region-per-year", "region-providers"} <= set(found)
    ref = catalog.reference
    africa = {iso for iso, c in ref.countries.items() if c.wipo == "africa"}
    mine = [a for a in catalog.records["activities"] if (set(a.hosts) | {b.country for b in a.beneficiaries}) & africa]
    hosted = Counter(h for a in mine for h in set(a.hosts))
    for name, cells in table(found["region-providers"]).items():
        iso = next(i for i in ref.countries if ref.countries[i].name == name)
        assert int(cells[0]) == hosted[iso]
