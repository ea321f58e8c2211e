"""End to end: the shipped content/ validates strictly, with enough records to make the site worth opening."""

import subprocess
import sys
from pathlib import Path

from portal.pipeline import check
from portal.project import Project

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
