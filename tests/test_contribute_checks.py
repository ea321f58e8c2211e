"""The contribute form checks what the validator checks, with the validator's words: for each class
of mistake the error summary at the top of the form says exactly what `validate` says of the file
the same answers make (in the page's language), every problem at once, as the contributor types and
again on submit. Also: ids from titles in any script agree with `build.py new`; the preview; the
routes a site without a repository offers; the warning of a build with no route; the licence."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import write_project
from portal import messages as M
from portal.i18n import load_language, using
from portal.ids import suggest_id
from portal.kinds import INITIATIVE
from portal.pipeline import build, check
from portal.scaffold import filled
from samples import ALL
from site_helpers import ROOT

EMAIL = "contributions@office.example"

# A valid South-South initiative, as the form's answers (codes) and as the file's values.
VALID = {
    "title": "Patent examination twinning",
    "kind": "south-south",
    "status": "ongoing",
    "summary": "Two offices exchange examiners every year.",
    "start": "2021-03",
    "partners": [("National Institute of Industrial Property", "ip-office", "BRA", "provider"),
                 ("Mozambique Industrial Property Institute", "ip-office", "MOZ", "beneficiary")],
    "topics": ["patents"],
    "story": {"The partnership": "The two offices exchange examiners."},
    "submitted": "2026-11-29",
}

MISTAKES = {
    "missing field": dict(VALID, summary=""),
    "unknown vocabulary value": dict(VALID, status="active"),
    "impossible date": dict(VALID, start="2025-13-45"),
    "end before start": dict(VALID, end="2020-05"),
    "developed-country partner": dict(VALID, partners=[VALID["partners"][0], ("Japan Patent Office", "ip-office",
                                                                              "JPN", "beneficiary")]),
    "single country": dict(VALID, partners=[VALID["partners"][0], ("Federal University of Rio de Janeiro",
                                                                   "university", "BRA", "beneficiary")]),
    "all at once": dict(VALID, summary="", status="active", end="2020-05", reviewed="2025-13-45",
                        partners=[VALID["partners"][0], ("Japan Patent Office", "ip-office", "JPN", "beneficiary")]),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("contribute-checks")
    project = write_project(root, dict(ALL, **{"site.toml": f'[site]\nlanguages = ["en", "fr"]\n'
                                                            f'contributions_email = "{EMAIL}"\n'}))
    result = build(project)
    assert result.ok, [p.headline() for p in result.report.sorted()]
    return result.output


def file_of(answers: dict) -> str:
    """The file portal/scaffold.py writes for these answers: what the form writes, and validate reads."""
    values = {k: answers.get(k, "") for k in ("title", "kind", "status", "summary", "start", "end", "submitted",
                                               "reviewed")}
    values["partners"] = [{"name": n, "type": t, "country": c, "role": r} for n, t, c, r in answers["partners"]]
    values["topics"] = answers["topics"]
    return filled(INITIATIVE, values, answers["story"])


def validator_messages(answers: dict, tmp_path: Path) -> list[str]:
    project = write_project(tmp_path, {"content/initiatives/twinning.md": file_of(answers)})
    return sorted(p.message for p in check(project).report.problems if p.severity == "error")


def fill(page, answers: dict) -> None:
    """Fill the form; a value no control offers (an unknown code) is written into the control, as a
    tampered page or an old browser could."""
    page.locator("#q-title").fill(answers["title"])
    for name in ("kind", "status"):
        radio = page.locator(f'input[name="{name}"][value="{answers[name]}"]')
        if radio.count() == 0:
            radio = page.locator(f'input[name="{name}"]').first
            radio.evaluate("(e, v) => { e.value = v; }", answers[name])
        radio.check()
    page.locator("#q-summary").fill(answers["summary"])
    page.locator("#q-start").fill(answers["start"])
    page.locator("#q-end").fill(answers.get("end", ""))
    rows = page.locator('[data-rows="partners"] > li')
    for i, (name, kind, country, role) in enumerate(answers["partners"]):
        row = rows.nth(i)
        row.locator('[data-field="name"]').fill(name)
        row.locator('[data-field="type"]').select_option(kind)
        row.locator('[data-field="country"]').select_option(country)
        row.locator('[data-field="role"]').select_option(role)
    for topic in answers["topics"]:
        page.locator(f'input[name="topics"][value="{topic}"]').check()
    page.locator("#q-body-1").fill(answers["story"]["The partnership"])
    page.locator("#q-submitted").fill(answers["submitted"])
    page.locator("#q-reviewed").fill(answers.get("reviewed", ""))
    page.locator("#q-consent").check()


def summary_of(page) -> list[str]:
    page.get_by_role("button", name="Make the file").click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    return sorted(summary.locator("li").all_inner_texts())


@pytest.mark.browser
@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_the_error_summary_says_what_validate_says(mistake, browser, built, tmp_path):
    answers = MISTAKES[mistake]
    expected = validator_messages(answers, tmp_path)
    assert expected, "the mistake must be one the validator finds"
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(built.as_uri() + "/en/contribute/index.html")
    fill(page, answers)
    assert summary_of(page) == expected
    assert page.locator("#result").is_hidden()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    # every item links to its field, which is marked invalid with the message beside it
    for link in page.locator("#error-summary li a").all():
        target = page.locator(link.get_attribute("href"))
        assert target.count() == 1 and target.get_attribute("aria-invalid") == "true"
    link = page.locator("#error-summary li a").first
    link.click()
    assert page.evaluate("document.activeElement.id") == link.get_attribute("href")[1:]
    assert errors == []
    page.close()


@pytest.mark.browser
def test_a_correct_form_makes_a_file_that_validates_unchanged(browser, built, tmp_path):
    page = browser.new_page()
    page.goto(built.as_uri() + "/en/contribute/index.html")
    fill(page, VALID)
    page.get_by_role("button", name="Make the file").click()
    page.locator("#result").wait_for()  # the file is named once the transliteration table is there
    assert page.locator("#error-summary").is_hidden()
    text = page.locator("#result-text").input_value()
    assert text == file_of(VALID)
    assert validator_messages(VALID, tmp_path) == []
    # the site names an address: the file goes by e-mail, with its text when it fits a link
    mail = page.locator("#email-link")
    assert mail.get_attribute("href").startswith(f"mailto:{EMAIL}?subject=patent-examination-twinning.md&body=")
    assert page.locator("#no-repository").count() == 0 and page.locator("#no-route").count() == 0
    page.close()


@pytest.mark.browser
def test_fields_are_checked_as_the_contributor_types(browser, built):
    page = browser.new_page()
    page.goto(built.as_uri() + "/en/contribute/index.html")
    start = page.locator("#q-start")
    start.fill("2025-13-45")
    start.blur()
    beside = page.locator(".question:has(#q-start) .field-error")
    assert beside.inner_text() == M.say(M.DATE, text="2025-13-45")
    assert start.get_attribute("aria-invalid") == "true"
    start.fill("2025-12-15")
    assert page.locator(".question:has(#q-start) .field-error").count() == 0
    assert page.locator("#error-summary").is_hidden()  # the summary waits for the first submit
    page.close()


@pytest.mark.browser
def test_the_summary_is_in_the_pages_language(browser, built, tmp_path):
    answers = MISTAKES["developed-country partner"]
    page = browser.new_page()
    page.goto(built.as_uri() + "/fr/contribute/index.html")
    fill(page, answers)
    page.get_by_role("button", name="Créer le fichier").click()
    shown = page.locator("#error-summary li").all_inner_texts()
    french = load_language("fr", ROOT / "data" / "locale")
    with using(french):
        from portal.i18n import _
        country = _(M.COUNTRY_ON_DAY) % {"iso3": "JPN", "name": french.country("JP", "Japan"),
                                         "status": _(M.STATUS_LABELS["developed"]), "day": "2021-03-01"}
        expected = _(M.SOUTH_SOUTH_PARTNER) % {"name": "Japan Patent Office", "country": country}
    assert expected != M.say(M.SOUTH_SOUTH_PARTNER, name="Japan Patent Office", country=country)  # translated
    assert shown == [expected]
    page.close()


TITLES = ["شراكة الملكية الفكرية بين مصر والمغرب", "中国与非洲知识产权合作", "Партнёрство по патентной экспертизе",
          "L'Égypte et le Maroc: 1,000 brevets", "Cooperación Sur-Sur en propiedad intelectual " * 3]


@pytest.mark.browser
def test_the_form_names_the_file_as_new_does(browser, built):
    page = browser.new_page()
    page.goto(built.as_uri() + "/en/contribute/index.html")
    fill(page, VALID)
    names = []
    for title in TITLES:
        page.locator("#q-title").fill(title)
        page.get_by_role("button", name="Make the file").click()
        expect(page.locator("#result-file")).to_have_text(suggest_id(title) + ".md")
        names.append(page.locator("#result-file").inner_text())
    assert len(set(names)) == len(TITLES) and all(name.isascii() for name in names)
    page.close()


@pytest.mark.browser
def test_the_preview_shows_the_initiative(browser, built):
    page = browser.new_page()
    page.goto(built.as_uri() + "/en/contribute/index.html")
    fill(page, VALID)
    page.get_by_role("button", name="Preview the page").click()
    preview = page.locator("#preview")
    assert preview.is_visible()
    text = preview.inner_text()
    for shown in ("Patent examination twinning", "South-South cooperation", "Ongoing", VALID["summary"],
                  "2021-03", "Pivotal partner (provider)", "National Institute of Industrial Property",
                  "Beneficiary partner", "Patents", "The two offices exchange examiners."):
        assert shown in text
    page.close()


# --------------------------------------------------------------------------- routes and licence


def test_a_build_with_no_route_warns_and_one_with_a_route_does_not(tmp_path):
    project = write_project(tmp_path / "none", dict(ALL, **{"site.toml": '[site]\nlanguages = ["en"]\nrepository = ""\n'}))
    result = build(project)
    warnings = [p for p in result.report.problems if p.path == "site.toml"]
    assert [(p.line, p.severity, p.code) for p in warnings] == [(3, "warning", "config")]
    assert "no route for contributions" in warnings[0].message and "contributions_email" in warnings[0].hint
    page = (result.output / "en" / "contribute" / "index.html").read_text(encoding="utf-8")
    assert 'id="no-route"' in page and "Answer the same questions in a GitHub issue" not in page
    for setting in ('repository = "https://github.com/example-org/ip-portal"', f'contributions_email = "{EMAIL}"'):
        project = write_project(tmp_path / setting[:5], dict(ALL, **{"site.toml": f'[site]\nlanguages = ["en"]\n{setting}\n'}))
        assert not [p for p in build(project).report.problems if p.path == "site.toml"]


def test_the_open_data_page_and_every_download_name_the_licence(built):
    page = (built / "en" / "data" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>' in page
    licence = (built / "data" / "LICENSE.txt").read_text(encoding="utf-8")
    assert "CC BY 4.0" in licence and "https://creativecommons.org/licenses/by/4.0/" in licence
    with zipfile.ZipFile(built / "data" / "all-data.zip") as archive:
        assert archive.read("LICENSE.txt").decode("utf-8") == licence
        for name in archive.namelist():
            if name.endswith(".json") and "/" not in name:
                assert json.loads(archive.read(name))["license"] == {
                    "name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    contribute = (built / "en" / "contribute" / "index.html").read_text(encoding="utf-8")
    assert 'id="q-consent"' in contribute and "CC BY 4.0" in contribute


def test_the_licence_is_a_setting(tmp_path):
    project = write_project(tmp_path, dict(ALL, **{"site.toml": '[site]\nlanguages = ["en"]\nrepository = "https://github.com/o/p"\n'
                                                                'data_licence = "ODbL 1.0"\ndata_licence_url = ""\n'}))
    out = build(project).output
    assert "ODbL 1.0" in (out / "data" / "LICENSE.txt").read_text(encoding="utf-8")
    assert json.loads((out / "data" / "initiatives.json").read_text(encoding="utf-8"))["license"] == {"name": "ODbL 1.0"}
    assert "ODbL 1.0 licence" in (out / "en" / "data" / "index.html").read_text(encoding="utf-8")


def test_the_code_has_a_licence():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
