"""The golden tree: a small fixture corpus (tests/golden/project/) built with the project's own
data/ and templates/ on a pinned date, compared file by file with the committed expectation in
tests/golden/expected/. Regenerate it after a deliberate change with

    make golden        (or: .venv/bin/python -m tests.golden.tree --update)

and review the diff of tests/golden/expected/ like any other change."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PROJECT = HERE / "project"
EXPECTED = HERE / "expected"
# The day the fixture is built for: pins which needs have expired and every "today".
TODAY = dt.date(2026, 12, 6)
# Outputs that are not byte-stable by design: Pagefind's filter and metadata files differ between
# two builds of the same site (upstream issue #638), and the PDF embeds its printer's version.
UNSTABLE = ("pagefind/", "data/case-studies.pdf")


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()))


def build_fixture(work: Path) -> Path:
    """Build the fixture corpus under `work` and return the built site's folder."""
    from portal.pipeline import build
    from portal.project import Project

    project = work / "project"
    shutil.copytree(PROJECT, project)
    for folder in ("data", "templates"):
        shutil.copytree(ROOT / folder, project / folder)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch(TODAY)
    try:
        result = build(Project(project), site_dir=work / "site", use_cache=False)
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    if not result.ok:
        raise AssertionError("the golden fixture did not build:\n" +
                             "\n".join(p.headline() for p in result.report.sorted()))
    return work / "site"


def files(folder: Path) -> dict[str, Path]:
    """Every file of a built tree that the golden comparison covers, by its path in the site."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and not rel.startswith(UNSTABLE):
            out[rel] = path
    return out


def differences(built: Path, expected: Path = EXPECTED) -> list[str]:
    """What differs between a built tree and the expectation, one line a file, with the first
    differing line of each changed text file."""
    got, want = files(built), files(expected) if expected.is_dir() else {}
    out = [f"missing from the build: {p}" for p in sorted(want.keys() - got.keys())]
    out += [f"not expected: {p}" for p in sorted(got.keys() - want.keys())]
    for rel in sorted(got.keys() & want.keys()):
        a, b = want[rel].read_bytes(), got[rel].read_bytes()
        if a == b:
            continue
        line = next((i for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), 1) if x != y),
                    min(len(a.splitlines()), len(b.splitlines())) + 1)
        out.append(f"changed: {rel} (from line {line})")
    return out


def update(built: Path, expected: Path = EXPECTED) -> None:
    if expected.exists():
        shutil.rmtree(expected)
    for rel, path in files(built).items():
        target = expected / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="write the built tree as the new expectation")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        built = build_fixture(Path(tmp))
        if args.update:
            update(built)
            print(f"golden tree updated: {len(files(built))} files in {EXPECTED.relative_to(ROOT)}")
            return 0
        diff = differences(built)
        print("\n".join(diff) or "the golden tree matches")
        return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
