"""End to end: the shipped content/ validates strictly, with enough records to make the site worth opening."""

import subprocess
import sys
from pathlib import Path

from portal.pipeline import check
from portal.project import Project
from site_helpers import forks

ROOT = Path(__file__).resolve().parent.parent
MINIMUM = {"activities": 40, "consultants": 20, "needs": 12, "offers": 12, "case-studies": 8, "initiatives": 15}


def test_shipped_content_is_valid_and_complete():
    result = check(Project(ROOT))
    assert [p.headline() for p in result.report.errors] == []
    counts = result.counts()
    for collection, minimum in MINIMUM.items():
        assert counts[collection] >= minimum, collection


def test_shipped_content_cross_references():
    catalog = check(Project(ROOT)).catalog
    used = {cid for a in catalog.records["activities"] for cid in a.consultants}
    assert used == {c.id for c in catalog.records["consultants"]}, "every consultant worked on an activity"
    kinds = {i.kind for i in catalog.records["initiatives"]}
    assert kinds == {"south-south", "triangular"}
    wipo = {catalog.reference.countries[h].wipo for a in catalog.records["activities"] for h in a.hosts}
    assert {"africa", "arab", "asia-pacific", "latin-america-caribbean"} <= wipo


def test_validate_command_on_shipped_content():
    done = subprocess.run([sys.executable, "build.py", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    # the sample content keeps two expired needs on purpose: they show how expiry is reported
    last = done.stdout.rstrip().splitlines()[-1]
    assert last.startswith("Checked ") and last.endswith("(0 errors, 2 warnings in 2 files).")
    assert done.stdout.count("warning[expired]") == 2
    strict = subprocess.run([sys.executable, "build.py", "validate", "--strict"], cwd=ROOT, capture_output=True, text=True)
    assert strict.returncode == 1 and "warnings count as errors (--strict)" in strict.stdout


@forks
def test_loading_in_several_processes_gives_the_same_records_and_problems(tmp_path):
    """Many record files are loaded by one forked process per core (portal/load.py); forced here on
    the shipped content plus broken files, the records, their order and the problems are the same
    as from one process."""
    import shutil

    from portal.load import load_content

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "activities" / "Bad Name.yml").write_text("title: x\n", encoding="utf-8")
    (content / "needs" / "broken-yaml.yml").write_text("title: [unclosed\n", encoding="utf-8")
    (content / "offers" / "not-utf8.yml").write_bytes(b"title: caf\xe9\n")
    (content / "stray.txt").write_text("", encoding="utf-8")
    one = load_content(content, tmp_path, workers=1)
    for workers in (2, 3):
        assert load_content(content, tmp_path, workers=workers) == one
    records, problems = one
    assert len(records) > 100 and {"file-name", "encoding", "file-type"} <= {p.code for p in problems}


def test_parsed_records_kept_in_the_cache_give_the_same_records_and_problems(tmp_path, monkeypatch):
    """portal/load.py, ParsedCache: loading with the cache cold, warm (one process or several) and
    without it gives equal records (their data and every value's position, found again in the text
    when a problem asks) and the same problems, line and column included; a warm cache parses no
    record file, and a cache of another recipe or damaged is not read."""
    import json
    import shutil

    from conftest import ROOT
    from portal import yamlsafe
    from portal.load import PARSED_CACHE, load_content
    from portal.pipeline import check
    from conftest import write_project

    project = write_project(tmp_path / "p", {})
    shutil.copytree(ROOT / "content", project.content_dir)
    # Problems found after parsing, each at a line: an unknown field, a bad value, a dated warning.
    (project.content_dir / "activities" / "with-problems.yml").write_text(
        (ROOT / "content" / "activities" / sorted(p.name for p in (ROOT / "content" / "activities").glob("*.yml"))[0])
        .read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    (project.content_dir / "needs" / "broken-yaml.yml").write_text("title: [unclosed\n", encoding="utf-8")
    cache = project.cache_dir / PARSED_CACHE

    def headlines(checked) -> list[str]:
        return [p.headline() for p in checked.report.problems]

    without = check(project, use_cache=False)
    assert not cache.exists()
    assert any(":colour" in h or "colour" in h for h in headlines(without))
    cold = check(project, use_cache=True)
    assert cache.is_file()
    parses = []
    real = yamlsafe.parse
    monkeypatch.setattr(yamlsafe, "parse", lambda text, *a, **k: parses.append(text) or real(text, *a, **k))
    warm = load_content(project.content_dir, project.root, workers=1, cache_file=cache)
    assert len(parses) == 1  # the broken file only, which has nothing kept
    monkeypatch.setattr(yamlsafe, "parse", real)
    assert warm == load_content(project.content_dir, project.root, workers=1)  # positions found again, equal
    assert load_content(project.content_dir, project.root, workers=2, cache_file=cache) == warm
    again = check(project, use_cache=True)
    assert headlines(without) == headlines(cold) == headlines(again)
    assert [p.hint for p in without.report.problems] == [p.hint for p in again.report.problems]

    head, *entries = cache.read_text(encoding="utf-8").splitlines()
    head = json.loads(head)
    kept = {key: json.loads(value) for key, value in (line.split("\t") for line in entries)}
    assert head == {"recipe": yamlsafe.RECIPE}
    assert len(kept) == len(entries) == len(warm[0])  # every record's, and no other

    def table(head: dict, entries) -> str:  # as portal/kept.py writes it
        return json.dumps(head) + "\n" + "".join(f"{key}\t{json.dumps(value)}\n" for key, value in entries.items())

    wrong = {key: {"title": "Read from the cache"} for key in kept}
    for name, text in {"another recipe": table({"recipe": "0" * 64}, wrong),
                       "not JSON": "{", "values cut short": table(head, wrong).replace('"}', ""),
                       "entries that are not data": table(head, {k: ["x"] for k in kept})}.items():
        cache.write_text(text, encoding="utf-8")
        assert headlines(check(project, use_cache=True)) == headlines(without), name
    # The same wrong data under this recipe is read: the cases above could fail.
    cache.write_text(table(head, wrong), encoding="utf-8")
    assert headlines(check(project, use_cache=True)) != headlines(without)
