"""The build-time SVG charts and the world map: well-formed, accessible, escaped, free of inline
styles, faithful to their numbers and byte-identical from run to run."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from portal import charts, maps, worldmap

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & Co'
YEARS = ["2021", "2022", "2023", "2024"]
SERIES = [("Africa", [1, 0, 4, 2]), ("Asia and the Pacific", [3, 5, 0, 1]), (HOSTILE, [0, 2, 2, 7])]
RANKED = [("Brazil", 42, "countries/bra/index.html"), (HOSTILE, 7, None), ("Kenya", 3, "countries/ken/index.html")]
REGIONS = ["Africa", "Latin America and the Caribbean", HOSTILE]
FLOWS = [[0, 4, 1], [12, 0, 0], [3, 30, 2]]
TOPICS = ["Patents", "Trademarks", HOSTILE]
TOPIC_COUNTS = [[1, 2, 0, 8], [0, 0, 3, 21], [5, 1, 1, 0]]
MAP_VALUES = {"KEN": 12, "BRA": 40, "IND": 25, "ZAF": 3, "SGP": 2, "USA": 0}


def all_charts() -> list[charts.Chart]:
    return [
        charts.stacked_bars("per-year", "Activities per year", "Bars by year, stacked by region.", YEARS, SERIES,
                            category_label="Year"),
        charts.ranked_bars("providers", "Most active providers", "Providers by number of activities.", RANKED),
        charts.flow_matrix("flows", "Who provided to whom", "Provider regions in rows.", REGIONS, REGIONS, FLOWS),
        charts.heat_matrix("topics", "Topics over time", "Topics by year.", TOPICS, YEARS, TOPIC_COUNTS),
        maps.world_map("map", "Where activities took place", "Countries by activities.", MAP_VALUES,
                         links={"KEN": "countries/ken/index.html"}, highlight={"BRA", "IND", "ZAF"}, focus="KEN",
                         data_dir=ROOT / "data"),
    ]


@pytest.fixture(scope="module")
def made() -> list[charts.Chart]:
    return all_charts()


def parse(chart: charts.Chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_every_chart_is_well_formed_accessible_svg(made):
    for chart in made:
        root = parse(chart)
        assert root.tag == f"{SVG}svg"
        # an image when it has no links; a labelled group when its labels link (links in an image
        # would be hidden from assistive technology)
        has_links = root.find(f".//{SVG}a") is not None
        assert root.get("role") == ("group" if has_links else "img")
        assert root.get("aria-labelledby") == f"{chart.id}-title {chart.id}-desc"
        title, desc = list(root)[:2]
        assert (title.tag, title.get("id"), title.text) == (f"{SVG}title", f"{chart.id}-title", chart.title)
        assert (desc.tag, desc.get("id"), desc.text) == (f"{SVG}desc", f"{chart.id}-desc", chart.description)
        assert re.fullmatch(r"0 0 \d+(\.\d)? \d+(\.\d)?", root.get("viewBox")), chart.id
        # Narrow charts and the map scale with their box; wide ones keep their natural size (one
        # unit a pixel) and scroll in theirs.
        if chart.layout == "wide":
            assert (float(root.get("width")), float(root.get("height"))) == tuple(
                float(n) for n in root.get("viewBox").split()[2:])
            assert chart.scroll_label and chart.scroll_hint and chart.hint_below >= 0
        else:
            assert root.get("width") == "100%" and root.get("height") is None
            assert chart.layout in ("narrow", "fluid")


def test_no_inline_styles_anywhere(made):
    for chart in made:
        root = parse(chart)
        for element in root.iter():
            assert "style" not in element.attrib, (chart.id, element.tag)
            assert element.tag != f"{SVG}style", chart.id
        assert "style=" not in str(chart.svg)


def test_text_is_legible(made):
    for chart in made:
        root = parse(chart)
        assert float(root.get("font-size")) >= 11
        assert [e for e in root.iter() if e.get("font-size") and float(e.get("font-size")) < 11] == []
        assert float(root.get("viewBox").split()[2]) <= 800, "wider charts shrink their text too much"


def test_contributed_labels_are_escaped(made):
    for chart in made:
        raw = str(chart.svg)
        assert "<script" not in raw, chart.id
        root = parse(chart)
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    # The escaped label still reads as the original text once parsed (possibly shortened to fit).
    bars = parse(made[0])
    assert any(HOSTILE in t for t in texts(bars))
    ranked = parse(made[1])
    assert HOSTILE in texts(ranked)


def test_hostile_title_description_and_href_stay_text():
    chart = charts.ranked_bars("x", '</title><script>"', 'a "quoted" <desc>', [("Kenya", 1, 'k"><script>')])
    root = parse(chart)
    assert root.find(f"{SVG}title").text == '</title><script>"'
    assert root.find(f"{SVG}desc").text == 'a "quoted" <desc>'
    assert root.find(f"{SVG}a").get("href") == 'k"><script>'


def test_chart_ids_must_be_plain_tokens():
    with pytest.raises(ValueError):
        charts.ranked_bars('x" onload="', "t", "d", [])


def test_stacked_bars_table_and_drawing_match_the_input(made):
    chart = made[0]
    assert chart.table.headers == ("Year", "Africa", "Asia and the Pacific", HOSTILE, "Total")
    assert chart.table.rows == (
        ("2021", "1", "3", "0", "4"),
        ("2022", "0", "5", "2", "7"),
        ("2023", "4", "0", "2", "6"),
        ("2024", "2", "1", "7", "10"),
    )
    root = parse(chart)
    bars = [r for r in root.iter(f"{SVG}rect") if "bar" in r.get("class").split()]
    assert len(bars) == sum(1 for _, counts in SERIES for n in counts if n)  # no empty segments
    # Horizontal bars: their lengths are proportional to the counts.
    per_unit = {round(float(r.get("width")) / int(r.find(f"{SVG}title").text.rsplit(": ", 1)[1]), 6) for r in bars}
    assert len(per_unit) == 1
    labels = texts(root)
    assert "Africa (7)" in labels and "Asia and the Pacific (9)" in labels  # the legend carries totals
    assert {"4", "7", "6", "10"} <= set(labels) and set(YEARS) <= set(labels)
    classes = [r.get("class") for r in bars]
    assert {"bar series-1", "bar series-2", "bar series-3"} == set(classes)


def test_ranked_bars_links_labels_and_keeps_hrefs_as_given(made):
    chart = made[1]
    assert chart.table.headers == ("Name", "Count")
    assert chart.table.rows == (("Brazil", "42"), (HOSTILE, "7"), ("Kenya", "3"))
    assert chart.table.links == ("countries/bra/index.html", None, "countries/ken/index.html")
    root = parse(chart)
    links = {a.get("href"): "".join(a.itertext()) for a in root.iter(f"{SVG}a")}
    assert links == {"countries/bra/index.html": "Brazil", "countries/ken/index.html": "Kenya"}
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] > widths[1] > widths[2] > 0
    assert widths[0] / widths[2] == pytest.approx(42 / 3, rel=0.02)


def test_long_labels_wrap_onto_lines_and_are_never_cut():
    name = "A provider with a name far too long to fit on one line of the chart, even a wide one"
    chart = charts.ranked_bars("long", "t", "d", [(name, 5, None)])
    lines = [t for t in parse(chart).iter(f"{SVG}text") if "label" in t.get("class").split()]
    assert len(lines) > 1
    assert " ".join(t.text for t in lines) == name  # every word drawn, none cut
    assert all(charts._text_width(t.text) <= charts.NARROW for t in lines)
    assert lines[0].find(f"{SVG}title").text == name
    assert chart.table.rows == ((name, "5"),)
    # A matrix's row labels wrap too: the topic that used to read "Collective management of copyrig…"
    topic = "Collective management of copyright and related rights"
    matrix = charts.heat_matrix("m", "t", "d", [topic], YEARS, [[1, 0, 2, 0]])
    drawn = [t.text for t in parse(matrix).iter(f"{SVG}text") if t.get("text-anchor") == "end"
             and "tick" in t.get("class").split()]
    assert " ".join(drawn) == topic and "\u2026" not in str(matrix.svg)
    # Chinese has no spaces: it wraps between characters, each a full em wide.
    chinese = "著作权和相关权利的集体管理以及其他很长的名称"
    wrapped = charts._wrap(chinese, 100)  # room for 7 characters of 13 units
    assert "".join(wrapped) == chinese and [len(line) for line in wrapped] == [7, 7, 7, 1]


def test_chart_words_are_in_the_page_language():
    from portal.i18n import load_language, using

    french = load_language("fr", ROOT / "data" / "locale")
    with using(french):
        matrix = charts.heat_matrix("m", "t", "d", ["Brevets"], YEARS, [[1, 0, 2, 0]])
        ranked = charts.ranked_bars("r", "t", "d", [("Kenya", 2, None)])
        bars = charts.stacked_bars("b", "t", "d", YEARS[:1], [("Afrique", [3])])
    corner = [t.text for t in parse(matrix).iter(f"{SVG}text") if "axis-label" in t.get("class").split()]
    assert corner == ["Année \u2192", "Thème \u2193"]
    assert matrix.table.headers[0] == "Thème / Année"
    assert ranked.table.headers == ("Nom", "Nombre")
    assert bars.table.headers == ("Catégorie", "Afrique", "Total")
    assert "Faites défiler" in matrix.scroll_hint and matrix.scroll_label.startswith("t (")
    assert parse(bars).find(f".//{SVG}rect/{SVG}title").text == "2021, Afrique : 3"


def test_flow_matrix_table_and_dots_match_the_input(made):
    chart = made[2]
    assert chart.table.headers == ("Provider / Beneficiary", *REGIONS)
    assert chart.table.rows == tuple((r, *map(str, line)) for r, line in zip(REGIONS, FLOWS))
    root = parse(chart)
    dots = list(root.iter(f"{SVG}circle"))
    assert len(dots) == sum(1 for line in FLOWS for n in line if n)
    by_count = {int(d.find(f"{SVG}title").text.rsplit(": ", 1)[1]): float(d.get("r")) for d in dots}
    assert by_count[30] > by_count[12] > by_count[4]  # area grows with the count
    assert "30" in texts(root) and "12" in texts(root)  # the number is written, not only shaded
    assert next(d for d in dots if d.find(f"{SVG}title").text.endswith(": 30")).get("class") == "dot shade-5"


def test_heat_matrix_table_cells_and_legend_match_the_input(made):
    chart = made[3]
    assert chart.table.headers == ("Topic / Year", *YEARS)
    assert chart.table.rows == tuple((t, *map(str, line)) for t, line in zip(TOPICS, TOPIC_COUNTS))
    root = parse(chart)
    cells = [r for r in root.iter(f"{SVG}rect") if r.get("class", "").startswith("cell ")]
    assert len(cells) == len(TOPICS) * len(YEARS)
    shades = [int(c.get("class").rsplit("-", 1)[1]) for c in cells]
    values = [n for line in TOPIC_COUNTS for n in line]
    assert [s for s, n in zip(shades, values) if n == 0] == [0] * values.count(0)
    assert shades[values.index(21)] == 5
    by_count = sorted(zip(values, shades))
    assert [s for _, s in by_count] == sorted(s for _, s in by_count)  # shades never go down as counts go up
    legend = texts(root)
    assert "0" in legend and any("\u2013" in t for t in legend)  # the legend gives number ranges


def test_shade_bins_cover_every_count_once():
    for maximum in (1, 2, 3, 5, 7, 10, 42, 100, 999, 12345):
        bins = charts.shade_bins(maximum)
        assert 1 <= len(bins) <= 5
        assert bins[0][1] == 1 and bins[-1][2] == maximum
        for (s1, _, high), (s2, low, _) in zip(bins, bins[1:]):
            assert low == high + 1 and s1 < s2
        assert all(1 <= shade <= 5 for shade, _, _ in bins)
    assert charts.shade_bins(0) == []


def test_bad_shapes_and_negative_counts_are_programming_errors():
    with pytest.raises(ValueError):
        charts.stacked_bars("a", "t", "d", YEARS, [("Africa", [1, 2])])
    with pytest.raises(ValueError):
        charts.heat_matrix("a", "t", "d", ["x"], YEARS, [[1, 2, 3]])
    with pytest.raises(ValueError):
        charts.ranked_bars("a", "t", "d", [("x", -1, None)])


def test_empty_input_still_draws_valid_charts():
    for chart in (charts.stacked_bars("a", "t", "d", [], []), charts.ranked_bars("b", "t", "d", []),
                  charts.flow_matrix("c", "t", "d", [], [], []),
                  maps.world_map("e", "t", "d", {}, data_dir=ROOT / "data")):
        parse(chart)
        assert chart.table.rows == ()


def test_world_map_draws_the_countries_and_marks_partners_and_focus(made):
    chart = made[4]
    root = parse(chart)
    paths = {p.get("data-country"): p for p in root.iter(f"{SVG}path") if p.get("data-country")}
    assert len(paths) >= 170
    assert {"KEN", "BRA", "IND", "CHN", "RUS", "FJI", "ZAF"} <= set(paths)
    # Bins for a maximum of 40: 1-2, 3-4, 5-9, 10-19, 20-40; Kenya's 12 is in the fourth.
    assert paths["KEN"].get("class").split() == ["country", "shade-4", "is-focus"]
    for partner in ("BRA", "IND", "ZAF"):
        assert "is-highlight" in paths[partner].get("class").split()
    assert "is-highlight" not in paths["CHN"].get("class") and "is-focus" not in paths["BRA"].get("class")
    assert paths["BRA"].get("class").split()[1] == "shade-5" and paths["USA"].get("class").split()[1] == "shade-0"
    # Drawn last, so no neighbour covers its outline.
    assert [p.get("data-country") for p in root.iter(f"{SVG}path") if p.get("data-country")][-1] == "KEN"
    assert paths["KEN"].find(f"{SVG}title").text == "Kenya: 12"
    links = [a for a in root.iter(f"{SVG}a")]
    assert [(a.get("href"), a.find(f"{SVG}path").get("data-country")) for a in links] == [("countries/ken/index.html", "KEN")]
    # The map scales down to a phone's width: it holds no text, its legend is the page's to print.
    assert texts(root) == []
    assert ("shade-0 is-highlight", "Partner") in chart.legend and ("is-focus", "Kenya") in chart.legend
    assert [label for _, label in chart.legend[:6]] == ["0", "1\u20132", "3\u20134", "5\u20139", "10\u201319", "20\u201340"]


def test_world_map_table_lists_every_country_with_a_value_by_name(made):
    table = made[4].table
    assert table.headers == ("Country", "Count")
    # Highest first; Singapore is too small for the 1:110m map but is still counted.
    assert [row[1] for row in table.rows] == ["40", "25", "12", "3", "2", "0"]
    assert table.rows[0][0] == "Brazil" and table.rows[2][0] == "Kenya" and table.rows[4][0] == "Singapore"
    assert table.links[2] == "countries/ken/index.html" and table.links[0] is None


def test_output_is_deterministic(made):
    again = all_charts()
    assert [c.svg for c in again] == [c.svg for c in made]
    assert [c.table for c in again] == [c.table for c in made]
    # Neither dict insertion order nor set order leaks into the output.
    reordered = maps.world_map("map", "Where activities took place", "Countries by activities.",
                                 dict(reversed(list(MAP_VALUES.items()))),
                                 links={"KEN": "countries/ken/index.html"}, highlight={"ZAF", "IND", "BRA"}, focus="KEN",
                                 data_dir=ROOT / "data")
    assert reordered == made[4]


def test_world_map_svg_is_small_and_coordinates_are_rounded(made):
    svg = str(made[4].svg)
    assert len(svg.encode()) < 120_000
    numbers = re.findall(r"-?\d*\.\d+", " ".join(p.get("d") for p in parse(made[4]).iter(f"{SVG}path")))
    assert numbers and all(len(n.split(".")[1]) == 1 for n in numbers)


def test_every_class_the_charts_use_is_styled(made):
    css = (ROOT / "templates" / "static" / "charts.css").read_text(encoding="utf-8")
    styled = set(re.findall(r"\.([a-z][a-z0-9-]*)", css))
    used = {cls for chart in made for e in parse(chart).iter() for cls in e.get("class", "").split()}
    kinds = {"chart-stacked-bars", "chart-heat-matrix", "chart-flow-matrix", "chart-world-map",
             "chart-ranked-bars"}  # hooks for pages
    # Numbers on light shades keep the text colour: only the strong in-shade-N are styled.
    families = {re.sub(r"\d+$", "", cls) for cls in styled}
    assert {cls for cls in used - styled - kinds if re.sub(r"\d+$", "", cls) not in families} == set()
    assert {f"series-{n}" for n in range(1, 7)} | {f"shade-{n}" for n in range(6)} <= styled
    # the map's legend, printed as HTML
    legend = {cls for chart in made for swatch, _ in chart.legend for cls in swatch.split()}
    assert {cls for cls in legend if f".chart-legend .{cls}" not in css} == set()
    # a wide chart's hint is shown below the width it needs
    for chart in made:
        if chart.layout == "wide" and chart.hint_below:
            assert f"(max-width: {chart.hint_below - 1}.99rem) {{ .chart-scroll-hint.below-{chart.hint_below}" in css
    dark = css[css.index("@media (prefers-color-scheme: dark)"):]
    for n in range(1, 7):
        assert f"--series-{n}:" in dark
    for n in range(6):
        assert f"--shade-{n}:" in dark


def test_the_chart_styles_load_where_charts_are_and_only_there(site):
    """charts.css is linked by the pages that draw charts (home, hubs, open data) and by no other: a
    record or list page, most of the site, does not name it. A page with any class that only
    charts.css styles links it."""
    static = ROOT / "templates" / "static"
    classes = lambda css: set(re.findall(r"\.([a-z][a-z0-9-]*)", css))  # noqa: E731
    own = classes((static / "charts.css").read_text(encoding="utf-8")) - classes(
        (static / "style.css").read_text(encoding="utf-8"))
    linking = set()
    for code in ("en", "ar"):
        for page in (site / code).rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            used = {c for attr in re.findall(r'class="([^"]*)"', html) for c in attr.split()}
            links = re.search(r'<link rel="stylesheet" href="[./]*assets/charts\.css">', html) is not None
            rel = page.relative_to(site / code).as_posix()
            assert links or not used & own, (rel, sorted(used & own))
            if links:
                linking.add(rel)
    assert {"index.html", "countries/ken/index.html", "regions/africa/index.html", "data/index.html"} <= linking
    assert not any(rel.startswith(("activities/", "consultants/", "needs/", "case-studies/")) for rel in linking)


# -- the geometry --------------------------------------------------------------------------------

def test_topojson_arcs_are_delta_decoded_and_reversed_by_ones_complement():
    topology = {"transform": {"scale": [0.5, 2.0], "translate": [-10, 5]},
                "arcs": [[[0, 0], [2, 0], [0, 3]], [[2, 3], [-2, 0]]]}
    arcs = worldmap.decode_arcs(topology)
    assert arcs == [[(-10.0, 5.0), (-9.0, 5.0), (-9.0, 11.0)], [(-9.0, 11.0), (-10.0, 11.0)]]
    assert worldmap.ring_points(arcs, [0, 1]) == [(-10.0, 5.0), (-9.0, 5.0), (-9.0, 11.0), (-10.0, 11.0)]
    assert worldmap.ring_points(arcs, [~1, ~0]) == [(-10.0, 11.0), (-9.0, 11.0), (-9.0, 5.0), (-10.0, 5.0)]


def test_rings_across_the_antimeridian_are_cut_into_both_edges():
    ring = [(170.0, 0.0), (-170.0, 0.0), (-170.0, 10.0), (170.0, 10.0)]
    parts = worldmap.split_at_antimeridian(ring)
    assert len(parts) == 2
    for part in parts:
        lons = [lon for lon, _ in part]
        assert -180 <= min(lons) and max(lons) <= 180
    assert sorted((min(lon for lon, _ in p), max(lon for lon, _ in p)) for p in parts) == [(-180, -170), (170, 180)]
    assert worldmap.split_at_antimeridian([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]) == [[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]]


def _projected_area(lon0, lon1, lat0, lat1, steps=200):
    edge = [(lon0, lat0 + (lat1 - lat0) * i / steps) for i in range(steps + 1)]
    other = [(lon1, lat1 - (lat1 - lat0) * i / steps) for i in range(steps + 1)]
    points = [worldmap.equal_earth(lon, lat) for lon, lat in edge + other]
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]))) / 2


def test_equal_earth_keeps_areas_and_its_published_proportions():
    assert worldmap.equal_earth(0, 0) == (0.0, 0.0)
    # Equal area: a 10-degree cell near the pole and one on the equator keep the ratio of their
    # areas on the sphere, sin(lat1) - sin(lat0).
    equator = _projected_area(0, 10, 0, 10)
    north = _projected_area(100, 110, 70, 80)
    sphere = (math.sin(math.radians(80)) - math.sin(math.radians(70))) / math.sin(math.radians(10))
    assert north / equator == pytest.approx(sphere, rel=1e-4)
    # The whole map keeps the sphere's area, 4 pi on the unit sphere.
    assert 2 * _projected_area(-180, 0, -90, 90, steps=2000) == pytest.approx(4 * math.pi, rel=1e-4)
    # Any polynomial keeps areas, so the coefficients are checked against published numbers: the
    # projected bounds of EPSG:8857 (Equal Earth on the WGS 84 authalic sphere), in metres.
    authalic_radius = 6371007.1809
    assert worldmap.equal_earth(180, 0)[0] * authalic_radius == pytest.approx(17243959.06, abs=1)
    assert worldmap.equal_earth(0, 90)[1] * authalic_radius == pytest.approx(8392927.60, abs=1)


def test_world_geometry_is_keyed_by_iso3_through_m49():
    world = worldmap.load_world(ROOT / "data")
    assert worldmap.load_world(ROOT / "data") is world  # decoded once per process
    assert len(world.countries) >= 170
    assert world.countries["KEN"].name == "Kenya"
    assert world.names["SGP"] == "Singapore"
    assert list(world.countries) == sorted(world.countries)
    # Kenya lies east of Brazil and south of India on the map.
    def first_point(iso3):
        x, y = re.match(r"M(-?[\d.]+)[ ]?(-?[\d.]+)", world.countries[iso3].path).groups()
        return float(x), float(y)
    assert first_point("KEN")[0] > first_point("BRA")[0]
    assert first_point("KEN")[1] > first_point("IND")[1]
    assert world.unassigned, "land without a country entry is still drawn, unshaded"


def test_vendored_world_atlas_is_the_pinned_release():
    vendored = ROOT / "data" / "world" / "countries-110m.json"
    topology = json.loads(vendored.read_text(encoding="utf-8"))
    assert topology["type"] == "Topology" and "countries" in topology["objects"]
    assert "world-atlas" in (ROOT / "data" / "world" / "README.md").read_text(encoding="utf-8")
    assert "Permission to use" in (ROOT / "data" / "world" / "LICENSE-world-atlas.txt").read_text(encoding="utf-8")
    package = ROOT / "node_modules" / "world-atlas"
    if not package.is_dir():
        pytest.skip("node_modules/world-atlas is not installed (run npm ci) so the copy cannot be compared")
    assert json.loads((package / "package.json").read_text())["version"] == "2.0.2"
    assert vendored.read_bytes() == (package / "countries-110m.json").read_bytes()
    assert (ROOT / "data" / "world" / "LICENSE-world-atlas.txt").read_bytes() == (package / "LICENSE").read_bytes()


def test_world_map_over_the_shared_base_draws_only_what_the_page_says():
    """With the shared base map (one file for the site), a page's map draws the base as an image
    and, inline, only the countries with a value, an outline or the focus: still shaded, outlined,
    titled and linked, with the same table."""
    inline = maps.world_map("map", "Where activities took place", "Countries by activities.", MAP_VALUES,
                              links={"KEN": "countries/ken/index.html"}, highlight={"BRA", "IND", "ZAF", "CHN"},
                              focus="KEN", data_dir=ROOT / "data")
    over = maps.world_map("map", "Where activities took place", "Countries by activities.", MAP_VALUES,
                            links={"KEN": "countries/ken/index.html"}, highlight={"BRA", "IND", "ZAF", "CHN"},
                            focus="KEN", data_dir=ROOT / "data", base="../../../assets/world-map.svg")
    root = parse(over)
    assert [i.get("href") for i in root.iter(f"{SVG}image")] == ["../../../assets/world-map.svg"]
    drawn = {p.get("data-country"): p for p in root.iter(f"{SVG}path") if p.get("data-country")}
    assert set(drawn) == {"KEN", "BRA", "IND", "ZAF", "USA", "CHN"}  # SGP is too small to draw
    whole = {p.get("data-country"): p for p in parse(inline).iter(f"{SVG}path") if p.get("data-country")}
    for iso3, path in drawn.items():
        assert path.attrib == whole[iso3].attrib
    assert not [p for p in root.iter(f"{SVG}path") if p.get("class") == "land"]
    assert over.table == inline.table and root.get("role") == parse(inline).get("role")
    assert len(str(over.svg)) < len(str(inline.svg)) / 3

    base = ET.fromstring(maps.world_map_base(ROOT / "data"))
    viewbox = base.get("viewBox")
    assert viewbox == parse(inline).get("viewBox").rsplit(" ", 1)[0] + " " + viewbox.rsplit(" ", 1)[1]
    assert len(list(base.iter(f"{SVG}path"))) == len(whole) + len(worldmap.load_world(ROOT / "data").unassigned)
    assert "prefers-color-scheme:dark" in base.find(f"{SVG}style").text


def test_a_map_drawn_in_a_file_of_its_own_is_the_inline_drawing():
    """A country page's partner map is the same in every language, so it is drawn once, in a file at
    the site's root, over the base map: the same countries, in the same order, with the same
    classes and outlines as the inline drawing, and charts.css's colours, light and dark. The page's
    map is then two images, a picture with no links (the table under it has them)."""
    arguments = dict(links={"KEN": "countries/ken/index.html", "BRA": "countries/bra/index.html"},
                     highlight={"BRA", "IND", "ZAF", "CHN"}, focus="KEN", data_dir=ROOT / "data",
                     base="../../../assets/world-map.svg")
    inline = maps.world_map("map", "Kenya and its partners", "Partners.", MAP_VALUES, **arguments)
    shown = maps.world_map("map", "Kenya and its partners", "Partners.", MAP_VALUES, **arguments,
                             overlay="../../../assets/maps/ken.svg")
    file = ET.fromstring(maps.world_map_overlay(MAP_VALUES, arguments["highlight"], "KEN", ROOT / "data"))
    expected = [(p.get("class"), p.get("d")) for p in parse(inline).iter(f"{SVG}path")]
    assert [(p.get("class"), p.get("d")) for p in file.iter(f"{SVG}path")] == expected
    assert "is-focus" in expected[-1][0]  # Kenya, drawn last
    root = parse(shown)
    assert [i.get("href") for i in root.iter(f"{SVG}image")] == ["../../../assets/world-map.svg",
                                                                 "../../../assets/maps/ken.svg"]
    assert root.get("role") == "img" and not list(root.iter(f"{SVG}path")) and not list(root.iter(f"{SVG}a"))
    assert shown.table == inline.table and shown.legend == inline.legend
    assert file.get("viewBox") == ET.fromstring(maps.world_map_base(ROOT / "data")).get("viewBox")

    # the files' colours are charts.css's, in light and in dark mode
    css = (ROOT / "templates" / "static" / "charts.css").read_text(encoding="utf-8")
    light, dark = css.split("@media (prefers-color-scheme: dark)", 1)
    for scheme, block in (("light", light), ("dark", dark.split("}", 1)[0])):
        declared = dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-f]{6})", block))
        for name, colour in maps.MAP_COLOURS[scheme].items():
            assert declared[name] == colour, (scheme, name)
    style = file.find(f"{SVG}style").text
    assert maps.OVERLAY_STYLE == style and "prefers-color-scheme:dark" in style

