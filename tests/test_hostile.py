"""Hostile input: what a stranger can write in a record, an issue form or a folder must not blank a
page, inject a spreadsheet formula, publish a person's contact details or hang the build. Each case
asserts the exact message a contributor sees, or the exact neutralized output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from portal import calendar, escaping, exports, feeds
from portal.fields import PartialDate
from portal.i18n import load_language, using
from site_helpers import ROOT, script_value


# --------------------------------------------------------------------------- JSON inside <script>


@pytest.mark.parametrize("text, expected", [
    ('{"t": "<!--<script>x"}', '{"t": "\\u003c!--\\u003cscript\\u003ex"}'),
    ('{"t": "</script><script>alert(1)</script>"}',
     '{"t": "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}'),
    ('{"t": "R&D <b>"}', '{"t": "R\\u0026D \\u003cb\\u003e"}'),
    ('{"t": "a\u2028b\u2029c"}', '{"t": "a\\u2028b\\u2029c"}'),
    ('{"t": "<\\/"}', '{"t": "\\u003c\\/"}'),  # an escaped slash stays valid JSON
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
    assert set(written) == {"en/search/offline-index.js", "en/search/offline-index-0.js",
                            "en/search/offline-index-1.js", "en/search/offline-text-0.js"}
    text = written["en/search/offline-index.js"].decode()
    assert '"\\\\u003c!--\\\\u003cscript\\\\u003ex \\\\u0026 \\\\u2028"' in text  # in JSON.parse's string
    for name, data in written.items():
        assert not {"<", ">", "&", "\u2028"} & set(data.decode().split("=", 1)[1]), name
    assert script_value(text)["documents"][0][1] == page.title


@pytest.mark.parametrize("value", [
    "it's", "back\\slash \\' \\\\'", "</script><!--<script>", "\u2028\u2029 line\nbreaks\r\t", '"quoted"', "\x00\x1f",
    "مُلْكِيَّة", "专利", {"nested": ["'", "\\"]}])
def test_json_parse_scripts_give_back_the_value(value):
    """What the offline index's scripts hand to JSON.parse is the value, whatever its characters:
    run in node, as the browser runs it."""
    from portal.escaping import script_json_parse

    node = shutil.which("node")
    assert node, "node is needed for this test (scripts/setup-test-tools.sh)"
    script = f"process.stdout.write(JSON.stringify({script_json_parse(value)}));"
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, encoding="utf-8", check=True)
    assert json.loads(done.stdout) == value


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
    from portal.kinds import MATCH

    record = SimpleNamespace(id="m", title="=1+1", need="n", offer="o;=2+2", consultant=None, type="technical",
                             date=PartialDate(2024, 1, 2), outcome="@x", sources=(), language=None, translations=None)
    rows = list(csv.reader(io.StringIO(exports.render_csv(MATCH, [record], ["-south"]).decode("utf-8-sig"),
                                       newline="")))
    cells = dict(zip(rows[0], rows[1]))
    assert [cells[c] for c in ("id", "modality", "title", "need", "offer", "consultant", "type", "date", "outcome")] == [
        "m", "'-south", "'=1+1", "n", "o;=2+2", "", "technical", "2024-01-02", "'@x"]
    assert set(rows[1]) <= {"m", "'-south", "'=1+1", "n", "o;=2+2", "", "technical", "2024-01-02", "'@x"}
    line = exports.render_csv(MATCH, [record], ["south-south"]).decode("utf-8-sig").split("\r\n")[1]
    assert line.startswith('"m","south-south","\'=1+1","n","o;=2+2"')


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
    xml = feeds.render_atom(feeds.Feed("feeds/needs.xml", "Needs\x02", (entry,)), "Portal\x03", "", "2026-01-02", "en")
    root = ET.fromstring(xml)
    ns = {"a": feeds.ATOM}
    assert root.find("a:entry/a:title", ns).text == "Title[31m"
    assert root.find("a:entry/a:summary", ns).text == "Summary "
    assert root.find("a:title", ns).text == "Portal: Needs"


def test_sitemap_with_control_characters_parses():
    xml = feeds.render_sitemap("https://example.org/", [[("en", "a\x01/index.html"), ("fr", "b/index.html")]])
    locs = [e.text for e in ET.fromstring(xml).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == ["https://example.org/a/index.html", "https://example.org/b/index.html"]


# --------------------------------------------------------------------------- characters in texts

from diagnostic_cases import A, C, I, files_for  # noqa: E402
from portal.pipeline import check  # noqa: E402
from samples import ACTIVITY, CONSULTANT, INITIATIVE  # noqa: E402

TITLE = "title: Regional workshop on patent examination"
DESCRIPTION = "description: Examiners from three offices compared search practice."


def headlines(make_project, path: str, content) -> list[str]:
    """Every problem the validator reports when the samples have `content` at `path`."""
    return [p.headline() for p in check(make_project(files_for(path, content))).report.sorted()]


@pytest.mark.parametrize("line, expected", [
    ('title: "Regional\\x01 workshop"', "'title' contains the control character U+0001 at column 9"),
    ('title: "\\0 workshop"', "'title' contains the control character U+0000 at column 1"),
    ('title: "Workshop \\e[2J\\e[H"', "'title' contains the control character U+001B at column 10"),
    ('title: "Workshop\\r\\nhosts: [SWE]"', "'title' contains the control character U+000D at column 9"),
    ('title: "Workshop\\tNairobi"', "'title' contains the control character U+0009 at column 9"),
    ('title: "Workshop\\nNairobi"', "'title' contains the control character U+000A at column 9"),
    ('title: "Workshop\\N"', "'title' contains the control character U+0085 at column 9"),
    ('title: "Workshop\\x9b31m"', "'title' contains the control character U+009B at column 9"),
    ('title: "Workshop\\x7f"', "'title' contains the control character U+007F at column 9"),
])
def test_control_characters_in_a_title_are_refused(make_project, line, expected):
    assert headlines(make_project, A, ACTIVITY.replace(TITLE, line)) == [
        f"{A}:1:8: error[control-character]: {expected}"]


@pytest.mark.parametrize("line, expected", [
    ('description: "Examiners\\x07 met."', "'description' contains the control character U+0007 at column 10"),
    ('description: "Examiners met.\\n\\nThen\\x1b[31m"', "'description' contains the control character U+001B at line 3, column 5"),
    ('description: "Examiners met.\\rATTENDEE:x"', "'description' contains the control character U+000D at column 15"),
])
def test_control_characters_in_a_long_text_are_refused(make_project, line, expected):
    assert headlines(make_project, A, ACTIVITY.replace(DESCRIPTION, line)) == [
        f"{A}:2:14: error[control-character]: {expected}"]


def test_line_breaks_and_tabs_are_fine_in_a_long_text(make_project):
    assert headlines(make_project, A, ACTIVITY.replace(DESCRIPTION, 'description: "One.\\n\\n- two\\tthree\\n"')) == []


@pytest.mark.parametrize("content, expected", [
    (ACTIVITY + "translations:\n  fr:\n    title: \"Atelier\\a\"\n",
     f"{A}:18:12: error[control-character]: 'translations.fr.title' contains the control character U+0007 at column 8"),
    (ACTIVITY + "organizers:\n  - {name: \"Office\\x02\", type: ip-office, country: KEN}\n",
     f"{A}:17:12: error[control-character]: 'organizers[0].name' contains the control character U+0002 at column 7"),
    (ACTIVITY.replace("hosts: [KEN]", 'hosts: ["KEN\\x01"]'),
     f"{A}:9:9: error[control-character]: 'hosts[0]' contains the control character U+0001 at column 4"),
    (ACTIVITY.replace("consultants: [amina-diallo]", 'consultants: ["amina-diallo\\u200b"]'),
     f"{A}:15:15: error[invisible-character]: 'consultants[0]' contains the invisible character U+200B "
     "(ZERO WIDTH SPACE) at column 13"),
])
def test_every_text_of_a_record_is_checked(make_project, content, expected):
    assert headlines(make_project, A, content) == [expected]


def test_control_character_in_a_body_points_at_it(make_project):
    content = INITIATIVE.replace("The two offices exchange examiners.", "The two\x07 offices exchange examiners.")
    assert headlines(make_project, I, content) == [
        f"{I}:14:8: error[control-character]: the text below the front matter contains the control character "
        "U+0007 at line 2, column 8"]


def test_carriage_returns_of_a_crlf_body_are_line_ends(make_project):
    assert headlines(make_project, I, INITIATIVE.replace("\n", "\r\n").encode()) == []


INVISIBLE = {0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
             0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE", 0x2066: "LEFT-TO-RIGHT ISOLATE",
             0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE",
             0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
             0x2060: "WORD JOINER", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE"}


@pytest.mark.parametrize("code", sorted(INVISIBLE))
def test_invisible_characters_in_a_title_are_refused(make_project, code):
    content = ACTIVITY.replace(TITLE, f"title: Regional workshop{chr(code)} on patents")
    assert headlines(make_project, A, content) == [
        f"{A}:1:8: error[invisible-character]: 'title' contains the invisible character U+{code:04X} "
        f"({INVISIBLE[code]}) at column 18"]


def test_invisible_character_in_a_name_is_refused(make_project):
    content = CONSULTANT.replace("name: Amina Diallo", "name: Amina\u2066 Diallo")
    assert headlines(make_project, C, content) == [
        f"{A}:15:15: error[unknown-reference]: no consultant has the id 'amina-diallo'",  # it is not valid
        f"{C}:1:7: error[invisible-character]: 'name' contains the invisible character U+2066 "
        "(LEFT-TO-RIGHT ISOLATE) at column 6"]


@pytest.mark.parametrize("content", [
    ACTIVITY.replace(TITLE, "title: ورشة عمل WIPO\u200f إقليمية"),  # a mark places punctuation: allowed
    ACTIVITY.replace(DESCRIPTION, "description: Examiners\u200d met\u202e."),  # not a title, name or id
])
def test_marks_and_long_texts_are_not_refused(make_project, content):
    assert headlines(make_project, A, content) == []


def test_a_refused_character_is_shown_not_printed():
    from portal.problems import Problem

    problem = Problem("content/x\u202e.yml", 1, 1, "unknown-field", "unknown field 'a\x1b[2Jb'", "hint\x07")
    assert problem.headline() == "content/x<U+202E>.yml:1:1: error[unknown-field]: unknown field 'a<U+001B>[2Jb'"
    assert problem.hint == "hint<U+0007>"


# --------------------------------------------------------------------------- Markdown that would take too long

from portal import mdcost  # noqa: E402
from portal.markup import MarkdownRenderer  # noqa: E402
from portal.formats import BODY  # noqa: E402

SLOW = "Markdown would take too long to convert it"
BRACKET_HINT = "Close each '[' with ']'"


@pytest.mark.parametrize("text, expected", [
    ('"' + "[a " * 400 + '"', f"'description' has 400 '[' that no ']' closes (the first at column 1): {SLOW}"),
    ('"' + "[" * 600 + '"', f"'description' has 600 '[' that no ']' closes (the first at column 1): {SLOW}"),
    ('"' + "![" * 400 + '"', f"'description' has 400 '[' that no ']' closes (the first at column 2): {SLOW}"),
    ('"Intro.\\n\\n' + "[^" * 400 + '"', f"'description' has 400 '[' that no ']' closes (the first at line 3, column 1): {SLOW}"),
    ('"' + "[" * 400 + "]" * 400 + '"', f"'description' has '[' nested too deeply or closed too far from where they open: {SLOW}"),
    ('"' + "[a](" * 500 + '"', f"'description' has 500 link addresses '](' that no ')' closes (the first at column 4): {SLOW}"),
    ('"' + "<a " * 1000 + '"', f"'description' has 1000 '<' that start no complete HTML tag (the first at column 1): {SLOW}"),
    ('"' + "<![CDATA[" * 300 + '"',
     f"'description' has 600 '[' that no ']' closes (the first at column 3): {SLOW}"),
])
def test_markdown_that_would_take_too_long_is_refused(make_project, text, expected):
    content = ACTIVITY.replace(DESCRIPTION, "description: " + text)
    found = headlines(make_project, A, content)
    assert found[0] == f"{A}:2:14: error[markdown-complex]: {expected}"


def test_markdown_complexity_in_a_body_points_at_its_start(make_project):
    content = INITIATIVE.replace("The two offices exchange examiners.", "See " + "[x " * 500)
    assert headlines(make_project, I, content) == [
        f"{I}:13:1: error[markdown-complex]: the text below the front matter has 500 '[' that no ']' closes "
        f"(the first at line 2, column 5): {SLOW}"]


def test_a_body_longer_than_the_limit_is_refused(make_project):
    content = INITIATIVE.replace("The two offices exchange examiners.", "Word " * 2001)
    assert headlines(make_project, I, content) == [
        f"{I}:13:1: error[too-long]: the text below the front matter is 10007 characters long; the limit is 10000"]


@pytest.mark.parametrize("text", [
    "See [the report](https://example.org/report \"Annual report (2019)\") and [^1].\n\n[^1]: A note.",
    "Prices fell by 5% (from <10 to <9) where a<b.",
    "A [bracket] or two [and [nested] ones], <abbr title=\"World Intellectual Property Organization\">WIPO</abbr>.",
    "Unclosed [ once, and \\[ escaped " * 20,
])
def test_ordinary_markdown_costs_little(text):
    c = mdcost.cost(text)
    assert max(c.brackets / mdcost.BRACKET_BUDGET, c.parens / mdcost.PAREN_BUDGET, c.angles / mdcost.ANGLE_BUDGET) < 0.1


def _worst(hostile: tuple, filler: str, length: int = BODY.max_length) -> str:
    """A text of `length` characters that starts with as many of each of the `hostile` openers, in
    turn, as the budgets accept, filled up with `filler`: the slowest accepted text of its kind."""
    counts = [0] * len(hostile)

    def text(counts):
        head = "".join(part * k for part, k in zip(hostile, counts))
        return head + (filler * (length // len(filler) + 1))[: length - len(head)]

    for j, part in enumerate(hostile):
        low, high = 0, (length - len(text(counts)) + len(filler)) // len(part)  # accepted, maybe not
        while low < high:
            middle = (low + high + 1) // 2
            trial = counts[:j] + [middle] + counts[j + 1:]
            if mdcost.problems(text(trial)) or sum(len(p) * k for p, k in zip(hostile, trial)) > length:
                high = middle - 1
            else:
                low = middle
        counts[j] = low
    return text(counts)


WORST = [(("[",), "`a"), (("![",), "`a"), (("![",), "_a_ "), (("[a ",), "a\\*"), (("[a](",), "*a"),
         (("<a ",), "_a_ "), (("<![CDATA[",), "`a"), ((), "_a_ "), ((), "*a"), ((), "- a\n"), ((), "> "),
         ((), "'\""), (("[", "<a ", "[a]("), "_a_ "), (("[", "<a\n"), "*a")]


@pytest.mark.parametrize("hostile, filler", WORST)
def test_slowest_accepted_markdown_at_the_limit_converts_in_under_a_second(hostile, filler):
    import time

    text = _worst(hostile, filler)
    assert len(text) == BODY.max_length and mdcost.problems(text) == []
    renderer = MarkdownRenderer(None)
    spent = []
    for _ in range(2):  # the better of two: the machine may be busy with something else
        start = time.process_time()
        renderer._convert(text, "")
        spent.append(time.process_time() - start)
    assert min(spent) < 1.0


# --------------------------------------------------------------------------- links and special files

import os  # noqa: E402

from portal import uptodate  # noqa: E402
from portal.project import Project  # noqa: E402
from samples import ALL  # noqa: E402

LINK = "is a symbolic link"
SPECIAL = "is not a regular file (a device, pipe or socket)"


def _problems(project) -> list[str]:
    return [p.headline() for p in check(project).report.sorted()]


@pytest.mark.parametrize("name, target", [
    ("content/activities/zero.yml", "/dev/zero"),  # read forever, then MemoryError, before
    ("content/activities/passwd.yml", "/etc/passwd"),
    ("content/activities/dangling.yml", "nowhere.yml"),
    ("content/activities/sibling.yml", "patent-workshop.yml"),
])
def test_a_link_in_content_is_refused_by_name_and_never_read(make_project, name, target):
    project = make_project(ALL)
    os.symlink(target, project.root / name)
    assert _problems(project) == [f"{name}:1:1: error[not-a-file]: '{name}' {LINK}"]


def test_a_link_to_a_folder_in_content_is_not_entered(make_project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "x.yml").write_text("title: [", encoding="utf-8")
    project = make_project(ALL)
    os.symlink(outside, project.root / "content" / "matches")
    assert _problems(project) == ["content/matches:1:1: error[not-a-file]: 'content/matches' is a symbolic link"]


def test_a_pipe_in_content_is_refused_without_waiting_on_it(make_project):
    project = make_project(ALL)
    os.mkfifo(project.root / "content" / "needs" / "fifo.yml")
    assert _problems(project) == [f"content/needs/fifo.yml:1:1: error[not-a-file]: 'content/needs/fifo.yml' {SPECIAL}"]


@pytest.mark.parametrize("name", ["templates/static/secret.css", "templates/record.html", "templates/extra"])
def test_a_link_in_templates_is_refused(make_project, name):
    project = make_project(ALL)
    target = project.root / name
    target.unlink() if target.exists() else None
    os.symlink("/etc/passwd", target)
    assert _problems(project) == [f"{name}:1:1: error[not-a-file]: '{name}' {LINK}"]


def test_assets_and_templates_are_never_read_through_a_link(tmp_path):
    import jinja2

    from portal.publish import Output
    from portal.render import copy_assets, environment

    import shutil

    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    shutil.rmtree(templates / "static")
    (templates / "static").mkdir()
    (templates / "static" / "site.css").write_text("body{}", encoding="utf-8")
    os.symlink("/etc/passwd", templates / "static" / "passwd.css")
    os.symlink("/dev/zero", templates / "static" / "zero.css")
    os.symlink("/etc/passwd", templates / "page.html")
    output = Output(tmp_path / "out")
    copy_assets(templates, output)
    assert sorted(output.produced) == ["assets/site.css"]
    env = environment(templates, load_language("en", ROOT / "data" / "locale"))
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("page.html")


def test_a_link_in_data_is_refused(make_project):
    project = make_project(ALL)
    os.symlink("/dev/zero", project.root / "data" / "zero.yml")
    assert _problems(project) == ["data/zero.yml:1:1: error[not-a-file]: 'data/zero.yml' is a symbolic link"]


def test_the_up_to_date_check_reads_no_link(make_project):
    project = make_project(ALL)
    os.symlink("/dev/zero", project.root / "content" / "activities" / "zero.yml")
    first = uptodate.inputs_digest(project, dt.date(2026, 1, 1), {})  # returns: did not read /dev/zero
    os.unlink(project.root / "content" / "activities" / "zero.yml")
    os.symlink("/dev/null", project.root / "content" / "activities" / "zero.yml")
    assert uptodate.inputs_digest(project, dt.date(2026, 1, 1), {}) != first  # where it points is an input


# --------------------------------------------------------------------------- personal contact details

from diagnostic_cases import T  # noqa: E402
from samples import CASE_STUDY, MATCH  # noqa: E402

S = "content/case-studies/coffee-gi.md"
M = "content/matches/gi-coaching.yml"
NOTHING = "the portal publishes no personal contact details"


@pytest.mark.parametrize("path, content, expected", [
    (A, ACTIVITY.replace(DESCRIPTION, "description: Write to jane.doe@gmail.com for slides."),
     f"{A}:2:14: error[personal-contact]: 'description' contains an e-mail address ('jane.doe@gmail.com'); {NOTHING}"),
    (A, ACTIVITY + "translations:\n  fr:\n    description: Appelez le +33 6 12 34 56 78.\n",
     f"{A}:18:18: error[personal-contact]: 'translations.fr.description' contains a phone number ('+33 6 12 34 56 78'); {NOTHING}"),
    (A, ACTIVITY + "requester: Mr Otieno, tel. (020) 22 123 45\n",
     f"{A}:16:12: error[personal-contact]: 'requester' contains a phone number ('(020) 22 123 45'); {NOTHING}"),
    (M, MATCH + "outcome: Coaching by k.alaoui@yahoo.fr went well.\n",
     f"{M}:6:10: error[personal-contact]: 'outcome' contains an e-mail address ('k.alaoui@yahoo.fr'); {NOTHING}"),
    (I, INITIATIVE.replace("summary: Two offices exchange examiners every year.",
                           "summary: Two offices exchange examiners; call 011-555-0199."),
     f"{I}:5:10: error[personal-contact]: 'summary' contains a phone number ('011-555-0199'); {NOTHING}"),
    (I, INITIATIVE.replace("submitted:", "contact: {name: Maria Silva maria.silva@inpi.gov.br}\nsubmitted:"),
     f"{I}:11:17: error[personal-contact]: 'contact.name' contains an e-mail address ('maria.silva@inpi.gov.br'); {NOTHING}"),
    (S, CASE_STUDY.replace("Farmers sold their beans without a name.", "Ask Abebe on +251 911 234 567."),
     f"{S}:11:14: error[personal-contact]: the text below the front matter contains a phone number ('+251 911 234 567'); {NOTHING}"),
    (S, CASE_STUDY.replace("year: 2018\n", "year: 2018\ntranslations:\n  es:\n    body: Escriba a abebe@proton.me.\n"),
     f"{S}:9:11: error[personal-contact]: 'translations.es.body' contains an e-mail address ('abebe@proton.me'); {NOTHING}"),
])
def test_no_record_publishes_a_personal_contact(make_project, path, content, expected):
    assert headlines(make_project, path, content) == [expected]


@pytest.mark.parametrize("address, warned", [
    ("maria.silva@gmail.com", True), ("tisc.desk@yahoo.fr", True), ("office@hotmail.co.uk", True),
    ("someone@outlook.com.br", True), ("x@163.com", True), ("x@yandex.ru", True), ("x@mail.ru", True),
    ("cooperation@inpi.gov.br", False), ("tisc@mail.gov.br", False), ("desk@wipo.int", False),
])
def test_a_webmail_contact_address_is_a_warning(make_project, address, warned):
    content = INITIATIVE.replace("submitted:", f"contact: {{name: TISC desk, email: {address}}}\nsubmitted:")
    expected = [f"{I}:11:35: warning[webmail-contact]: 'contact.email' is an address at a personal webmail "
                f"provider ('{address}'); give a role address of the team"]
    assert headlines(make_project, I, content) == (expected if warned else [])


@pytest.mark.parametrize("text", [
    "A fund of 15.000.000 dólares (2019-2020), 1.500 participantes.",
    "Between 1998-2004 and 2010-2015, 12 missions; 15 000 000 CFA francs.",
    "Report WO/GA/55/1, ISBN 978-92",
])
def test_numbers_that_are_not_phone_numbers(make_project, text):
    assert headlines(make_project, A, ACTIVITY.replace(DESCRIPTION, f"description: {text}")) == []


def _intake(**answers):
    from portal.intake import convert, format_report
    from test_intake import COMPLETE, TODAY, issue_body

    intake = convert(issue_body({**COMPLETE, **answers}), Project(ROOT), TODAY)
    return intake.ok, format_report(intake)


FIX = "Edit the issue to correct them; a maintainer will then convert it again.\n"


def test_the_issue_form_refuses_a_webmail_contact():
    assert _intake(**{"contact-email": "maria.silva@gmail.com"}) == (False, (
        "The answers cannot become a record yet: 1 thing to correct.\n\n"
        "- **Contact: role e-mail address**: 'contact.email' is an address at a personal webmail provider "
        "('maria.silva@gmail.com'); give a role address of the team. Give the address of a role or team "
        "(cooperation@office.example): it stays valid when people move on, and publishes no one's private mailbox.\n\n"
        + FIX))


def test_the_issue_form_refuses_a_phone_number_and_hidden_characters():
    ok, report = _intake(summary="Two offices set up centres. Call Maria on +55 21 98765 4321.", title="TISC \u202etroppus")
    assert not ok
    assert report.splitlines()[2:4] == [
        "- **Name of the partnership**: 'title' contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) at "
        "column 6. Bidirectional controls and zero-width characters are invisible and make a title, name or id read "
        "otherwise than it is. Delete it: right-to-left text is shown in its direction without them.",
        "- **Summary**: 'summary' contains a phone number ('+55 21 98765 4321'); the portal publishes no personal "
        "contact details. Remove it: the portal publishes no one's e-mail address or phone number. Readers reach "
        "consultants through their public 'profile' link, initiatives through the role address in 'contact', and "
        "everyone else through the portal's team."]


def test_the_issue_form_takes_a_title_that_looks_like_markup_as_text():
    assert _intake(title="<!--<script>x") == (
        True, "The answers make a valid initiative record: `content/initiatives/script-x.md`.\n")


# --------------------------------------------------------------------------- contributed Markdown

REL = 'rel="ugc nofollow noopener"'


@pytest.mark.parametrize("text, expected", [
    ('<h2 id="main" class="visually-hidden">x</h2>', '<h2 id="md-main">x</h2>'),
    ('A <a href="https://x.example" class="skip-link" id="x">link</a>.',
     f'<p>A <a href="https://x.example" id="md-x" {REL}>link</a>.</p>'),
    ('## Main\n\n<h2 id="main">x</h2>', '<h2 id="md-main">Main</h2>\n<h2 id="md-main_1">x</h2>'),
    ("[a](//evil.example/p)", f'<p><a href="https://evil.example/p" {REL}>a</a></p>'),
    ('<a href="/\\evil.example">e</a>', f'<p><a href="https://evil.example" {REL}>e</a></p>'),
    ('<a href=" //evil.example">e</a>', f'<p><a href="https://evil.example" {REL}>e</a></p>'),
    ("[a](http:evil.example)", f'<p><a href="http:evil.example" {REL}>a</a></p>'),
    ('<a href="HTTPS://X.example/a?b=1&c=2">e</a>', f'<p><a href="HTTPS://X.example/a?b=1&amp;c=2" {REL}>e</a></p>'),
    ('<a rel="opener" target="_blank" href="https://x.example">e</a>', f'<p><a href="https://x.example" {REL}>e</a></p>'),
    ("[a](../../needs/x/index.html)", '<p><a href="../../needs/x/index.html">a</a></p>'),
    ("[a](#background)", '<p><a href="#md-background">a</a></p>'),
    ('<div class="footnote skip-link">x</div>', '<div class="footnote">x</div>'),
    ('<a href="javascript:alert(1)">x</a>', "<p><a>x</a></p>"),
    ("<script>alert(1)</script>", ""),
    ('<p onclick="x()" style="position:fixed">t</p>', "<p>t</p>"),
    ("Text[^1].\n\n[^1]: Note.",
     '<p>Text<sup id="md-fnref:1"><a class="footnote-ref" href="#md-fn:1">1</a></sup>.</p>\n<div class="footnote">\n'
     '<hr>\n<ol>\n<li id="md-fn:1">\n<p>Note.&nbsp;<a class="footnote-backref" href="#md-fnref:1" '
     'title="Back to reference 1">↩</a></p>\n</li>\n</ol>\n</div>'),
])
def test_contributed_markdown_keeps_to_its_own_ids_classes_and_links(text, expected):
    assert MarkdownRenderer(None)._convert(text, "") == expected


def test_bodies_on_one_page_keep_their_ids_apart():
    assert MarkdownRenderer(None)._convert("## Title\n\n[up](#title)", "coffee-gi") == (
        '<h2 id="md-coffee-gi-title">Title</h2>\n<p><a href="#md-coffee-gi-title">up</a></p>')


# --------------------------------------------------------------------------- in Chromium

import functools  # noqa: E402
import http.server  # noqa: E402
import threading  # noqa: E402

from conftest import _QuietHandler, write_project  # noqa: E402
from portal.i18n import UN_LANGUAGES  # noqa: E402
from portal.render import CONTENT_SECURITY_POLICY  # noqa: E402

# Every violation of the page's policy, as the page sees it (added before any of the page's scripts).
LISTEN = ("window.__csp = []; document.addEventListener('securitypolicyviolation', function (e) {"
          " window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '')"
          " + ':' + e.lineNumber); });")
SAMPLE = ("index.html", "activities/index.html", "countries/ken/index.html", "regions/africa/index.html",
          "data/index.html", "contribute/index.html", "about/index.html", "404.html")


class Violations:
    """CSP violations on a page: its own securitypolicyviolation events and the console's reports."""

    def __init__(self, page):
        self.page, self.seen = page, []
        page.add_init_script(LISTEN)
        page.on("console", lambda m: self.seen.append(m.text) if "Content Security Policy" in m.text else None)

    def collect(self, where: str) -> None:
        self.seen += [f"{where}: {v}" for v in self.page.evaluate("window.__csp || []")]


def _search(page, base: str, query: str) -> None:
    """Search as a reader does, and wait until the status line (in the page's language) names the query."""
    from test_search import wait_for_status

    page.goto(base + "search/index.html?q=" + query)
    wait_for_status(page, query)


def _serve(folder):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_no_page_breaks_its_content_security_policy(browser, site, site_root_url, scheme):
    from test_browser import representative_pages

    root = site_root_url if scheme == "http" else site.as_uri() + "/"
    page = browser.new_page()
    csp = Violations(page)
    visited = 0
    for lang in UN_LANGUAGES:
        pages = representative_pages(site / lang) if lang == "en" else [
            *SAMPLE, *[p for p in representative_pages(site / lang) if p.count("/") == 2 and "-" in p][:3]]
        for rel in pages:
            page.goto(f"{root}{lang}/{rel}")
            assert page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content") == \
                CONTENT_SECURITY_POLICY
            csp.collect(f"{lang}/{rel}")
            visited += 1
        # Pagefind over HTTP, the script-loaded index from disk; Kenya as each language writes it
        _search(page, f"{root}{lang}/", KENYA[lang])
        assert page.locator("#search-results li").count() > 0, lang
        csp.collect(f"{lang}/search")
    page.goto(root + "index.html")  # the language chooser and its script
    page.wait_for_url("**/en/index.html")
    csp.collect("index.html")
    page.close()
    assert visited > 60
    assert csp.seen == []


KENYA = {"en": "Kenya", "fr": "Kenya", "es": "Kenia", "ru": "Кения", "ar": "كينيا", "zh": "肯尼亚"}

HOSTILE_TITLE = "<!--<script>x"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The samples, with an initiative (which carries JSON-LD) whose title opens a comment and a script."""
    from portal.pipeline import build

    root = tmp_path_factory.mktemp("hostile")
    files = {**ALL, I: INITIATIVE.replace("title: Patent examination twinning", f"title: {HOSTILE_TITLE}")}
    result = build(write_project(root, files))
    assert result.ok, [p.headline() for p in result.report.sorted()]
    httpd = _serve(root)
    yield root / "site", f"http://127.0.0.1:{httpd.server_port}/site/"
    httpd.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_a_title_that_opens_a_script_shows_as_text_in_every_language(browser, hostile_site, scheme):
    from test_search import result_titles

    site, url = hostile_site
    root = url if scheme == "http" else site.as_uri() + "/"
    page = browser.new_page()
    csp = Violations(page)
    for lang in UN_LANGUAGES:
        page.goto(f"{root}{lang}/initiatives/examination-twinning/index.html")
        assert page.locator("h1").inner_text() == HOSTILE_TITLE, lang
        assert page.locator("footer.site-footer").count() == 1, lang  # the page went on after the title
        data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
        assert data["name"] == HOSTILE_TITLE
        _search(page, f"{root}{lang}/", "script")
        assert HOSTILE_TITLE in result_titles(page), lang
        csp.collect(lang)
    page.close()
    assert csp.seen == []


# --------------------------------------------------------------------------- serve

import http.client  # noqa: E402


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`serve`'s handler on a folder with a page, a folder with an index and one without."""
    from portal.serve import Status, _Handler

    folder = tmp_path_factory.mktemp("served")
    (folder / "index.html").write_text("home", encoding="utf-8")
    (folder / "with").mkdir()
    (folder / "with" / "index.html").write_text("inside", encoding="utf-8")
    (folder / "without").mkdir()
    (folder / "without" / "secret.txt").write_text("x", encoding="utf-8")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
        type("Handler", (_Handler,), {"status": Status(str(folder))}), directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_port
    httpd.shutdown()


def _get(port: int, path: str, host: str | None, method: str = "GET") -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.putrequest(method, path, skip_host=True)
    if host is not None:
        connection.putheader("Host", host.replace("PORT", str(port)))
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body


@pytest.mark.parametrize("host, status", [
    ("127.0.0.1:PORT", 200), ("localhost:PORT", 200), ("[::1]:PORT", 200), ("LocalHost:PORT", 200),
    ("evil.example", 421), ("evil.example:PORT", 421), ("127.0.0.1.evil.example:PORT", 421),
    ("localhost:1", 421), ("localhost", 421), ("", 421), (None, 421),
])
def test_serve_answers_only_for_loopback_names(served, host, status):
    assert _get(served, "/index.html", host)[0] == status
    assert _get(served, "/__build", host)[0] == (200 if status == 200 else 421)
    assert _get(served, "/index.html", host, "HEAD")[0] == status


def test_serve_lists_no_folder(served):
    status, body = _get(served, "/with/", "127.0.0.1:PORT")
    assert status == 200 and body.endswith("inside")
    status, body = _get(served, "/without/", "127.0.0.1:PORT")
    assert status == 404 and "secret.txt" not in body


# --------------------------------------------------------------------------- damaged caches, interrupted builds

from portal import publish  # noqa: E402
from portal.markup import MarkdownCache  # noqa: E402
from portal.printing import read_cached_pdf  # noqa: E402

STATE_WARNING = "warning: .cache/site-state.json cannot be used ({}); it is removed and the site is built in full\n"


@pytest.mark.parametrize("content, why", [
    (b"[]", "it is not a record of a build"),
    (b"null", "it is not a record of a build"),
    (b'"x"', "it is not a record of a build"),
    (b"{}", "it is not a record of a build"),
    (b'{"files": {}, "result": []}', "it is not a record of a build"),
    (b'{"files": {}, "result": {"pages": 1, "figures": {}, "search": {}, "problems": []}}', "it is not a record of a build"),
    (b'{"inputs": "x", "files": {}', "Expecting ',' delimiter: line 1 column 28 (char 27)"),
    (b"\xff\xfe", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
])
def test_an_unusable_site_state_is_removed_with_a_warning(tmp_path, capsys, content, why):
    project = Project(tmp_path)
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "site-state.json").write_bytes(content)
    assert uptodate.load(project, tmp_path / "site", "digest") is None
    assert capsys.readouterr().err == STATE_WARNING.format(why)
    assert not (tmp_path / ".cache" / "site-state.json").exists()


@pytest.mark.parametrize("content", [b"not a database at all" * 100, b"SQLite format 3\x00" + b"\x00" * 200])
def test_a_damaged_markdown_cache_is_made_again_with_a_warning(tmp_path, capsys, content):
    path = tmp_path / ".cache" / "markdown.sqlite3"
    path.parent.mkdir()
    path.write_bytes(content)
    cache = MarkdownCache(path)
    assert capsys.readouterr().err.startswith("warning: .cache/markdown.sqlite3 is damaged (")
    cache.put("k", "<p>x</p>")
    cache.close()
    assert MarkdownCache(path).get("k") == "<p>x</p>"
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("content", [b"%PDF-1.7\n1 0 obj", b"", b"<html>", b"%%EOF"])
def test_a_damaged_cached_pdf_is_printed_again_with_a_warning(tmp_path, capsys, content):
    path = tmp_path / "pdf" / "abc.pdf"
    path.parent.mkdir()
    path.write_bytes(content)
    assert read_cached_pdf(path) is None
    assert capsys.readouterr().err == (
        "warning: the cached PDF pdf/abc.pdf cannot be used (it is not a whole PDF); it is removed and printed again\n")
    assert not path.exists()
    publish.write_atomically(path, b"%PDF-1.7\n...\n%%EOF\n")
    assert read_cached_pdf(path) == b"%PDF-1.7\n...\n%%EOF\n"
    assert os.listdir(path.parent) == ["abc.pdf"]  # no temporary file left


def test_stale_staging_folders_go_and_a_running_builds_stay(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    dead = tmp_path / ".site-staging-999999999-abcdefgh"  # no such process
    old_format = tmp_path / ".site-staging-abcdefgh"
    running = tmp_path / f".site-staging-{os.getppid()}-abcdefgh"  # this test's parent is running
    for folder in (dead, old_format, running):
        (folder / "en").mkdir(parents=True)
    publish.tidy(site)
    assert sorted(p.name for p in tmp_path.iterdir()) == [running.name, "site"]


def test_a_swap_interrupted_between_its_renames_is_undone(tmp_path):
    site = tmp_path / "site"
    aside = tmp_path / ".site-old-999999999-abcdefgh" / "site"
    aside.mkdir(parents=True)
    (aside / "index.html").write_text("previous", encoding="utf-8")
    publish.tidy(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_the_swap_leaves_the_new_site_and_the_old_one_as_the_next_staging_folder(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / "gone.html").write_text("gone", encoding="utf-8")
    (site / "en").mkdir()
    (site / "en" / "same.html").write_text("same", encoding="utf-8")
    with publish.staging(site) as output:
        output.write("index.html", "new")
        output.write("en/same.html", "same")
        output.write("en/new.html", "new")
        output.remove_stale()
        publish.swap_into_place(output.root, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-spare-site", "site"]
    assert oct(site.stat().st_mode & 0o777) == "0o755"
    spare = tmp_path / ".site-spare-site"
    assert (spare / "index.html").read_text(encoding="utf-8") == "old"  # the site before, as it was

    # The next build starts from the spare: made the same as site/ (the changed file linked again,
    # the new one added, the one gone removed), every file a link to site/'s, and no spare left.
    (spare / "stray").mkdir()  # whatever else it holds goes too
    (spare / "en" / "same.html").unlink()
    (spare / "en" / "same.html").mkdir()  # a folder where site/ has a file
    with publish.staging(site) as output:
        assert not spare.exists()
        staged = {p.relative_to(output.root).as_posix(): p.stat().st_ino for p in output.root.rglob("*")}
        live = {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.rglob("*")}
        assert {k: v for k, v in staged.items() if (site / k).is_file()} == {
            k: v for k, v in live.items() if (site / k).is_file()}
        assert sorted(staged) == sorted(live) == ["en", "en/new.html", "en/same.html", "index.html"]
        publish.swap_into_place(output.root, site)
    assert spare.is_dir() and (site / "index.html").read_text(encoding="utf-8") == "new"

    # site/ deleted: the spare would hold an old site's only copy, and goes.
    shutil.rmtree(site)
    publish.tidy(site)
    assert list(tmp_path.iterdir()) == []


def test_a_build_rebuilds_every_damaged_cache(make_project, capfd):
    from portal.pipeline import build

    project = make_project(ALL)
    assert build(project).ok
    cache = project.cache_dir
    (cache / "site-state.json").write_text("null", encoding="utf-8")
    (cache / "markdown.sqlite3").write_bytes(b"garbage" * 100)
    for pdf in (cache / "pdf").glob("*.pdf"):
        pdf.write_bytes(pdf.read_bytes()[:100])
    (project.root / ".site-staging-999999999-abcdefgh").mkdir()
    capfd.readouterr()
    assert build(project).ok
    err = capfd.readouterr().err
    assert "warning: .cache/site-state.json cannot be used (it is not a record of a build)" in err
    assert "warning: .cache/markdown.sqlite3 is damaged (file is not a database)" in err
    assert "warning: the cached PDF pdf/" in err
    assert not (project.root / ".site-staging-999999999-abcdefgh").exists()
    assert build(project).up_to_date  # and the records it wrote are good


@pytest.mark.parametrize("stem, expected", [
    ("patent\u200bworkshop", "the file name 'patent<U+200B>workshop' contains the invisible character U+200B (ZERO WIDTH SPACE) at column 7"),
    ("patent-workshop\u202e", "the file name 'patent-workshop<U+202E>' contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) at column 16"),
    ("patent\x1bworkshop", "the file name 'patent<U+001B>workshop' contains the control character U+001B at column 7"),
])
def test_a_file_name_with_a_hidden_character_says_which(make_project, stem, expected):
    from portal.problems import shown

    assert headlines(make_project, f"content/activities/{stem}.yml", ACTIVITY) == [
        f"content/activities/{shown(stem)}.yml:1:1: error[file-name]: {expected}"]


def _git(root, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, capture_output=True)


@pytest.mark.slow
def titles(checked) -> set:
    return {getattr(r, "title", None) for records in checked.catalog.records.values() for r in records}


def test_a_cache_committed_to_the_repository_is_refused_before_it_is_read(tmp_path):
    """The build takes its cache as its own work, unchecked: converted Markdown goes into the pages as
    it is. A cache that came with a pull request (git tracks it; .gitignore does not stop `git add -f`)
    is refused by name, and nothing is published. The same cache, made here and not committed, is used:
    the case below shows that the poisoned entries would have reached the pages."""
    from portal.pipeline import build, check

    marker = "<script>poisoned()</script>"
    project = write_project(tmp_path / "project", {**ALL, "site.toml": '[site]\ntitle = "Portal"\nlanguages = ["en"]\n'})
    assert build(project).ok
    db = sqlite3.connect(project.cache_dir / "markdown.sqlite3")
    with db:
        db.execute("UPDATE html SET html = ?", (f"<p>{marker}</p>",))
    db.close()
    shutil.rmtree(project.site_dir)
    (project.cache_dir / "site-state.json").unlink()
    (project.cache_dir / "rendered-pages.json").unlink()

    _git(project.root, "init", "-q")
    _git(project.root, "add", "content", "site.toml")
    _git(project.root, "commit", "-q", "-m", "records")
    assert check(project).report.errors == []  # in a work tree, an untracked cache is the builder's own
    untracked = build(project, site_dir=tmp_path / "untracked")
    assert untracked.ok
    assert any(marker in p.read_text(encoding="utf-8") for p in (tmp_path / "untracked").rglob("*.html"))

    # The parsed records too: their data is taken as the files' (portal/load.py, ParsedCache).
    parsed = project.cache_dir / "parsed-records.kept"
    head, *entries = parsed.read_text(encoding="utf-8").splitlines()
    poisoned = [head]
    for key, value in (line.split("\t") for line in entries):
        data = json.loads(value)
        if "title" in data:
            data["title"] = "Poisoned title"
        poisoned.append(f"{key}\t{json.dumps(data)}")
    parsed.write_text("\n".join(poisoned) + "\n", encoding="utf-8")
    assert "Poisoned title" in titles(check(project, use_cache=True))

    _git(project.root, "add", "-f", ".cache")
    others = len([p for p in project.cache_dir.rglob("*") if p.is_file()]) - 1
    assert others > 1
    refused = build(project)
    assert [p.headline() for p in refused.report.errors] == [
        ".cache/markdown.sqlite3:1:1: error[committed-cache]: the build's cache is committed to the repository "
        f"('.cache/markdown.sqlite3' and {others} more files); the build would publish what it holds without checking it"]
    assert refused.report.errors[0].hint.startswith("Remove it from the repository with 'git rm -r --cached .cache'")
    assert not refused.ok and not project.site_dir.exists()
    assert check(project).report.failed()  # `validate`, as CI runs it first, says so too
    assert "Poisoned title" not in titles(check(project, use_cache=True))  # nor does it read the committed records

    _git(project.root, "rm", "-r", "-q", "--cached", ".cache")
    assert check(project).report.errors == []
