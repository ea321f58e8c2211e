"""Hostile input: what a stranger can write in a record, an issue form or a folder must not blank a
page, inject a spreadsheet formula, publish a person's contact details or hang the build. Each case
asserts the exact message a contributor sees, or the exact neutralized output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from portal import calendar, escaping, exports, feeds
from portal.fields import PartialDate
from portal.i18n import load_language, using
from site_helpers import ROOT


# --------------------------------------------------------------------------- JSON inside <script>


@pytest.mark.parametrize("text, expected", [
    ('{"t": "<!--<script>x"}', '{"t": "\\u003c!--\\u003cscript\\u003ex"}'),
    ('{"t": "</script><script>alert(1)</script>"}',
     '{"t": "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}'),
    ('{"t": "R&D <b>"}', '{"t": "R\\u0026D \\u003cb\\u003e"}'),
    ('{"t": "a\u2028b\u2029c"}', '{"t": "a\\u2028b\\u2029c"}'),
    ('{"t": "<\\/"}', '{"t": "\\u003c\\/"}'),  # what derive.py escapes today stays valid JSON
    ('{"t": "plain, ça va"}', '{"t": "plain, ça va"}'),
])
def test_json_for_script_escapes_what_could_end_or_confuse_the_element(text, expected):
    assert escaping.json_for_script(text) == expected
    assert json.loads(expected) == json.loads(text)


def test_script_json_dumps_and_escapes():
    assert escaping.script_json({"title": "<!--<script>x", "n": 1}) == '{"title": "\\u003c!--\\u003cscript\\u003ex", "n": 1}'


def test_the_layout_escapes_json_ld_for_its_script_element():
    from portal.render import environment

    env = environment(ROOT / "templates", load_language("en", ROOT / "data" / "locale"))
    html = env.from_string('<script type="application/ld+json">{{ data|script_json }}</script>').render(
        data=json.dumps({"name": "<!--<script>x</script>"}))
    assert html == '<script type="application/ld+json">{"name": "\\u003c!--\\u003cscript\\u003ex\\u003c/script\\u003e"}</script>'


def test_offline_index_holds_no_markup_characters():
    from portal.index import write_offline_index

    written = {}
    output = SimpleNamespace(write=lambda rel, data: written.__setitem__(rel, data))
    page = SimpleNamespace(search=SimpleNamespace(filters=(("kind", "Need"),), kind="Need", countries="", year="",
                                                  date=""),
                           path="needs/x/index.html", title="<!--<script>x & \u2028", view=None, description="d")
    write_offline_index([page], output, "en")
    text = written["en/search/offline-index.js"].decode()
    assert '"title":"\\u003c!--\\u003cscript\\u003ex \\u0026 \\u2028"' in text
    assert not {"<", ">", "&", "\u2028"} & set(text.split("=", 1)[1])


# --------------------------------------------------------------------------- CSV cells


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(\"http://x.example\",\"y\")", "'=HYPERLINK(\"http://x.example\",\"y\")"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(1,2)", "'@SUM(1,2)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Workshop = training", "Workshop = training"),
    ("a-b", "a-b"),
    ("", ""),
])
def test_csv_cells_never_start_a_formula(cell, expected):
    assert exports.neutral_cell(cell) == expected


def test_csv_file_quotes_every_cell_and_neutralizes_formulas():
    from portal.records import MATCH

    record = SimpleNamespace(id="m", title="=1+1", need="n", offer="o;=2+2", consultant=None, type="technical",
                             date=PartialDate(2024, 1, 2), outcome="@x", language=None, translations=None)
    rows = list(csv.reader(io.StringIO(exports.render_csv(MATCH, [record]).decode("utf-8-sig"), newline="")))
    assert rows[1] == ["m", "'=1+1", "n", "o;=2+2", "", "technical", "2024-01-02", "'@x", ""] + [""] * 6
    line = exports.render_csv(MATCH, [record]).decode("utf-8-sig").split("\r\n")[1]
    assert line.startswith('"m","\'=1+1","n","o;=2+2"')


# --------------------------------------------------------------------------- iCalendar


def _calendar(title: str) -> str:
    need = SimpleNamespace(id="x", title=title, expires=PartialDate(2027, 2, 1))
    with using(load_language("en", ROOT / "data" / "locale")):
        return calendar.expiry_calendar([(need, "Office")], dt.date(2026, 1, 1), "Portal", "", lambda n: "needs/x/")


@pytest.mark.parametrize("title, summary", [
    ("Evil\rATTENDEE:mailto:x@example.org", "SUMMARY:Need closes: Evil\\nATTENDEE:mailto:x@example.org"),
    ("Evil\r\nEND:VEVENT", "SUMMARY:Need closes: Evil\\nEND:VEVENT"),
    ("Evil\nDTSTART:1", "SUMMARY:Need closes: Evil\\nDTSTART:1"),
    ("a;b,c\\d", "SUMMARY:Need closes: a\\;b\\,c\\\\d"),
    ("bell\x07 nul\x00 del\x7f c1\x85", "SUMMARY:Need closes: bell nul del c1"),
    ("tab\there", "SUMMARY:Need closes: tab\there"),
])
def test_ics_text_is_escaped(title, summary):
    lines = _calendar(title).split("\r\n")
    assert summary in lines
    assert not any("\r" in line or "\n" in line for line in lines)
    assert sum(line.startswith("BEGIN:VEVENT") for line in lines) == 1


@pytest.mark.parametrize("title", ["x" * 200, "é" * 150, "網" * 90, "a😀" * 60])
def test_ics_lines_are_folded_at_75_octets(title):
    text = _calendar(title)
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert f"SUMMARY:Need closes: {title}\r\n" in unfolded


# --------------------------------------------------------------------------- XML


@pytest.mark.parametrize("text, expected", [
    ("a\x01b", "ab"), ("nul\x00", "nul"), ("\x0b\x0c", ""), ("\ufffe\uffff", ""), ("lone \ud800", "lone "),
    ("tab\tline\ncr\r", "tab\tline\ncr\r"), ("<&>", "&lt;&amp;&gt;"), ("😀\ufffd", "😀\ufffd"),
])
def test_xml_text_has_no_character_xml_forbids(text, expected):
    assert feeds.xml_text(text) == expected


def test_atom_feed_with_control_characters_parses():
    entry = feeds.Entry("needs/x/index.html", "Title\x01\x1b[31m", "2026-01-01", "Sum\x00mary \ufffe", "need")
    xml = feeds.render_atom(feeds.Feed("feeds/needs.xml", "Needs\x02", (entry,)), "Portal\x03", "", "2026-01-02")
    root = ET.fromstring(xml)
    ns = {"a": feeds.ATOM}
    assert root.find("a:entry/a:title", ns).text == "Title[31m"
    assert root.find("a:entry/a:summary", ns).text == "Summary "
    assert root.find("a:title", ns).text == "Portal: Needs"


def test_sitemap_with_control_characters_parses():
    xml = feeds.render_sitemap("https://example.org/", [[("en", "a\x01/index.html"), ("fr", "b/index.html")]])
    locs = [e.text for e in ET.fromstring(xml).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == ["https://example.org/a/index.html", "https://example.org/b/index.html"]
