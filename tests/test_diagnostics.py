"""Diagnostics: every problem code has an invalid fixture, and each reports exactly one problem
with the exact text, file, line and column a contributor will see."""

import pytest

from diagnostic_cases import CASES, files_for
from portal.pipeline import check
from portal.problems import CODES

EXPECTED = {
    'match-party': (
        'content/matches/gi-coaching.yml:1:1: error[match-party]: the match names neither an offer nor a consultant'
    ),
    'expired': (
        'content/needs/gi-registry.yml:8:10: warning[expired]: this open need expired on 2020-01-31; it is shown '
        'as expired and left out of suggested matches'
    ),
    'config': (
        "site.toml:3:1: error[config]: unknown setting 'page_sise'"
    ),
    'file-name': (
        "content/activities/Patent_Workshop.yml:1:1: error[file-name]: the file name 'Patent_Workshop' is not a valid record id"
    ),
    'file-type': (
        "content/activities/patent-workshop.yaml:1:1: error[file-type]: 'patent-workshop.yaml' is not a .yml file; activities are .yml files"
    ),
    'file-too-large': (
        'content/activities/patent-workshop.yml:1:1: error[file-too-large]: the file is 293 KiB; the limit is 256 KiB'
    ),
    'encoding': (
        'content/activities/patent-workshop.yml:16:18: error[encoding]: the file is not valid UTF-8 text'
    ),
    'front-matter': (
        "content/initiatives/examination-twinning.md:1:1: error[front-matter]: the file does not start with a front matter block between two '---' lines"
    ),
    'yaml-syntax': (
        "content/activities/patent-workshop.yml:5:7: error[yaml-syntax]: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence)"
    ),
    'yaml-duplicate-key': (
        "content/activities/patent-workshop.yml:16:1: error[yaml-duplicate-key]: field 'type' appears twice in the same mapping (first on line 3)"
    ),
    'yaml-alias': (
        "content/activities/patent-workshop.yml:9:8: error[yaml-alias]: YAML anchor '&h' is not accepted"
    ),
    'yaml-tag': (
        "content/activities/patent-workshop.yml:6:8: error[yaml-tag]: explicit YAML tag '!!timestamp' is not accepted"
    ),
    'yaml-complex-key': (
        'content/activities/patent-workshop.yml:16:3: error[yaml-complex-key]: a mapping key is a list or mapping, not a field name'
    ),
    'yaml-too-deep': (
        'content/activities/patent-workshop.yml:16:35: error[yaml-too-deep]: the YAML is nested more than 24 levels deep'
    ),
    'yaml-multiple-documents': (
        "content/activities/patent-workshop.yml:16:1: error[yaml-multiple-documents]: the file holds more than one YAML document (a second '---' line)"
    ),
    'not-a-mapping': (
        "content/activities/patent-workshop.yml:1:1: error[not-a-mapping]: the record is not a set of 'field: value' lines"
    ),
    'required': (
        "content/activities/patent-workshop.yml:1:1: error[required]: required field 'mode' is missing"
    ),
    'unknown-field': (
        "content/activities/patent-workshop.yml:16:1: error[unknown-field]: unknown field 'requestor'"
    ),
    'type': (
        "content/activities/patent-workshop.yml:1:8: error[type]: 'title' should be text, not a list"
    ),
    'too-long': (
        "content/activities/patent-workshop.yml:1:8: error[too-long]: 'title' is 269 characters long; the limit is 200"
    ),
    'too-short': (
        "content/initiatives/examination-twinning.md:8:3: error[too-short]: 'partners' needs at least 2 items; it has 1"
    ),
    'duplicate-item': (
        "content/activities/patent-workshop.yml:5:31: error[duplicate-item]: 'patents' is listed twice in 'topics' (items 1 and 3)"
    ),
    'vocabulary': (
        "content/activities/patent-workshop.yml:3:7: error[vocabulary]: 'workshops' is not a code of the activity types vocabulary"
    ),
    'country': (
        "content/activities/patent-workshop.yml:9:9: error[country]: 'KE' is not a known country code"
    ),
    'language': (
        "content/activities/patent-workshop.yml:14:13: error[language]: 'english' is not a code of the languages vocabulary"
    ),
    'date': (
        "content/activities/patent-workshop.yml:7:6: error[date]: '2019-02-30' is not a valid date"
    ),
    'date-order': (
        "content/activities/patent-workshop.yml:7:6: error[date-order]: 'end' (2019-05-12) is before 'start' (2019-05-14)"
    ),
    'url': (
        "content/activities/patent-workshop.yml:17:26: error[url]: 'javascript:alert(1)' is not an http(s) web address"
    ),
    'email': (
        "content/initiatives/examination-twinning.md:11:42: error[email]: 'cooperation.office' is not a valid e-mail address"
    ),
    'number': (
        "content/activities/patent-workshop.yml:12:19: error[number]: 'twelve' is not a whole number from 0 to 100000"
    ),
    'placeholder': (
        "content/activities/patent-workshop.yml:3:7: error[placeholder]: 'type' still holds the placeholder 'TODO: a code from activity-types'"
    ),
    'unknown-reference': (
        "content/activities/patent-workshop.yml:15:15: error[unknown-reference]: no consultant has the id 'amina-dialo'"
    ),
    'country-required': (
        "content/initiatives/examination-twinning.md:8:5: error[country-required]: partner 'National Institute of Industrial Property' has no country"
    ),
    'not-southern': (
        'content/activities/patent-workshop.yml:9:9: error[not-southern]: SWE (Sweden), a developed economy on 2019-05-14, cannot be a host or provider of a South-South activity'
    ),
    'host-required': (
        'content/activities/patent-workshop.yml:1:1: error[host-required]: the activity names no host or provider'
    ),
    'beneficiary-party': (
        'content/activities/patent-workshop.yml:13:5: error[beneficiary-party]: a beneficiary names both a country and a group'
    ),
    'modality': (
        'content/activities/patent-workshop.yml:9:8: error[modality]: this activity is national cooperation, not '
        'south-south or triangular: one country only: KEN (Kenya), a developing economy on 2019-05-14'
    ),
    'modality-mismatch': (
        "content/initiatives/examination-twinning.md:3:7: error[modality-mismatch]: 'kind' says south-south, but the "
        "parties make triangular cooperation: southern countries cooperate with the support of World Intellectual "
        "Property Organization (WIPO), an international organization"
    ),
    'south-south-partner': (
        "content/initiatives/examination-twinning.md:10:59: error[south-south-partner]: partner 'Japan Patent Office' is from JPN (Japan), a developed economy on 2021-03-01; a south-south initiative has partners from the South only"
    ),
    'triangular-southern': (
        'content/initiatives/tisc-support.md:8:3: error[triangular-southern]: a triangular initiative needs beneficiary or provider partners from at least two southern countries; it has 1'
    ),
    'triangular-facilitator': (
        'content/initiatives/tisc-support.md:8:3: error[triangular-facilitator]: a triangular initiative needs a '
        'facilitating partner that is a developed country or an international organization; its facilitator THA '
        '(Thailand), a developing economy on 2022-01-01, is from the South'
    ),
    'control-character': (
        "content/activities/patent-workshop.yml:1:8: error[control-character]: 'title' contains the control "
        "character U+000D at column 18"
    ),
    'invisible-character': (
        "content/activities/patent-workshop.yml:1:8: error[invisible-character]: 'title' contains the invisible "
        "character U+202E (RIGHT-TO-LEFT OVERRIDE) at column 22"
    ),
    'markdown-complex': (
        "content/activities/patent-workshop.yml:2:14: error[markdown-complex]: 'description' has 400 '[' that no "
        "']' closes (the first at column 20): Markdown would take too long to convert it"
    ),
    'webmail-contact': (
        "content/initiatives/examination-twinning.md:11:35: warning[webmail-contact]: 'contact.email' is an address "
        "at a personal webmail provider ('maria.silva@gmail.com'); give a role address of the team"
    ),
    'personal-contact': (
        "content/consultants/amina-diallo.yml:5:12: error[personal-contact]: 'biography' contains an e-mail address "
        "('amina.diallo@mail.example.sn'); the portal publishes no personal contact details"
    ),
}


def test_every_code_has_a_case():
    assert set(CASES) == set(CODES)
    assert set(EXPECTED) | {"reference-data", "not-a-file", "committed-cache"} == set(CODES)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_exact_message(code, make_project):
    path, content = CASES[code]
    result = check(make_project(files_for(path, content)))
    problems = result.report.sorted()
    assert [p.headline() for p in problems] == [EXPECTED[code]]
    assert problems[0].hint, "every problem tells the contributor how to fix it"
    assert result.report.failed(strict=True)
    assert result.report.failed() == (problems[0].severity == "error")  # warnings fail only with --strict


def test_reference_data_problem(make_project):
    project = make_project({})
    regions = project.data_dir / "regions.yml"
    regions.write_text(regions.read_text(encoding="utf-8").replace(
        '"015": {name: Northern Africa, level: sub-region, parent: "002"}',
        '"015": {name: Northern Africa, level: sub-region, parent: "003"}'), encoding="utf-8")
    result = check(project)
    headlines = [p.headline() for p in result.report.sorted()]
    line = next(i for i, text in enumerate(regions.read_text(encoding="utf-8").splitlines(), 1) if '"015":' in text)
    assert headlines == [f"data/regions.yml:{line}:10: error[reference-data]: region '015' has an unknown parent '003'"]
    assert result.catalog is None


def test_not_a_file_problem(make_project):
    """A link cannot be written as file content: this case makes one, to a device."""
    import os

    from samples import ALL

    project = make_project(ALL)
    path, _content = CASES["not-a-file"]
    os.symlink("/dev/zero", project.root / path)
    problems = check(project).report.sorted()
    assert [p.headline() for p in problems] == [
        "content/activities/zero.yml:1:1: error[not-a-file]: 'content/activities/zero.yml' is a symbolic link"]
    assert problems[0].hint


def test_hints_are_specific():
    """Spot-check the hints that carry the most guidance."""
    assert "did you mean 'workshop'?" in _hint("vocabulary").lower()
    assert "KEN (Kenya)" in _hint("country")
    assert "kind: triangular" in _hint("south-south-partner")
    assert "WESP 2025" in _hint("not-southern")


def _hint(code):
    import tempfile
    from pathlib import Path

    from conftest import write_project

    with tempfile.TemporaryDirectory() as d:
        path, content = CASES[code]
        return check(write_project(Path(d), files_for(path, content))).report.sorted()[0].hint
