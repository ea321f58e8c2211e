"""The issue-form route: the committed form asks every question the converter reads, and the
converter turns an issue's answers into the same record file as the other routes, or into a list of
problems in the words of the form."""

from __future__ import annotations

import datetime as dt

import yaml

from portal.cli import main
from portal.contribute import field_paths
from portal.intake import FORM_FILE, convert, form_questions, read_answers, render_issue_form
from portal.pipeline import check
from portal.project import Project
from portal.kinds import INITIATIVE
from portal.scaffold import filled
from site_helpers import ROOT

TODAY = dt.date(2026, 11, 20)


def issue_body(answers: dict[str, str | list[str]]) -> str:
    """The Markdown GitHub writes for the committed issue form: '### label', a blank line, the answer
    ('_No response_' when empty; a multiple dropdown's choices joined by ', '; checkboxes as a list)."""
    form = yaml.safe_load((ROOT / FORM_FILE).read_text(encoding="utf-8"))
    parts = []
    for element in form["body"]:
        if element["type"] == "markdown":
            continue
        label = element["attributes"]["label"]
        if element["type"] == "checkboxes":
            value = "\n".join(f"- [X] {o['label']}" for o in element["attributes"]["options"])
        else:
            value = answers.get(element["id"], "")
            if isinstance(value, list):
                value = ", ".join(value)
        parts.append(f"### {label}\n\n{value or '_No response_'}")
    return "\n\n".join(parts)


COMPLETE = {
    "title": "TISC network support in the Mekong",
    "kind": "Triangular cooperation (triangular)",
    "status": "Ongoing (ongoing)",
    "summary": "Two offices of the South set up technology and innovation support centres, with support from WIPO.",
    "start": "2022-01",
    "partners": "Korean Intellectual Property Office | ip-office | KOR | provider\n"
                "Cambodia Department of Industrial Property | IP office | khm | beneficiary\n"
                "- Lao Department of Intellectual Property | ip-office | Lao People's Democratic Republic | beneficiary\n"
                "World Intellectual Property Organization | igo | | facilitator",
    "topics": ["Innovation and technology support centres (TISCs) (tisc)",
               "Traditional knowledge, genetic resources and traditional cultural expressions (traditional-knowledge)"],
    "body-1": "The offices share how they run TISCs.\n\n### Not a question of the form\n\nKept in the story.",
    "body-3": "Start with the users.",
    "links": "Launch of the network | https://www.example.org/launch",
    "contact-name": "TISC desk",
    "contact-email": "tisc@office.example",
}

MISTAKES = {
    "title": "Examiner exchange",
    "status": "Ongoing (ongoing)",
    "summary": "Two offices exchange examiners.",
    "start": "2021-13-01",
    "partners": "National Institute of Industrial Property | ip-office | Brasil | provider\n"
                "Japan Patent Office, JPN, facilitator\n"
                "Mozambique Industrial Property Institute | patent office | MOZ | beneficiary",
    "links": "https://www.example.org/exchange",
    "contact-email": "maria.silva at inpi",
}


def test_committed_issue_form_is_generated_and_asks_every_field(reference):
    assert (ROOT / FORM_FILE).read_text(encoding="utf-8") == render_issue_form(reference)
    asked = {q.path for q in form_questions()}
    for path, _ in field_paths():
        # a partner's or a link's parts are asked on one line; the contact through its own parts
        covered = path in asked or path.split(".")[0] in asked or any(a.startswith(path + ".") for a in asked)
        assert covered, f"the issue form does not ask for '{path}'"
    form = yaml.safe_load((ROOT / FORM_FILE).read_text(encoding="utf-8"))
    ids = [e.get("id") for e in form["body"]]
    assert len(ids) == len(set(ids))
    kind = next(e for e in form["body"] if e.get("id") == "kind")
    assert kind["attributes"]["options"] == ["South-South cooperation (south-south)", "Triangular cooperation (triangular)"]
    assert form["labels"] == ["initiative"]


def test_complete_answers_make_a_valid_record(make_project):
    project = make_project({})
    intake = convert(issue_body(COMPLETE), project, TODAY)
    assert [p.headline() for p in intake.problems] == []
    assert intake.path == "content/initiatives/tisc-network-support-in-the-mekong.md"
    expected = filled(INITIATIVE, {
        "title": COMPLETE["title"], "kind": "triangular", "status": "ongoing", "summary": COMPLETE["summary"],
        "start": "2022-01",
        "partners": [
            {"name": "Korean Intellectual Property Office", "type": "ip-office", "country": "KOR", "role": "provider"},
            {"name": "Cambodia Department of Industrial Property", "type": "ip-office", "country": "KHM",
             "role": "beneficiary"},
            {"name": "Lao Department of Intellectual Property", "type": "ip-office", "country": "LAO",
             "role": "beneficiary"},
            {"name": "World Intellectual Property Organization", "type": "igo", "role": "facilitator"},
        ],
        "topics": ["tisc", "traditional-knowledge"],
        "links": [{"title": "Launch of the network", "url": "https://www.example.org/launch"}],
        "contact": {"name": "TISC desk", "email": "tisc@office.example"},
        "submitted": "2026-11-20",
    }, {"The partnership": COMPLETE["body-1"], "Lessons": "Start with the users."})
    assert intake.text == expected
    # the same layout as `build.py new initiative`: its header, comments and quoting
    assert intake.text.startswith("---\n# An initiative record. Fill in every TODO, then run: .venv/bin/python build.py validate\n")
    assert '# end:\n' in intake.text and '  - name: "World Intellectual Property Organization"\n    type: "igo"\n' \
        '    role: "facilitator"\n' in intake.text
    assert intake.text.endswith("## Lessons\n\nStart with the users.\n")


def test_from_issue_writes_a_file_that_validate_accepts(make_project, tmp_path, capsys):
    project = make_project({})
    body = tmp_path / "issue.md"
    body.write_text(issue_body(COMPLETE).replace("\n", "\r\n"), encoding="utf-8")  # as the API may give it
    assert main(["--root", str(project.root), "from-issue", str(body), "--write", "--date", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    assert out == ("The answers make a valid initiative record: `content/initiatives/tisc-network-support-in-the-mekong.md`.\n"
                   "Wrote `content/initiatives/tisc-network-support-in-the-mekong.md`.\n")
    assert main(["--root", str(project.root), "validate"]) == 0
    record = check(project).catalog.get("initiatives", "tisc-network-support-in-the-mekong")
    assert record.kind == "triangular" and len(record.partners) == 4
    assert record.submitted.iso == "2026-11-20"
    assert "Kept in the story." in record.body
    # the same issue again: the file exists, nothing is overwritten
    assert main(["--root", str(project.root), "from-issue", str(body), "--write"]) == 1
    assert "already exists" in capsys.readouterr().out


def test_answers_with_mistakes_make_a_clear_list_of_problems(make_project, tmp_path, capsys):
    project = make_project({})
    body = tmp_path / "issue.md"
    body.write_text(issue_body(MISTAKES), encoding="utf-8")
    assert main(["--root", str(project.root), "from-issue", str(body), "--write", "--date", "2026-11-20"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "The answers cannot become a record yet: 10 things to correct.",
        "",
        "- **Kind of cooperation**: This answer is required but is empty.",
        "- **Start date**: '2021-13-01' is not a valid date. Write dates as YYYY-MM-DD, YYYY-MM or YYYY (ISO 8601), "
        "for example 2024-03-15, and check that the day exists in that month.",
        "- **Partners**: Line 2 ('Japan Patent Office, JPN, facilitator') has 1 part separated by '|'; it needs 4: "
        "name | type | country | role. Write one item per line, for example: National Institute of Industrial "
        "Property | ip-office | BRA | provider. Leave the country empty for an international organization: World "
        "Intellectual Property Organization | igo | | facilitator.",
        "- **Partners, line 1 (National Institute of Industrial Property)**: 'Brasil' is not a known country code. "
        "Did you mean BRA (Brazil) or BHR (Bahrain)? Countries are written as ISO 3166-1 alpha-3 codes, such as "
        "BRA, KEN or IND.",
        "- **Partners, line 3 (Mozambique Industrial Property Institute)**: 'patent office' is not a code of the "
        "organization types vocabulary. Did you mean 'ip-office'? Allowed codes: cmo, development-agency, "
        "government, igo, ip-office, ngo, other, private-sector, regional-ip-organization, tisc, university.",
        "- **IP topics**: This answer is required but is empty.",
        "- **The partnership**: This answer is required but is empty.",
        "- **Web pages**: Line 1 ('https://www.example.org/exchange') has 1 part separated by '|'; it needs 2: "
        "title | address. Write one item per line, for example: Launch of the partnership | "
        "https://www.example.org/news/launch.",
        "- **Contact: team or office**: This answer is required but is empty.",
        "- **Contact: role e-mail address**: 'maria.silva at inpi' is not a valid e-mail address. Write a role "
        "address such as cooperation@office.example, without 'mailto:'.",
        "",
        "Edit the issue to correct them; a maintainer will then convert it again.",
    ]
    assert not (project.content_dir / "initiatives").exists(), "nothing is written when there are problems"


def test_rules_of_the_validator_apply(make_project):
    answers = dict(COMPLETE, kind="South-South cooperation (south-south)",
                   partners="Japan Patent Office | ip-office | JPN | provider\n"
                            "Mozambique Industrial Property Institute | ip-office | MOZ | beneficiary")
    intake = convert(issue_body(answers), make_project({}), TODAY)
    assert [p.code for p in intake.problems] == ["south-south-partner"]
    assert intake.problems[0].field == "partners[0].country"


def test_reading_answers():
    body = issue_body({"title": "  A name  ", "summary": "First line\n### Summary\nstill the summary"})
    answers = read_answers(body)
    assert answers["title"] == "A name"
    assert answers["summary"] == "First line\n### Summary\nstill the summary"
    assert answers["end"] == ""  # '_No response_'
    assert "consent" in answers and "Publication" not in answers["reviewed"]


def test_preview_prints_the_file_without_writing(make_project, tmp_path, capsys):
    project = make_project({})
    body = tmp_path / "issue.md"
    body.write_text(issue_body(COMPLETE), encoding="utf-8")
    assert main(["--root", str(project.root), "from-issue", str(body), "--date", "2026-11-20"]) == 0
    out = capsys.readouterr().out
    assert "````markdown\n---\n# An initiative record." in out
    assert not (project.content_dir / "initiatives").exists()


def test_a_project_copy_is_used_for_checking(tmp_path):
    """The converter checks in a scratch copy: the project's own content/ is left as it was."""
    project = Project(ROOT)
    before = sorted(p.name for p in (ROOT / "content" / "initiatives").iterdir())
    intake = convert(issue_body(COMPLETE), project, TODAY)
    assert intake.ok
    assert sorted(p.name for p in (ROOT / "content" / "initiatives").iterdir()) == before
