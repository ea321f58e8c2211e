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
