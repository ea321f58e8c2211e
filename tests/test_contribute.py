"""The contribute route: the page's form asks every field with pickers from the reference data,
checks required answers in the browser, and writes the same file as the other routes, which the
validator accepts; the prefilled GitHub link is right, and withheld when it would be too long.
Also: CONTRIBUTING.md, whose field reference is generated."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from conftest import write_project
from portal.contribute import (QUESTIONS, UNASKED, URL_LIMIT, ContributeView, contribute_view, field_paths,
                               repository_links)
from portal.config import SiteConfig
from portal.pipeline import build, check
from portal.kinds import INITIATIVE, KINDS
from portal.scaffold import filled, header_lines, template
from portal.schemas import SECTION_END, SECTION_START, render_sections, splice, stale_files
from samples import ALL
from site_helpers import ROOT

REPOSITORY = "https://github.com/example-org/ip-portal"

# --------------------------------------------------------------------------- without a browser


def test_every_field_of_the_format_has_a_question():
    assert list(QUESTIONS) == [path for path, _ in field_paths()]


def test_pickers_come_from_the_reference_data(reference):
    view = contribute_view(reference, SiteConfig())
    assert isinstance(view, ContributeView)
    assert [c.value for c in view.topics] == list(reference.vocabulary("topics").terms)
    assert [c.value for c in view.organization_types] == list(reference.vocabulary("organization-types").terms)
    assert [c.value for c in view.roles] == list(reference.vocabulary("partner-roles").terms)
    assert [c.value for c in view.kinds] == ["south-south", "triangular"]
    assert [c.value for c in view.statuses] == list(reference.vocabulary("initiative-statuses").terms)
    assert sorted(c.value for c in view.countries) == sorted(reference.countries)
    assert next(c.label for c in view.countries if c.value == "KEN") == "Kenya (KEN)"
    assert [f.name for f in view.layout] == [f for f in INITIATIVE.format.fields if f not in UNASKED]
    assert view.github.new_file == ""


@pytest.mark.parametrize("setting", [REPOSITORY, REPOSITORY + "/", REPOSITORY + ".git"])
def test_repository_links(setting):
    links = repository_links(setting)
    assert links.new_file == REPOSITORY + "/new/main/content/initiatives"
    assert links.issue_form == REPOSITORY + "/issues/new?template=initiative.yml"
    assert links.upload == REPOSITORY + "/upload/main/content/initiatives"


@pytest.mark.parametrize("setting", ["", "github.com/example-org/ip-portal", "https://github.com/"])
def test_no_repository_links_without_a_repository_address(setting):
    assert repository_links(setting).new_file == ""


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_a_filled_record_has_the_layout_of_a_new_one(kind):
    """The same header and the same comment above every field as `build.py new` writes."""
    new = template(kind, "A title", dt.date(2026, 11, 29))
    made = filled(kind, {"title": "A title"})
    comments = lambda text: [line for line in text.splitlines() if line.startswith("# ")]  # noqa: E731
    assert [c for c in comments(made) if not c.endswith(":")] == [c for c in comments(new) if not c.endswith(":")]
    assert header_lines(kind)[0] in new.splitlines()[:3]


def test_contributing_guide_is_linked_and_its_field_reference_is_generated(reference):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert SECTION_START in text and SECTION_END in text
    assert splice(text, render_sections(reference)["CONTRIBUTING.md"]) == text, "run '.venv/bin/python build.py schemas'"
    assert "| Organization name | `partners[].name` | yes |" in text
    assert ".venv/bin/python build.py new initiative" in text and "validate --format github" in text
    assert "[`CONTRIBUTING.md`](CONTRIBUTING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_stale_contributing_guide_is_detected(tmp_path, reference):
    (tmp_path / "schemas").mkdir()
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    (tmp_path / "CONTRIBUTING.md").write_text(text.replace("| Organization name |", "| Name |"), encoding="utf-8")
    assert "CONTRIBUTING.md" in stale_files(tmp_path, reference)
    (tmp_path / "CONTRIBUTING.md").write_text(text, encoding="utf-8")
    assert "CONTRIBUTING.md" not in stale_files(tmp_path, reference)


# --------------------------------------------------------------------------- in the browser

TRIANGULAR = {
    "title": "Café and cocoa GI coaching: triangular",
    "kind": "Triangular cooperation",
    "status": "Ongoing",
    "summary": "Producers' groups in two countries learn to run geographical indications, with support from WIPO.",
    "start": "2023-04",
    "partners": [
        ("Colombian Superintendency of Industry and Commerce", "ip-office", "COL", "provider"),
        ("National Intellectual Property Service (SENAPI)", "ip-office", "BOL", "beneficiary"),
        ("World Intellectual Property Organization", "igo", "", "facilitator"),
    ],
    "topics": ["Geographical indications", "IP for SMEs and entrepreneurs"],
    "story": {"The partnership": "Producers meet every year.\n\n- coffee\n- cocoa",
              "Lessons": 'Start with "the producers", not the law.'},
    "link": ("Launch of the programme", "https://www.example.org/gi-coaching"),
    "contact": ("GI coaching desk", "gi-coaching@office.example"),
    "submitted": "2026-11-29",
}


def fill_form(page, answers: dict) -> None:
    """Fill the initiative form as a person would: by the labels they read."""
    page.get_by_label("Name of the partnership").fill(answers["title"])
    page.get_by_label(answers["kind"]).check()
    page.get_by_label(answers["status"], exact=True).check()
    page.get_by_label("Summary").fill(answers["summary"])
    page.get_by_label("Start date").fill(answers["start"])
    add = page.get_by_role("button", name="Add a partner")
    rows = page.locator('[data-rows="partners"] > li')
    while rows.count() < len(answers["partners"]):
        add.click()
    for row_number, (name, kind, country, role) in enumerate(answers["partners"]):
        row = rows.nth(row_number)
        row.get_by_label("Organization name").fill(name)
        row.get_by_label("Type of organization").select_option(kind)
        row.get_by_label("Country").select_option(country)
        row.get_by_label("Role").select_option(role)
    for topic in answers["topics"]:
        page.get_by_label(topic, exact=True).check()
    for heading, text in answers["story"].items():
        story_field(page, heading).fill(text)
    if answers.get("link"):
        page.get_by_role("button", name="Add a web page").click()
        row = page.locator('[data-rows="links"] > li').last
        row.get_by_label("Page title").fill(answers["link"][0])
        row.get_by_label("Page address").fill(answers["link"][1])
    if answers.get("contact"):
        page.get_by_label("Contact: team or office").fill(answers["contact"][0])
        page.get_by_label("Contact: role e-mail address").fill(answers["contact"][1])
    page.get_by_label("Date submitted").fill(answers["submitted"])
    page.get_by_label("The partners agree that this record is published as open data").check()


def story_field(page, heading: str):
    """The text box of one section of the story, labelled '<heading> (required)' or '(optional)'."""
    return page.get_by_role("textbox", name=re.compile(rf"^{re.escape(heading)} \("))


def expected_file(answers: dict) -> str:
    """What portal/scaffold.py writes for the same answers: the page's script must agree, byte for byte."""
    codes = {"Triangular cooperation": "triangular", "Ongoing": "ongoing", "Geographical indications":
             "geographical-indications", "IP for SMEs and entrepreneurs": "smes"}
    values = {
        "title": answers["title"], "kind": codes[answers["kind"]], "status": codes[answers["status"]],
        "summary": answers["summary"], "start": answers["start"],
        "partners": [{"name": n, "type": t, "country": c, "role": r} for n, t, c, r in answers["partners"]],
        "topics": [codes[t] for t in answers["topics"]],
        "links": [dict(zip(("title", "url"), answers["link"]))],
        "contact": dict(zip(("name", "email"), answers["contact"])),
        "submitted": answers["submitted"],
    }
    return filled(INITIATIVE, values, answers["story"])


def make_file(page) -> tuple[str, str]:
    page.get_by_role("button", name="Make the file").click()
    page.locator("#result").wait_for()
    return page.locator("#result-file").inner_text(), page.locator("#result-text").input_value()


@pytest.mark.browser
def test_form_writes_a_triangular_initiative_that_validates(browser, base, tmp_path):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "contribute/index.html")
    fill_form(page, TRIANGULAR)
    name, text = make_file(page)

    assert name == "cafe-and-cocoa-gi-coaching-triangular.md"
    assert text == expected_file(TRIANGULAR)
    project = write_project(tmp_path, {})
    (project.content_dir / "initiatives").mkdir(parents=True)
    (project.content_dir / "initiatives" / name).write_text(text, encoding="utf-8")
    result = check(project)
    assert [p.headline() for p in result.report.problems] == []
    record = result.catalog.get("initiatives", name.removesuffix(".md"))
    assert record.kind == "triangular" and [p.role for p in record.partners] == ["provider", "beneficiary", "facilitator"]
    assert record.partners[2].country is None

    # the shipped site.toml names no repository and no address: no GitHub link, and a sentence saying why
    assert page.locator("#propose-link").count() == 0
    assert "names neither a repository nor an address" in page.locator("#no-repository").inner_text()
    download = page.locator("#download-link")
    assert download.get_attribute("download") == name
    assert download.get_attribute("href").startswith("blob:")
    page.get_by_role("button", name="Copy the text").click()
    from playwright.sync_api import expect

    expect(page.locator("#copy-status")).not_to_have_text("")  # no eval: the page's policy refuses it
    assert errors == []
    page.close()


@pytest.mark.browser
def test_required_answers_are_checked_in_the_browser(browser, server):
    """The form's own checks (tests/test_contribute_checks.py compares them with the validator's)."""
    page = browser.new_page()
    page.goto(server + "contribute/index.html")
    assert page.locator('[data-rows="partners"] > li').count() == 2  # a partnership has two partners at least
    page.get_by_role("button", name="Make the file").click()
    assert page.locator("#result").is_hidden()
    items = page.locator("#error-summary li").all_inner_texts()
    assert "'title' still holds the placeholder 'TODO: Name of the partnership'" in items
    assert "'topics[0]' still holds the placeholder 'TODO: a code from topics'" in items
    assert "Tick the box to agree to the publication of the record under its licence." in items

    answers = dict(TRIANGULAR, topics=[])
    fill_form(page, answers)
    page.get_by_role("button", name="Make the file").click()
    assert page.locator("#result").is_hidden()
    assert page.locator("#error-summary li").all_inner_texts() == [
        "'topics[0]' still holds the placeholder 'TODO: a code from topics'"]

    # a partner other than an international organization needs its country
    page.get_by_label("Geographical indications", exact=True).check()
    page.locator('[data-rows="partners"] > li').first.get_by_label("Country").select_option("")
    page.get_by_role("button", name="Make the file").click()
    assert page.locator("#result").is_hidden()
    assert page.locator("#error-summary li").all_inner_texts() == [
        "partner 'Colombian Superintendency of Industry and Commerce' has no country",
        "a triangular initiative needs beneficiary or provider partners from at least two southern countries; it has 1"]
    page.locator('[data-rows="partners"] > li').first.get_by_label("Country").select_option("COL")
    name, _ = make_file(page)
    assert name.endswith(".md")
    assert page.locator("#error-summary").is_hidden()
    page.close()


@pytest.mark.browser
def test_partners_can_be_added_and_removed(browser, server):
    page = browser.new_page()
    page.goto(server + "contribute/index.html")
    page.get_by_role("button", name="Add a partner").click()
    rows = page.locator('[data-rows="partners"] > li')
    assert rows.count() == 3
    assert rows.nth(2).locator("legend").inner_text() == "Partner 3"
    assert page.evaluate("document.activeElement.dataset.field") == "name"
    page.get_by_role("button", name="Remove partner 2").click()
    assert [rows.nth(i).locator("legend").inner_text() for i in range(rows.count())] == ["Partner 1", "Partner 2"]
    page.close()


@pytest.mark.browser
def test_without_javascript_the_page_explains_the_other_routes(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "contribute/index.html")
    assert page.locator("#initiative-form").is_hidden()
    notice = page.locator("#form-needs-script")
    assert notice.is_visible() and "GitHub issue form" in notice.inner_text()
    assert page.get_by_role("heading", name="Writing the file yourself").is_visible()
    assert ".venv/bin/python build.py new initiative" in page.locator("main").inner_text()
    context.close()


@pytest.fixture(scope="module")
def site_with_repository(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("with-repository")
    project = write_project(root, dict(ALL, **{"site.toml": f'[site]\nrepository = "{REPOSITORY}"\n'}))
    result = build(project)
    assert result.ok, [p.headline() for p in result.report.sorted()]
    return result.output


@pytest.mark.browser
def test_github_link_carries_the_file_and_is_withheld_when_too_long(browser, site_with_repository):
    page = browser.new_page()
    page.goto(site_with_repository.as_uri() + "/en/contribute/index.html")
    assert page.get_by_role("link", name="Answer the same questions in a GitHub issue").get_attribute("href") == \
        REPOSITORY + "/issues/new?template=initiative.yml"
    fill_form(page, TRIANGULAR)
    name, text = make_file(page)

    link = page.get_by_role("link", name="Propose it on GitHub")
    assert link.is_visible()
    href = link.get_attribute("href")
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/example-org/ip-portal/new/main/content/initiatives")
    query = parse_qs(parts.query, strict_parsing=True)
    assert query == {"filename": [name], "value": [text]}
    assert len(href) <= URL_LIMIT
    assert page.locator("#too-long").is_hidden()

    # a long story: the text no longer fits a link GitHub accepts
    long_story = "Wide-ranging cooperation between the offices, year after year. " * 120
    story_field(page, "Results").fill(long_story)
    _, text = make_file(page)
    assert len(text) < 4 * URL_LIMIT  # a record that is fine, only too long for a link
    assert len(REPOSITORY + quote(text, safe="-_.!~*'()")) > URL_LIMIT
    assert page.locator("#propose").is_hidden()
    too_long = page.locator("#too-long")
    assert too_long.is_visible() and "too long to hand to GitHub in a link" in too_long.inner_text()
    assert too_long.get_by_role("link", name="upload files").get_attribute("href") == \
        REPOSITORY + "/upload/main/content/initiatives"
    assert page.locator("#download-link").is_visible()
    page.close()
