"""The whole output of a small fixture corpus, compared with the committed golden tree."""

from __future__ import annotations

from golden.tree import EXPECTED, build_fixture, differences, files


def test_fixture_builds_to_the_golden_tree(tmp_path):
    built = build_fixture(tmp_path)
    assert len(files(EXPECTED)) > 100, "the golden tree is missing: run `make golden`"
    diff = differences(built)
    assert not diff, ("the build differs from tests/golden/expected/ (after a deliberate change, run "
                      "`make golden` and review the diff):\n" + "\n".join(diff[:40]))
