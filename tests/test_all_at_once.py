"""Every problem at once: the format's checks and the South-South rules run together wherever one
does not depend on the other, in `validate` and in `from-issue`, so a contributor corrects
everything in one round."""

from __future__ import annotations

import datetime as dt

from portal.cli import main
from portal.intake import convert, format_report
from portal.pipeline import check
from test_intake import issue_body

# One error of each kind: a missing field (summary), a value outside its vocabulary (status), an
# impossible date (reviewed), an end before the start, and a developed-country partner in a
# South-South initiative.
EVERY_KIND = """\
---
title: Patent examination twinning
kind: south-south
status: active
start: 2021-03
end: 2020-05
partners:
  - {name: National Institute of Industrial Property, type: ip-office, country: BRA, role: provider}
  - {name: Japan Patent Office, type: ip-office, country: JPN, role: beneficiary}
topics: [patents]
submitted: 2024-06-01
reviewed: 2025-13-45
---

The two offices exchange examiners.
"""

# The sixth: a South-South initiative whose partners are all from one country.
ONE_COUNTRY = """\
---
title: Examiners exchange
kind: south-south
status: ongoing
summary: Two offices of one country exchange examiners.
start: 2021-03
partners:
  - {name: National Institute of Industrial Property, type: ip-office, country: BRA, role: provider}
  - {name: Federal University of Rio de Janeiro, type: university, country: BRA, role: beneficiary}
topics: [patents]
submitted: 2024-06-01
reviewed: 2025-13-45
---

Body.
"""

EXPECTED = {
    ("required", ""): "required field 'summary' is missing",
    ("vocabulary", "status"): "'active' is not a code of the initiative statuses vocabulary",
    ("date", "reviewed"): "'2025-13-45' is not a valid date",
    ("date-order", "end"): "'end' (2020-05) is before 'start' (2021-03)",
    ("south-south-partner", "partners[1].country"): "partner 'Japan Patent Office' is from JPN (Japan), a developed "
                                                    "economy on 2021-03-01; a south-south initiative has partners "
                                                    "from the South only",
}


def test_validate_reports_every_kind_of_error_in_one_run(make_project, capsys):
    project = make_project({"content/initiatives/twinning.md": EVERY_KIND,
                            "content/initiatives/one-country.md": ONE_COUNTRY})
    report = check(project).report
    found = {(p.code, p.field): p.message for p in report.problems if p.path.endswith("twinning.md")}
    assert found == EXPECTED
    one = {(p.code, p.field): p.message for p in report.problems if p.path.endswith("one-country.md")}
    assert set(one) == {("date", "reviewed"), ("modality-mismatch", "kind")}
    assert one[("modality-mismatch", "kind")].startswith("'kind' says south-south, but the parties make national "
                                                         "cooperation: one country only")
    # The command line prints all of them, each once, in one run.
    assert main(["--root", str(project.root), "validate"]) == 1
    out = capsys.readouterr().out
    for (code, _field), message in EXPECTED.items():
        assert sum(line.startswith("content/initiatives/twinning.md:") and line.endswith(f"error[{code}]: {message}")
                   for line in out.splitlines()) == 1
    assert "error[modality-mismatch]" in out


def test_a_rule_waits_for_the_fields_it_reads(make_project):
    """A partner that is not valid leaves the partners unjudged: the rule would judge a list the
    contributor did not write. The other problems still come in the same run."""
    text = EVERY_KIND.replace("country: JPN", "country: JPX")
    report = check(make_project({"content/initiatives/twinning.md": text})).report
    codes = {p.code for p in report.problems}
    assert "country" in codes and "south-south-partner" not in codes
    assert {"required", "vocabulary", "date", "date-order"} <= codes


def test_from_issue_reports_every_kind_of_error_in_one_run(make_project):
    answers = {
        "title": "Patent examination twinning",
        "kind": "South-South cooperation (south-south)",
        "status": "active",
        "start": "2021-03",
        "end": "2020-05",
        "partners": "National Institute of Industrial Property | ip-office | BRA | provider\n"
                    "Japan Patent Office | ip-office | JPN | beneficiary",
        "topics": ["Patents (patents)"],
        "body-1": "The two offices exchange examiners.",
        "reviewed": "2025-13-45",
    }
    intake = convert(issue_body(answers), make_project({}), dt.date(2024, 6, 1))
    codes = {(p.code, p.field) for p in intake.problems}
    assert codes == {("placeholder", "summary"), ("vocabulary", "status"), ("date", "reviewed"),
                     ("date-order", "end"), ("south-south-partner", "partners[1].country")}
    report = format_report(intake)
    assert "5 things to correct" in report
    assert "**Partners, line 2 (Japan Patent Office)**" in report and "**End date**" in report
