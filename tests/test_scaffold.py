"""`build.py new` writes a template that is rejected until its TODOs are filled, and valid after."""

import itertools
import re

import pytest

from portal.cli import main
from portal.pipeline import check
from portal.kinds import KINDS
from samples import ALL


def fill(text: str) -> str:
    """Fill every placeholder the way a contributor would, by what its text asks for."""
    countries = itertools.cycle(["BRA", "MOZ"])

    def value(match):
        asked = match.group(1)
        if asked.startswith("Id of the need"):
            return "gi-registry"
        if asked.startswith("Id of the offer"):
            return "gi-training"
        if "country code" in asked:
            return next(countries)
        if "YYYY-MM-DD" in asked:
            return "2024-01-15"
        return '"Filled in by the contributor"'

    text = re.sub(r'"TODO: ([^"]*)"', value, text)
    return re.sub(r"^TODO: .*$", "Filled in by the contributor.", text, flags=re.M)


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_new_record_validates_once_filled(kind, make_project, capsys):
    project = make_project(ALL)  # a match refers to a need and an offer
    assert main(["--root", str(project.root), "new", kind, "--title", "Coopération Sud-Sud: brevets", "--date", "2026-11-29"]) == 0
    kind_ = next(k for k in KINDS if k.name == kind)
    path = project.content_dir / kind_.collection / f"cooperation-sud-sud-brevets{kind_.extension}"
    assert f"Wrote {path.relative_to(project.root).as_posix()}" in capsys.readouterr().out

    unfilled = [p for p in check(project).report.problems if not p.path.startswith(tuple(ALL))]
    assert unfilled, "a template with TODOs must not validate"
    assert {p.code for p in unfilled} == {"placeholder"}

    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = check(project)
    assert [p.headline() for p in result.report.problems] == []
    record = result.catalog.get(kind_.collection, "cooperation-sud-sud-brevets")
    title = getattr(record, "title", None) or record.name
    assert title in ("Coopération Sud-Sud: brevets", "Filled in by the contributor")


def test_new_initiative_names_title_and_today(make_project):
    project = make_project({})
    main(["--root", str(project.root), "new", "initiative", "--title", "Patent twinning", "--date", "2026-11-29"])
    text = (project.content_dir / "initiatives" / "patent-twinning.md").read_text(encoding="utf-8")
    assert 'title: "Patent twinning"' in text
    assert 'submitted: "2026-11-29"' in text
    assert text.startswith("---\n")


def test_new_refuses_to_overwrite(make_project, capsys):
    project = make_project({})
    args = ["--root", str(project.root), "new", "offer", "--title", "Training"]
    assert main(args) == 0
    assert main(args) == 1
    assert "already exists" in capsys.readouterr().err


def test_yml_templates_name_their_schema(make_project):
    project = make_project({})
    main(["--root", str(project.root), "new", "activity", "--title", "Workshop"])
    first = (project.content_dir / "activities" / "workshop.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/activity.schema.json"
