"""The tests leave the checkout as they found it and do not depend on the day they run.

No test creates, changes or deletes anything in the checkout's .cache/ or site/ (builds in tests keep
their cache and output in temporary folders). This file runs after every other test (conftest.py
orders it last); conftest's pytest_sessionfinish makes the same check at the very end of any run,
whichever tests were selected, and fails the run if it finds a change."""

import os
import subprocess
import sys

from conftest import CHECKOUT_BEFORE, TODAY
from portal.pipeline import build_date
from site_helpers import changes, snapshot_checkout


def test_every_test_and_its_subprocesses_build_for_the_pinned_day():
    assert build_date() == TODAY
    code = "from portal.pipeline import build_date; print(build_date())"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=os.path.dirname(os.path.dirname(__file__)))
    assert done.stdout.strip() == TODAY.isoformat()


def test_the_checkout_is_untouched_by_the_tests(request):
    before = request.config.stash[CHECKOUT_BEFORE]
    assert changes(before, snapshot_checkout()) == []


def test_the_check_sees_every_kind_of_change(tmp_path):
    """The comparison the two checks make: a folder created, a file written, touched or deleted."""
    assert snapshot_checkout(tmp_path) == {".cache": {}, "site": {}}
    empty = snapshot_checkout(tmp_path)
    (tmp_path / "site" / "en").mkdir(parents=True)
    page = tmp_path / "site" / "en" / "index.html"
    page.write_text("one", encoding="utf-8")
    built = snapshot_checkout(tmp_path)
    assert changes(empty, built) == ["created: site", "created: site/en", "created: site/en/index.html"]
    assert changes(built, snapshot_checkout(tmp_path)) == []  # reading changes nothing

    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # same bytes, written again
    touched = snapshot_checkout(tmp_path)
    assert changes(built, touched) == ["modified: site/en/index.html"]

    page.unlink()
    (tmp_path / ".cache").mkdir()
    assert changes(touched, snapshot_checkout(tmp_path)) == ["created: .cache", "modified: site/en",
                                                              "deleted: site/en/index.html"]
