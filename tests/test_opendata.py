"""Open data and subscriptions, read back the way a reuser would: JSON with a JSON parser (and its
published schema), CSV with the csv module, feeds and the sitemap as XML."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile

import jsonschema
import pytest

from portal.exports import LIST_SEPARATOR, csv_columns
from portal.pipeline import build, check
from portal.project import Project
from portal.kinds import KINDS
from samples import ALL
from site_helpers import ROOT, assert_pdf_sections

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def catalog():
    return check(Project(ROOT)).catalog


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.collection)
def test_json_export_holds_exactly_the_records_and_fits_its_schema(site, catalog, kind):
    data = json.loads((site / "data" / f"{kind.collection}.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / "schemas" / f"{kind.collection}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    records = catalog.records[kind.collection]
    assert data["count"] == len(records) == len(data["records"])
    assert [r["id"] for r in data["records"]] == [r.id for r in records]
    for exported, record in zip(data["records"], records):
        for name in kind.format.fields:
            value = getattr(record, name)
            if value is None or value == ():
                assert name not in exported
            elif hasattr(value, "iso"):
                assert exported[name] == value.iso
            elif isinstance(value, (str, int)):
                assert exported[name] == value


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.collection)
def test_csv_export_opens_with_the_csv_module(site, catalog, kind):
    raw = (site / "data" / f"{kind.collection}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheet programs then read UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    records = catalog.records[kind.collection]
    assert [row["id"] for row in rows] == [r.id for r in records]
    with open(site / "data" / f"{kind.collection}.csv", encoding="utf-8-sig", newline="") as fh:
        assert next(csv.reader(fh)) == csv_columns(kind)


def test_csv_multi_valued_fields_line_up(site, catalog):
    activity = next(a for a in catalog.records["activities"] if any(b.participants is None for b in a.beneficiaries)
                    or len(a.beneficiaries) > 2)
    rows = {row["id"]: row for row in csv.DictReader(
        io.StringIO((site / "data" / "activities.csv").read_text(encoding="utf-8-sig"), newline=""))}
    row = rows[activity.id]
    countries = row["beneficiaries.country"].split(LIST_SEPARATOR)
    participants = row["beneficiaries.participants"].split(LIST_SEPARATOR)
    assert countries == [b.country for b in activity.beneficiaries]
    assert participants == ["" if b.participants is None else str(b.participants) for b in activity.beneficiaries]
    assert row["topics"] == LIST_SEPARATOR.join(activity.topics)


def test_zip_holds_every_export(site):
    with zipfile.ZipFile(site / "data" / "all-data.zip") as archive:
        names = set(archive.namelist())
        assert archive.testzip() is None
    expected = {f"{k.collection}.{ext}" for k in KINDS for ext in ("json", "csv")}
    expected |= {f"schemas/{k.collection}.schema.json" for k in KINDS}
    expected |= {f"schemas/records/{k.schema_file}" for k in KINDS}
    expected |= {"LICENSE.txt"}  # the records' licence, which the CSV files cannot name themselves
    assert names == expected


def entries(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def test_feeds_parse_as_atom_newest_first(site, catalog):
    for name in ("initiatives", "matchmaking", "activities"):
        root, found = entries(site / "en" / "feeds" / f"{name}.xml")
        dates = [e.find(f"{ATOM}updated").text for e in found]
        assert dates == sorted(dates, reverse=True) and dates
        assert root.find(f"{ATOM}updated").text == dates[0]
    _, initiatives = entries(site / "en" / "feeds" / "initiatives.xml")
    assert len(initiatives) == len(catalog.records["initiatives"])
    _, kenya = entries(site / "en" / "countries" / "ken" / "feed.xml")
    assert len(kenya) >= 5
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home and 'href="feeds/initiatives.xml"' in home


@pytest.mark.slow
def test_absolute_links_sitemap_and_robots_with_a_base_url(make_project):
    project = make_project({**ALL, "site.toml": '[site]\nbase_url = "https://portal.example.org/ssc/"\n'})
    result = build(project)
    assert result.ok
    site = project.site_dir
    _, found = entries(site / "en" / "feeds" / "initiatives.xml")
    links = [e.find(f"{ATOM}link").get("href") for e in found]
    assert links and all(h.startswith("https://portal.example.org/ssc/en/initiatives/") for h in links)
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    # Every page of every language but the not-found pages and the root's language chooser.
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if p.name != "404.html" and p.parent != site)
    assert sorted(locs) == ["https://portal.example.org/ssc/" + p for p in pages]
    assert len(locs) == len(set(locs))
    # Each URL names its translations, itself included, for search engines.
    first = sitemap.find("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    alternates = {a.get("hreflang"): a.get("href") for a in first.iter("{http://www.w3.org/1999/xhtml}link")}
    assert set(alternates) == {"en", "fr", "es", "ar", "zh", "ru", "x-default"}
    assert alternates["x-default"] == "https://portal.example.org/ssc/index.html"  # the language chooser
    assert alternates["fr"] == first.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text.replace("/en/", "/fr/", 1)
    assert "Sitemap: https://portal.example.org/ssc/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_no_sitemap_without_a_base_url(site):
    assert not (site / "sitemap.xml").exists() and not (site / "robots.txt").exists()


@pytest.mark.parametrize("collection, schema_type", [("activities", "Event"), ("case-studies", "Article"),
                                                     ("initiatives", "Project")])
def test_structured_data_on_detail_pages(site, catalog, collection, schema_type):
    record = catalog.records[collection][0]
    html = (site / "en" / collection / record.id / "index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    data = json.loads(html[start:html.index("</script>", start)])
    assert data["@context"] == "https://schema.org" and data["@type"] == schema_type
    assert record.title in (data.get("name"), data.get("headline"))


def test_case_study_pdf_has_a_section_per_study_with_its_title(site, catalog):
    stories = catalog.records["case-studies"]
    assert_pdf_sections(site / "data" / "case-studies.pdf", [story.title for story in stories])
    html = (site / "en" / "case-studies" / "compilation" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="compilation-item"') == len(stories)
